package io.cordon.ingest;

import io.cordon.http.CountingLag;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Admission control (docs/OPERATIONS.md, "Overload"): when more arrives than the stack can count, ingest answers at once with
 * {@code 503} and {@code Retry-After} instead of answering slower and slower, so devices keep their items and post
 * them again later; nothing accepted is lost. A request is refused when the counting job is more than
 * {@code CORDON_MAX_COUNTING_LAG} behind the event log, or when the event log already holds more unacknowledged items
 * than it writes in a few seconds. A request that carries a fever is never refused for load.
 */
final class Admission {

    /** Items in flight to the event log beyond which a new request would wait seconds for its acknowledgement. */
    static final long MAX_IN_FLIGHT = 60_000;

    private final Supplier<CountingLag.Lag> lag;
    private final long maxLagSeconds;
    private final EventLogWriter log;

    Admission(Supplier<CountingLag.Lag> lag, Duration maxLag, EventLogWriter log) {
        this.lag = lag;
        this.maxLagSeconds = maxLag.toSeconds();
        this.log = log;
    }

    /** Why a request without a fever is refused now and after how many seconds to post it again; null: admitted. */
    Refusal refuse(boolean carriesFever) {
        if (carriesFever) {
            return null;
        }
        CountingLag.Lag l = lag.get();
        if (l.known() && l.seconds() > maxLagSeconds) {
            long wait = Math.min(60, Math.max(5, (l.seconds() - maxLagSeconds) / 2));
            return new Refusal(
                    wait,
                    "the counting is " + l.seconds() + " s behind (" + l.events() + " events): post again in " + wait
                            + " s; nothing of this request was stored, and a request with a fever is always accepted");
        }
        if (log.inFlight() > MAX_IN_FLIGHT) {
            return new Refusal(
                    2,
                    "the event log has " + log.inFlight() + " items waiting to be written: post again in 2 s;"
                            + " nothing of this request was stored, and a request with a fever is always accepted");
        }
        return null;
    }

    record Refusal(long retryAfterSeconds, String detail) {}
}
