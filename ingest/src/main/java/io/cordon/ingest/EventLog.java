package io.cordon.ingest;

import io.cordon.http.KafkaClients;
import io.cordon.schemas.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable event log: a Kafka producer with acks=all and idempotence. {@link #append} completes only when
 * every record is acknowledged by all in-sync replicas, and fails if any is not.
 */
public final class EventLog implements EventLogWriter {

    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

    /** A record keyed by its event id, so that every copy of an event lands in the same partition. */
    public record Entry(String key, String value) {}

    /** After a write failed for want of Kafka, further writes fail at once for this long (then one is tried again). */
    static final long OPEN_MILLIS = 2_000;

    private final KafkaProducer<String, String> producer;
    /** Until when (epoch ms) writes fail without calling Kafka: set by a failure, cleared by a success. */
    private volatile long unavailableUntil;

    private volatile String lastError;
    private final AtomicLong errors = new AtomicLong();
    private WorkerExecutor sends;
    private final AtomicLong inFlight = new AtomicLong();

    public EventLog(String bootstrap) {
        // a request is answered within 10 s even when Kafka is away: blocked at most 5 s for metadata, or failed 8 s
        // after
        Properties p = KafkaClients.producer(bootstrap, "cordon-ingest", Duration.ofSeconds(5), Duration.ofSeconds(8));
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** As {@link #ensureTopics(String, Topics.Settings, java.time.Duration)}, notes kept for the default window (30 days). */
    public static void ensureTopics(String bootstrap, Topics.Settings settings) throws InterruptedException {
        ensureTopics(bootstrap, settings, Duration.ofDays(30));
    }

    /**
     * Creates the topics if they are missing, with the partitions, replication and min.insync.replicas of the settings;
     * every topic keeps its records for ever but the arrivals' notes, kept for {@code noteRetention} (the correction
     * window).
     */
    public static void ensureTopics(String bootstrap, Topics.Settings settings, Duration noteRetention)
            throws InterruptedException {
        try (Admin admin =
                Admin.create(KafkaClients.admin(bootstrap, "cordon-ingest-topics", Duration.ofSeconds(30)))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String t : List.of(
                    Topics.CHECKPOINT_ARRIVALS,
                    Topics.HOUSEHOLD_VISITS,
                    Topics.FOLLOW_UPS,
                    Topics.FEVER_ALERTS,
                    Topics.DEAD_LETTERS,
                    Topics.REGISTRY,
                    Topics.ARRIVAL_NOTES,
                    Topics.ALERT_ACKS)) {
                if (!existing.contains(t)) {
                    // the registry log has one partition: its offsets are the total order (the versions) of uploads
                    int partitions = t.equals(Topics.REGISTRY) ? 1 : settings.partitions();
                    missing.add(new NewTopic(t, partitions, settings.replication())
                            .configs(Map.of(
                                    "retention.ms",
                                    t.equals(Topics.ARRIVAL_NOTES)
                                            ? String.valueOf(noteRetention.toMillis())
                                            : t.equals(Topics.ALERT_ACKS)
                                                    ? String.valueOf(Topics.ALERT_ACKS_RETENTION_MILLIS)
                                                    : "-1",
                                    "min.insync.replicas",
                                    String.valueOf(settings.minInsyncReplicas()))));
                }
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(
                                "cannot create topics: " + e.getCause().getMessage(), e);
                    }
                }
                LOG.info(
                        "created topics {}",
                        missing.stream().map(NewTopic::name).toList());
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrap + " cannot be reached: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the entries and completes when all are acknowledged, with the lowest offset written (for the
     * one-partition registry log: every entry of the batch is at or after it). {@code send} may block while the producer
     * waits for metadata, so it runs on a worker thread, unordered so that requests do not queue behind each other.
     */
    @Override
    public Future<Long> append(Vertx vertx, String topic, List<Entry> entries) {
        if (entries.isEmpty()) {
            return Future.succeededFuture(-1L);
        }
        if (System.currentTimeMillis() < unavailableUntil) {
            // Kafka failed a moment ago: fail at once rather than block another worker for max.block.ms
            errors.incrementAndGet();
            return Future.failedFuture(new Unavailable("the event log failed a moment ago: " + lastError));
        }
        // the acknowledgements arrive on Kafka's I/O thread: the answer is completed back on the caller's context
        Context context = vertx.getOrCreateContext();
        Promise<Long> done = Promise.promise();
        AtomicInteger pending = new AtomicInteger(entries.size());
        AtomicLong lowest = new AtomicLong(Long.MAX_VALUE);
        AtomicBoolean failed = new AtomicBoolean();
        // sends run on a pool of their own: a Kafka outage blocks at most these threads, never the feed checks
        sends(vertx)
                .executeBlocking(
                        () -> {
                            for (Entry e : entries) {
                                if (failed.get()) {
                                    // one failure fails the request: the rest of it is not sent (the client posts it
                                    // again)
                                    break;
                                }
                                inFlight.incrementAndGet();
                                try {
                                    producer.send(
                                            new ProducerRecord<>(topic, e.key(), e.value()), (metadata, error) -> {
                                                inFlight.decrementAndGet();
                                                if (error != null) {
                                                    if (failed.compareAndSet(false, true)) {
                                                        failure(error);
                                                        context.runOnContext(v -> done.tryFail(error));
                                                    }
                                                    return;
                                                }
                                                lowest.accumulateAndGet(metadata.offset(), Math::min);
                                                if (pending.decrementAndGet() == 0) {
                                                    unavailableUntil = 0;
                                                    context.runOnContext(v -> done.tryComplete(lowest.get()));
                                                }
                                            });
                                } catch (RuntimeException thrown) {
                                    // thrown rather than given to the callback (not an API error): nothing is in flight
                                    // for it
                                    inFlight.decrementAndGet();
                                    throw thrown;
                                }
                            }
                            return null;
                        },
                        false)
                .onFailure(e -> {
                    if (failed.compareAndSet(false, true)) {
                        failure(e);
                    }
                    context.runOnContext(v -> done.tryFail(e));
                });
        return done.future();
    }

    private void failure(Throwable error) {
        errors.incrementAndGet();
        lastError = error.getClass().getSimpleName() + ": " + error.getMessage();
        unavailableUntil = System.currentTimeMillis() + OPEN_MILLIS;
    }

    private synchronized WorkerExecutor sends(Vertx vertx) {
        if (sends == null) {
            sends = vertx.createSharedWorkerExecutor("cordon-event-log-sends", 8);
        }
        return sends;
    }

    /** Whether the latest write failed for want of Kafka (and no write succeeded since). */
    public boolean failing() {
        return unavailableUntil != 0;
    }

    @Override
    public long inFlight() {
        return inFlight.get();
    }

    /** Writes that failed since start (for /metrics and /health). */
    @Override
    public long errors() {
        return errors.get();
    }

    /** A write refused at once because the event log failed a moment ago. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public void close() {
        if (sends != null) {
            sends.close();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
