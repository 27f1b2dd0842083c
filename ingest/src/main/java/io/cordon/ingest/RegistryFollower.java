package io.cordon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.http.KafkaClients;
import io.cordon.schemas.Json;
import io.cordon.schemas.Topics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the registry log into this instance's mirrors: at start it reads the whole log (every upload through every
 * instance, in order) and {@link #caughtUp()} completes once it has reached the end it saw when it started; then it
 * keeps reading, so an upload through another instance is honoured here within about a second. A worker verticle:
 * each poll runs on its worker context, one after another, never on an event loop.
 */
public final class RegistryFollower extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryFollower.class);

    private final String bootstrap;
    private final Map<String, Registry<?, ?>> registries = new HashMap<>();
    private final Promise<Void> caughtUp = Promise.promise();
    private KafkaConsumer<String, String> consumer;
    private Map<TopicPartition, Long> endAtStart;
    private volatile boolean stopping;
    private long applied;

    public RegistryFollower(String bootstrap, List<Registry<?, ?>> registries) {
        this.bootstrap = bootstrap;
        registries.forEach(r -> this.registries.put(r.type().table(), r));
    }

    /** Completes once every registry row written before this instance started is in its mirrors. */
    public Future<Void> caughtUp() {
        return caughtUp.future();
    }

    @Override
    public Future<?> start() {
        Properties p = KafkaClients.consumer(bootstrap, "cordon-ingest-registry");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.REGISTRY, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        endAtStart = consumer.endOffsets(partitions);
        vertx.runOnContext(v -> poll());
        return Future.succeededFuture();
    }

    private void poll() {
        if (stopping) {
            return;
        }
        try {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                apply(r);
            }
            if (!caughtUp.future().isComplete()
                    && endAtStart.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                LOG.info("registry log read: {} rows applied", applied);
                caughtUp.tryComplete();
            }
        } catch (RuntimeException e) {
            LOG.warn("reading the registry log failed, trying again in a second: {}", e.getMessage());
            vertx.setTimer(1000, id -> poll());
            return;
        }
        vertx.runOnContext(v -> poll());
    }

    private void apply(ConsumerRecord<String, String> r) {
        try {
            JsonNode record = Json.MAPPER.readTree(r.value());
            Registry<?, ?> registry = registries.get(record.path("table").asText());
            if (registry != null) {
                registry.apply(record.path("row"));
                applied++;
            }
        } catch (Exception e) {
            LOG.warn("registry log record at offset {} cannot be read ({}); skipped", r.offset(), e.getMessage());
        }
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        return vertx.executeBlocking(() -> {
            consumer.close(Duration.ofSeconds(2));
            return null;
        });
    }
}
