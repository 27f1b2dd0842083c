package io.cordon.dashboard.alerts;

import io.cordon.http.Health;
import io.cordon.http.KafkaClients;
import io.cordon.schemas.FeverAlert;
import io.cordon.schemas.Json;
import io.cordon.schemas.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the fever-alert topic that the checkpoint job writes (one record per feverish person of a first-seen
 * arrival), from an hour back, and hands each alert to the walls once ever: the {@link AlertStore} knows every alert
 * delivered before, so alerts written again (the job writes at least once, and a job started without state replays
 * them all) or read again (after a restart of this dashboard) are not pushed again. It follows the acknowledgements
 * of every dashboard ({@link Topics#ALERT_ACKS}) as well, from the same hour back, for {@link AlertAcks}.
 */
public final class AlertFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertFeed.class);
    /** How far back a (re)started dashboard reads the alert topic. */
    private static final long CATCH_UP_MILLIS = 3_600_000;

    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private final AlertStore store;
    private volatile long lastContact;
    private volatile long lastLagMillis;
    private volatile String problem = "starting";

    private final Consumer<String> acks;

    /** Follows the alerts for {@code sink} and the acknowledgements of every dashboard for {@code acks}. */
    public AlertFeed(String bootstrap, AlertStore store, Consumer<FeverAlert> sink, Consumer<String> acks) {
        this.store = store;
        this.acks = acks;
        Properties p = KafkaClients.consumer(bootstrap, "cordon-dashboard-alerts");
        // Kafka's own fetch wait (500 ms) costs a fever nothing: the broker answers a fetch as soon as one byte is
        // there (fetch.min.bytes = 1); the wait only spaces the round trips of a quiet topic. At 20 ms, as it was, the
        // feed and the broker spent a tenth of an idle stack's CPU asking fifty times a second.
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        this.thread = new Thread(() -> run(sink), "cordon-alert-feed");
        this.thread.setDaemon(true);
    }

    public AlertFeed start() {
        thread.start();
        return this;
    }

    /**
     * Follows the topic until closed. Kafka being away (at start or later) never ends it: it retries with a growing
     * pause (at most 10 s), and {@link #health()} says so meanwhile.
     */
    private void run(Consumer<FeverAlert> sink) {
        List<TopicPartition> partitions = List.of();
        long pause = 500;
        long lastAsked = 0;
        try {
            while (running) {
                try {
                    if (partitions.isEmpty()) {
                        partitions = consumer.partitionsFor(Topics.FEVER_ALERTS, Duration.ofSeconds(5)).stream()
                                .map(i -> new TopicPartition(i.topic(), i.partition()))
                                .toList();
                        if (partitions.isEmpty()) {
                            problem = "the topic " + Topics.FEVER_ALERTS + " does not exist yet";
                            Thread.sleep(1000);
                            continue;
                        }
                        // the acknowledgements' topic, when ingest has created it (a deployment older than it may not)
                        List<TopicPartition> ackPartitions =
                                consumer.partitionsFor(Topics.ALERT_ACKS, Duration.ofSeconds(5)).stream()
                                        .map(i -> new TopicPartition(i.topic(), i.partition()))
                                        .toList();
                        partitions = Stream.concat(partitions.stream(), ackPartitions.stream())
                                .toList();
                        loadStore();
                        consumer.assign(partitions);
                        seekToRecent(partitions);
                        lastContact = System.currentTimeMillis();
                    }
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        accept(r, sink);
                    }
                    // a poll says nothing when Kafka is away: every few seconds, ask it something it must answer
                    if (System.currentTimeMillis() - lastAsked > 3000) {
                        lastAsked = System.currentTimeMillis();
                        consumer.endOffsets(partitions, Duration.ofSeconds(3));
                        lastContact = System.currentTimeMillis();
                    }
                    problem = null;
                    pause = 500;
                } catch (WakeupException e) {
                    if (running) {
                        LOG.warn("alert feed woken up unexpectedly; going on");
                    }
                } catch (InterruptException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    problem = e.getClass().getSimpleName() + ": " + e.getMessage();
                    LOG.warn("alert feed cannot read Kafka ({}); trying again in {} ms", problem, pause);
                    Thread.sleep(pause);
                    pause = Math.min(pause * 2, 10_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /**
     * Reads which alerts were delivered before, trying for up to 30 s; without ClickHouse the walls get the alerts
     * anyway (an alert shown twice beats a fever missed).
     */
    private void loadStore() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!store.loaded() && running && System.currentTimeMillis() < deadline) {
            try {
                store.load();
            } catch (RuntimeException e) {
                LOG.warn("the delivered alerts cannot be read yet: {}", e.getMessage());
                Thread.sleep(1000);
            }
        }
    }

    /**
     * Starts an hour back: alerts written while this dashboard was restarting still reach the walls, and those
     * delivered before are skipped by the store.
     */
    private void seekToRecent(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> at = new HashMap<>();
        long since = System.currentTimeMillis() - CATCH_UP_MILLIS;
        partitions.forEach(p -> at.put(p, since));
        var offsets = consumer.offsetsForTimes(at, Duration.ofSeconds(5));
        for (TopicPartition p : partitions) {
            var found = offsets.get(p);
            if (found == null) {
                consumer.seekToEnd(List.of(p));
            } else {
                consumer.seek(p, found.offset());
            }
        }
    }

    private void accept(ConsumerRecord<String, String> r, Consumer<FeverAlert> sink) {
        if (r.topic().equals(Topics.ALERT_ACKS)) {
            try {
                acks.accept(r.value());
            } catch (RuntimeException e) {
                LOG.warn("skipping an unreadable acknowledgement at offset {}: {}", r.offset(), e.getMessage());
            }
            return;
        }
        try {
            FeverAlert alert = Json.read(r.value(), FeverAlert.class);
            Instant now = Instant.now();
            if (alert.withdrawn() ? store.withdraw(alert, now) : store.firstDelivery(alert, now)) {
                sink.accept(alert);
                lastLagMillis = Math.max(0, System.currentTimeMillis() - r.timestamp());
            }
        } catch (RuntimeException e) {
            LOG.warn("skipping an unreadable fever alert at offset {}: {}", r.offset(), e.getMessage());
        }
    }

    /** From the latest alert's write to the alert topic to its hand-over to the walls. */
    public long lastLagMillis() {
        return lastLagMillis;
    }

    /** Up while the feed has heard from Kafka in the last 10 s and its thread runs. */
    public Health.Check health() {
        if (!thread.isAlive()) {
            return Health.Check.down("the alert feed has stopped");
        }
        if (System.currentTimeMillis() - lastContact > 10_000) {
            return Health.Check.down(problem == null ? "no answer from Kafka for over 10 s" : problem);
        }
        return Health.Check.ok();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5000);
    }

    /** The feed's meter: from an alert written to the alert topic to handed to the walls, the latest. */
    public AlertFeed register(MeterRegistry registry) {
        Gauge.builder("cordon_alert_lag_seconds", this, a -> a.lastLagMillis() / 1000.0)
                .description("the latest fever alert: from written to the alert topic to handed to the walls")
                .register(registry);
        return this;
    }
}
