package io.cordon.dashboard.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The live figures' one read, shared by every wall and every request: the last read while it is at most one refresh
 * interval old, otherwise a new read that everyone asking meanwhile shares (never two at once).
 *
 * <p>A request ({@link #withoutWaiting()}) does not wait for a read someone else's expiry started: while that read is
 * out it is answered from the last one, if the last is at most two intervals old (its {@code as_of} says how old). A
 * wall's refresh ({@link #get()}) waits for the new read, as it exists to push it.
 *
 * @param <T> what the read answers
 */
final class SharedRead<T> {

    private final Clock clock;
    private final Duration maxAge;
    private final Supplier<CompletableFuture<T>> read;
    private final Function<T, Instant> asOf;
    private final AtomicReference<CompletableFuture<T>> current = new AtomicReference<>();
    private volatile T lastGood;

    SharedRead(Clock clock, Duration maxAge, Function<T, Instant> asOf, Supplier<CompletableFuture<T>> read) {
        this.clock = clock;
        this.maxAge = maxAge;
        this.asOf = asOf;
        this.read = read;
    }

    /** The last read while fresh; else the read out, or a new one. */
    CompletableFuture<T> get() {
        return get(false);
    }

    /** A new read unless one is out already (what is cached misses something that is known to exist). */
    CompletableFuture<T> renewed() {
        return get(true);
    }

    /** As {@link #get()}, but while a read is out the last one answers if it is at most two intervals old. */
    CompletableFuture<T> withoutWaiting() {
        CompletableFuture<T> f = get(false);
        T last = lastGood;
        if (!f.isDone()
                && last != null
                && !clock.instant().isAfter(asOf.apply(last).plus(maxAge.multipliedBy(2)))) {
            return CompletableFuture.completedFuture(last);
        }
        return f;
    }

    private CompletableFuture<T> get(boolean renew) {
        CompletableFuture<T> seen = current.get();
        while (true) {
            CompletableFuture<T> f = current.get();
            if (f != null && (!f.isDone() || (fresh(f) && !(renew && f == seen)))) {
                return f;
            }
            CompletableFuture<T> next = new CompletableFuture<>();
            if (current.compareAndSet(f, next)) {
                read.get().whenComplete((v, e) -> {
                    if (e != null) {
                        next.completeExceptionally(e);
                    } else {
                        lastGood = v;
                        next.complete(v);
                    }
                });
                return next;
            }
        }
    }

    private boolean fresh(CompletableFuture<T> f) {
        if (f.isCompletedExceptionally()) {
            return false;
        }
        return !clock.instant().isAfter(asOf.apply(f.join()).plus(maxAge));
    }
}
