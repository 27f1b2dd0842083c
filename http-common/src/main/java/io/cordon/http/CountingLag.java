package io.cordon.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the counting job is behind the event log: the events of a topic that its consumer group has not yet
 * committed (the Flink job commits the offsets of each completed checkpoint), and how long ago the oldest of them was
 * written. Measured every two seconds on a worker. Ingest refuses feed requests without a fever while the counting is
 * too far behind (overload), and the walls say how far behind their figures are.
 */
public final class CountingLag implements AutoCloseable, Supplier<CountingLag.Lag> {

    private static final Logger LOG = LoggerFactory.getLogger(CountingLag.class);
    private static final long EVERY_MILLIS = 2_000;

    /** Events not yet counted, and the age in seconds of the oldest; {@code known} false until measured once. */
    public record Lag(long events, long seconds, boolean known) {
        public static final Lag UNKNOWN = new Lag(0, 0, false);
    }

    private final String topic;
    private final String group;
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private volatile Lag current = Lag.UNKNOWN;
    private boolean warned;
    /** One measurement at a time; a tick that finds one under way is skipped. */
    private final ReentrantLock measuring = new ReentrantLock();

    private volatile boolean closing;
    private Vertx vertx;
    private long timer = -1;

    public CountingLag(String bootstrap, String topic, String group) {
        this.topic = topic;
        this.group = group;
        this.admin = Admin.create(KafkaClients.admin(bootstrap, "cordon-counting-lag", Duration.ofSeconds(3)));
        Properties c = KafkaClients.consumer(bootstrap, "cordon-counting-lag");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
        c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(1 << 20));
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * The lag as Prometheus gauges, by the job's consumer group: {@code cordon_counting_lag_seconds} (NaN while unknown)
     * and {@code cordon_counting_lag_events}.
     */
    public static void register(MeterRegistry registry, String group, Supplier<Lag> lag) {
        Gauge.builder(
                        "cordon_counting_lag_seconds",
                        lag,
                        l -> l.get().known() ? l.get().seconds() : Double.NaN)
                .tag("group", group)
                .strongReference(true)
                .description("how far the job's counting is behind its event log: the oldest event not counted yet")
                .register(registry);
        Gauge.builder(
                        "cordon_counting_lag_events",
                        lag,
                        l -> l.get().known() ? l.get().events() : Double.NaN)
                .tag("group", group)
                .strongReference(true)
                .description("events in the job's event log not counted yet")
                .register(registry);
    }

    public CountingLag start(Vertx vertx) {
        this.vertx = vertx;
        timer = Periodic.blocking(vertx, EVERY_MILLIS, this::measureUnlessClosing);
        return this;
    }

    @Override
    public Lag get() {
        return current;
    }

    private void measureUnlessClosing() {
        if (!measuring.tryLock()) {
            return;
        }
        try {
            if (!closing) {
                measure();
            }
        } finally {
            measuring.unlock();
        }
    }

    private void measure() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(3, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().stream()
                    .filter(tp -> tp.topic().equals(topic))
                    .forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            if (latest.isEmpty()) {
                current = Lag.UNKNOWN; // the job has not committed yet: nothing is known to be behind
                return;
            }
            var ends = admin.listOffsets(latest).all().get(3, TimeUnit.SECONDS);
            long events = 0;
            Map<TopicPartition, Long> behind = new HashMap<>();
            for (TopicPartition tp : latest.keySet()) {
                long from = committed.get(tp).offset();
                long to = ends.get(tp).offset();
                if (to > from) {
                    events += to - from;
                    behind.put(tp, from);
                }
            }
            long oldest = Long.MAX_VALUE;
            if (!behind.isEmpty()) {
                consumer.assign(List.copyOf(behind.keySet()));
                behind.forEach(consumer::seek);
                long deadline = System.currentTimeMillis() + 1000;
                Map<TopicPartition, Long> firstSeen = new HashMap<>();
                while (firstSeen.size() < behind.size() && System.currentTimeMillis() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                        if (!firstSeen.containsKey(tp)) {
                            firstSeen.put(tp, r.timestamp());
                            consumer.pause(List.of(tp));
                        }
                    }
                }
                consumer.unsubscribe();
                for (long ts : firstSeen.values()) {
                    oldest = Math.min(oldest, ts);
                }
            }
            long seconds = oldest == Long.MAX_VALUE ? 0 : Math.max(0, (System.currentTimeMillis() - oldest) / 1000);
            current = new Lag(events, seconds, true);
        } catch (WakeupException e) {
            // closing
        } catch (Exception e) {
            if (closing) {
                return;
            }
            if (current.known() || !warned) {
                LOG.warn("the counting lag of {} cannot be measured now: {}", topic, e.toString());
                warned = true;
            }
            current = Lag.UNKNOWN;
        }
    }

    /**
     * Stops at once, even while Kafka hangs: the admin calls under way are abandoned (which ends a measurement waiting
     * on them), a poll under way is woken, and the consumer is closed once no measurement uses it.
     */
    @Override
    public void close() {
        closing = true;
        if (vertx != null && timer >= 0) {
            vertx.cancelTimer(timer);
        }
        admin.close(Duration.ZERO);
        consumer.wakeup();
        try {
            if (measuring.tryLock(5, TimeUnit.SECONDS)) {
                try {
                    consumer.close(Duration.ZERO);
                } finally {
                    measuring.unlock();
                }
            } else {
                LOG.warn("the counting lag's consumer of {} is still measuring; left to the JVM", topic);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
