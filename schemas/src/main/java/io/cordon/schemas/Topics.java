package io.cordon.schemas;

import java.util.Map;

/** Kafka topic names shared by ingest, the jobs and the dashboard. */
public final class Topics {
    /** The consumer group of the checkpoint-counting job (its committed offsets tell how far counting is behind). */
    public static final String CHECKPOINT_COUNTS_GROUP = "cordon-checkpoint-counts";
    /** The screening job's consumer group on the visits (its committed offsets are how far it has counted). */
    public static final String SCREENING_GROUP = "cordon-screening";

    /** The key-person job's consumer group on the follow-ups. */
    public static final String FOLLOW_UPS_GROUP = "cordon-follow-ups";

    public static final String CHECKPOINT_ARRIVALS = "cordon.checkpoint-arrivals";
    public static final String HOUSEHOLD_VISITS = "cordon.household-visits";
    /** Key persons' follow-ups (API.md, "Key persons"), keyed by event id. */
    public static final String FOLLOW_UPS = "cordon.follow-ups";

    public static final String FEVER_ALERTS = "cordon.fever-alerts";
    public static final String DEAD_LETTERS = "cordon.dead-letters";
    /**
     * Acknowledgements of fever alerts taken by any dashboard, keyed by alert id ({@code {"alert_id", "district",
     * "street", "community", "responsible_unit", "checkpoint_id"}}: where the alert is, so each dashboard tells the
     * walls of that place): every dashboard follows it, so an acknowledgement reaches the walls of all of them. Kept a
     * week ({@link #ALERT_ACKS_RETENTION_MILLIS}); the acknowledgement itself is stored in ClickHouse.
     */
    public static final String ALERT_ACKS = "cordon.alert-acks";

    public static final long ALERT_ACKS_RETENTION_MILLIS = 7L * 24 * 3600 * 1000;
    /**
     * The free-text {@code note} of arrivals, keyed by event id ({@code {"event_id", "note", "received_at"}}): a note may
     * name people, so it is kept out of the event log, which keeps everything for ever, and in a topic of its own kept
     * only as long as the correction window ({@code retention.ms}).
     */
    public static final String ARRIVAL_NOTES = "cordon.arrival-notes";
    /**
     * Registry uploads, one record per row ({@link RegistryRecord}), in one partition: its offsets order every
     * upload through every ingest instance, so they are the rows' versions, and every instance follows it.
     */
    public static final String REGISTRY = "cordon.registry";
    /** Partitions of the event topics by default: at least the jobs' parallelism, so no reader idles. */
    public static final int PARTITIONS = 2;

    /**
     * How the topics are created: {@code CORDON_KAFKA_PARTITIONS} (default 2; at least the jobs' parallelism),
     * {@code CORDON_KAFKA_REPLICATION} (default 1, the local broker; 3 on a three-broker cluster) and
     * {@code CORDON_KAFKA_MIN_INSYNC_REPLICAS} (default: one less than the replication, at least 1), so that a write
     * acknowledged with acks=all is on that many brokers and one broker may be lost without refusing writes.
     */
    public record Settings(int partitions, short replication, int minInsyncReplicas) {

        public static final Settings LOCAL = new Settings(PARTITIONS, (short) 1, 1);

        public static Settings fromEnv(Map<String, String> environment) {
            EnvVars env = new EnvVars(environment);
            int partitions = (int) env.positiveLong("CORDON_KAFKA_PARTITIONS", PARTITIONS);
            long replication = env.positiveLong("CORDON_KAFKA_REPLICATION", 1);
            if (replication > Short.MAX_VALUE) {
                throw new IllegalArgumentException("CORDON_KAFKA_REPLICATION is too large: " + replication);
            }
            long minInsync = env.positiveLong("CORDON_KAFKA_MIN_INSYNC_REPLICAS", Math.max(1, replication - 1));
            if (minInsync > replication) {
                throw new IllegalArgumentException("CORDON_KAFKA_MIN_INSYNC_REPLICAS (" + minInsync
                        + ") cannot exceed CORDON_KAFKA_REPLICATION (" + replication + ")");
            }
            return new Settings(partitions, (short) replication, (int) minInsync);
        }
    }

    private Topics() {}
}
