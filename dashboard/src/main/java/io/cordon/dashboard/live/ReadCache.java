package io.cordon.dashboard.live;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * One read shared by every caller for a while: the last read (its answer, or the read still out) while it is younger
 * than its time to live and has not failed; a new read otherwise. Safe from any thread: two callers at the very moment
 * it expires may both read, and the later read is kept.
 *
 * @param <T> what the read answers
 */
final class ReadCache<T> {

    private record Read<T>(long at, CompletableFuture<T> value) {}

    private final Clock clock;
    private final long ttlMillis;
    private volatile Read<T> last;

    ReadCache(Clock clock, long ttlMillis) {
        this.clock = clock;
        this.ttlMillis = ttlMillis;
    }

    /** The last read while it holds, else {@code read} of now (epoch milliseconds). */
    CompletableFuture<T> get(LongFunction<CompletableFuture<T>> read) {
        Read<T> r = last;
        long now = clock.millis();
        if (r != null && now - r.at() < ttlMillis && !r.value().isCompletedExceptionally()) {
            return r.value();
        }
        CompletableFuture<T> value = read.apply(now);
        last = new Read<>(now, value);
        return value;
    }
}
