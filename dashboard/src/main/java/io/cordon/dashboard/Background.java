package io.cordon.dashboard;

import io.cordon.http.Periodic;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's work besides answering requests: periodic tasks (the audit and alert flushes, the ClickHouse ping,
 * the daily freeze) and the things that run on their own threads (the Kafka followers), all stopped with the verticle.
 * A blocking task runs on a worker, never two runs at once; a task on the event loop must not block.
 */
final class Background implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Background.class);

    private final Vertx vertx;
    private final List<Long> timers = new ArrayList<>();
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();

    Background(Vertx vertx) {
        this.vertx = vertx;
    }

    Vertx vertx() {
        return vertx;
    }

    /** Runs a blocking task on a worker every period, the first at once; a run still going makes the next skip. */
    void blocking(long periodMillis, Runnable task) {
        timers.add(Periodic.blocking(vertx, periodMillis, task));
    }

    /** Runs a task that does not block on the event loop every period. */
    void onLoop(long periodMillis, Runnable task) {
        timers.add(vertx.setPeriodic(periodMillis, id -> task.run()));
    }

    /** Something with threads of its own, closed (last opened first) when the verticle stops. */
    <T extends AutoCloseable> T closing(T resource) {
        closeables.push(resource);
        return resource;
    }

    @Override
    public void close() {
        timers.forEach(vertx::cancelTimer);
        while (!closeables.isEmpty()) {
            AutoCloseable c = closeables.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
