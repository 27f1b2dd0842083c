package io.cordon.dashboard.alerts;

import io.cordon.dashboard.live.LiveHub;
import io.cordon.http.KafkaClients;
import io.cordon.http.Location;
import io.cordon.schemas.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledgements shared by every dashboard of a city. The dashboard that takes one tells its own walls at once and
 * writes it to {@link Topics#ALERT_ACKS}; every dashboard's {@link AlertFeed} follows that topic and hands what it
 * reads to {@link #received}, which tells that dashboard's walls (each wall once: {@link LiveHub} forgets no recent
 * acknowledgement it announced). Without Kafka (a dashboard started without it) only the local walls are told.
 */
public final class AlertAcks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertAcks.class);

    private final Vertx vertx;
    private final LiveHub hub;
    private final KafkaProducer<String, String> producer;

    public AlertAcks(Vertx vertx, LiveHub hub, String kafkaBootstrap) {
        this.vertx = vertx;
        this.hub = hub;
        if (kafkaBootstrap == null) {
            this.producer = null;
        } else {
            Properties p = KafkaClients.producer(
                    kafkaBootstrap, "cordon-dashboard-acks", Duration.ofSeconds(2), Duration.ofSeconds(10));
            p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        }
    }

    /** An acknowledgement taken here (on the event loop): this dashboard's walls now, every other's through Kafka. */
    public void announce(String alertId, Location at) {
        hub.acknowledged(alertId, at);
        if (producer == null) {
            return;
        }
        String record = json(alertId, at).encode();
        // send() may wait for Kafka's metadata: never on the event loop
        vertx.executeBlocking(
                () -> producer.send(new ProducerRecord<>(Topics.ALERT_ACKS, alertId, record), (metadata, e) -> {
                    if (e != null) {
                        LOG.warn(
                                "alert {} acknowledged, but other dashboards' walls are not told: {}",
                                alertId,
                                e.getMessage());
                    }
                }),
                false);
    }

    /** An acknowledgement read from {@link Topics#ALERT_ACKS} (any dashboard's, this one's included). */
    public void received(String record) {
        JsonObject j = new JsonObject(record);
        String alertId = j.getString("alert_id");
        if (alertId == null) {
            throw new IllegalArgumentException("an acknowledgement without alert_id");
        }
        Location at = new Location(
                j.getString("district"),
                j.getString("street"),
                j.getString("community"),
                j.getString("responsible_unit"),
                j.getString("checkpoint_id"));
        vertx.runOnContext(v -> hub.acknowledged(alertId, at));
    }

    static JsonObject json(String alertId, Location at) {
        return new JsonObject()
                .put("alert_id", alertId)
                .put("district", at.district())
                .put("street", at.street())
                .put("community", at.community())
                .put("responsible_unit", at.unit())
                .put("checkpoint_id", at.checkpointId());
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
    }
}
