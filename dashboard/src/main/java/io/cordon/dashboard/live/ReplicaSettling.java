package io.cordon.dashboard.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the walls wait for the ClickHouse replica their figures are now read from: a move of the reads to another
 * replica is noticed at a refresh, and the walls show STALE until that replica has fetched what was logged before the
 * move (at least {@value #SETTLE_MILLIS} ms, at most {@value #SETTLE_AT_MOST_MILLIS} ms). Runs on the hub's event loop;
 * {@link #waitingForReplica()} is safe from any thread.
 */
final class ReplicaSettling {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaSettling.class);

    private final Vertx vertx;
    private final LongSupplier millis;

    ReplicaSettling(Vertx vertx, LongSupplier millis) {
        this.vertx = vertx;
        this.millis = millis;
    }

    /**
     * After the figures' reads move to another ClickHouse replica (the one read before is away, or refused a write), the
     * walls show STALE instead of figures for at least this long, and until that replica has fetched every part logged
     * before the move: the rows the jobs were writing to the other reach it a moment later (they write them again), and
     * a replica back from an outage may still be fetching; until then it may read less than the walls already showed.
     */
    static final long SETTLE_MILLIS = 3_000;

    /**
     * A replica that has not caught up after this long is read anyway: what it misses is on a replica away for longer
     * than an outage of ZooKeeper or a restart takes (lost until that replica is restored).
     */
    static final long SETTLE_AT_MOST_MILLIS = 120_000;

    private Supplier<String> server = () -> "";
    private LongFunction<CompletionStage<Boolean>> caughtUp = since -> CompletableFuture.completedFuture(true);
    private volatile String lastServer;
    /** When the reads moved to another replica, while the walls wait for it; -1 when they do not wait. */
    private volatile long movedAt = -1;

    /** A check of the replicas' fetches is out (its answer comes on the event loop). */
    volatile boolean checkingCaughtUp;

    /**
     * Where the figures are read (a replica's address), to tell when the reads move to another replica, and whether the
     * replicas have fetched every part logged before a time (epoch milliseconds).
     */
    void readsFrom(Supplier<String> server, LongFunction<CompletionStage<Boolean>> caughtUp) {
        this.server = server;
        this.caughtUp = caughtUp;
    }

    /**
     * Whether the figures are read from a replica the walls still wait for (or one the reads have just moved to, before
     * the next refresh notices): {@code GET /api/v1/tiles} and {@code /series} then answer {@code 503} rather than
     * figures that may be lower than those shown a moment ago. Safe from any thread.
     */
    boolean waitingForReplica() {
        String last = lastServer;
        return movedAt >= 0 || (last != null && !last.equals(server.get()));
    }

    /** Whether the reads have moved and the walls still wait (the last refresh noticed it). */
    boolean moved() {
        return movedAt >= 0;
    }

    /** True while the walls wait for the replica the reads moved to (the move told at most once). */
    boolean settling() {
        String from = server.get();
        long now = millis.getAsLong();
        if (lastServer != null && !from.equals(lastServer)) {
            movedAt = now;
            LOG.warn(
                    "the live figures are now read from another ClickHouse replica; the walls show STALE until it has"
                            + " what the jobs wrote to the other (at least {} ms, at most {} ms)",
                    SETTLE_MILLIS,
                    SETTLE_AT_MOST_MILLIS);
        }
        lastServer = from;
        if (movedAt < 0) {
            return false;
        }
        if (now - movedAt >= SETTLE_AT_MOST_MILLIS) {
            LOG.warn(
                    "the replica read now has not fetched everything logged before the move within {} ms; the walls"
                            + " show its figures",
                    SETTLE_AT_MOST_MILLIS);
            movedAt = -1;
            return false;
        }
        if (now - movedAt >= SETTLE_MILLIS && !checkingCaughtUp) {
            checkingCaughtUp = true;
            long moved = movedAt;
            Future.fromCompletionStage(caughtUp.apply(moved), vertx.getOrCreateContext())
                    .onComplete(ar -> {
                        checkingCaughtUp = false;
                        if (ar.succeeded() && ar.result() && movedAt == moved) {
                            movedAt = -1; // the next refresh sends the figures
                        }
                    });
        }
        return true;
    }
}
