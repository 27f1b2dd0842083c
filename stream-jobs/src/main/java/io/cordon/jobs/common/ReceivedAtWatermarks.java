package io.cordon.jobs.common;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time for the per-event state: the {@code received_at} that ingest wrote into the log. Records of one
 * partition are in append order, so their {@code received_at} grows but for the clock skew between ingest
 * instances, which {@link #SKEW} bounds. A replay from the log sees the same times, so state expires the same way.
 */
public final class ReceivedAtWatermarks {

    /** How far apart the clocks of two ingest instances writing one partition may be. */
    public static final Duration SKEW = Duration.ofMinutes(1);

    private ReceivedAtWatermarks() {}

    public static <T extends LoggedEvent> WatermarkStrategy<T> strategy() {
        return WatermarkStrategy.<T>forBoundedOutOfOrderness(SKEW)
                .withTimestampAssigner((event, previous) -> event.receivedAtMillis())
                // a reader whose partition is quiet must not hold the others' expiry back
                .withIdleness(Duration.ofSeconds(30));
    }
}
