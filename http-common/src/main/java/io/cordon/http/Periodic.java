package io.cordon.http;

import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A blocking task run on a Vert.x worker every period, the first run at once. When a run is still going as the next
 * falls due, that next run is skipped rather than queued: a dependency that hangs (Kafka without a leader, a frozen
 * ClickHouse) holds one worker, never the whole shared pool, and nothing piles up to run after it recovers.
 */
public final class Periodic {

    private Periodic() {}

    /** Starts the task; answers the Vert.x timer id, to cancel with {@link Vertx#cancelTimer}. */
    public static long blocking(Vertx vertx, long periodMillis, Runnable task) {
        AtomicBoolean running = new AtomicBoolean();
        return vertx.setPeriodic(0, periodMillis, id -> {
            if (!running.compareAndSet(false, true)) {
                return;
            }
            vertx.executeBlocking(
                            () -> {
                                try {
                                    task.run();
                                } finally {
                                    running.set(false);
                                }
                                return null;
                            },
                            false)
                    .onFailure(e -> running.set(false));
        });
    }
}
