package io.cordon.schemas;

/** Kafka topic names shared by ingest, the jobs and the dashboard. */
public final class Topics {
    public static final String CHECKPOINT_ARRIVALS = "cordon.checkpoint-arrivals";
    public static final String HOUSEHOLD_VISITS = "cordon.household-visits";
    public static final String FEVER_ALERTS = "cordon.fever-alerts";
    public static final String DEAD_LETTERS = "cordon.dead-letters";
    /** Partitions of the event topics: at least the jobs' parallelism, so no reader idles. */
    public static final int PARTITIONS = 2;

    private Topics() {
    }
}
