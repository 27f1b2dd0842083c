package io.cordon.dashboard;

import io.cordon.schemas.FeverAlert;
import io.cordon.schemas.Json;
import io.cordon.schemas.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the fever-alert topic that the checkpoint job writes (one record per feverish person of a first-seen
 * arrival) from its end, and hands each alert once to the wall. The job writes at least once, so alerts repeated
 * after a job restart are dropped here by their key.
 */
public final class AlertFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertFeed.class);
    private static final int REMEMBERED = 100_000;

    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private final Map<String, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };
    private volatile boolean running = true;

    public AlertFeed(String bootstrap, Consumer<FeverAlert> sink) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "cordon-dashboard-alerts");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        this.thread = new Thread(() -> run(sink), "cordon-alert-feed");
        this.thread.setDaemon(true);
    }

    public AlertFeed start() {
        thread.start();
        return this;
    }

    private void run(Consumer<FeverAlert> sink) {
        try {
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                partitions = consumer.partitionsFor(Topics.FEVER_ALERTS, Duration.ofSeconds(30)).stream()
                        .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
                if (partitions.isEmpty()) {
                    Thread.sleep(1000);
                }
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        FeverAlert alert = Json.read(r.value(), FeverAlert.class);
                        if (seen.put(alert.key(), Boolean.TRUE) == null) {
                            sink.accept(alert);
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("skipping an unreadable fever alert at offset {}: {}", r.offset(), e.getMessage());
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.warn("alert feed woken up unexpectedly", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("alert feed stopped: {}", e.getMessage(), e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5000);
    }
}
