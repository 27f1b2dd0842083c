package io.cordon.dashboard.live;

import io.vertx.core.http.ServerWebSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the hub's messages to the walls and keeps a slow wall from holding memory: a wall whose write queue is full
 * (it reads slower than it is sent to, as in a burst of alerts) is congested; tile messages skip it, alerts still go,
 * and a wall congested too long is closed (it reconnects if alive). Safe from any thread.
 */
final class WallSender {

    private static final Logger LOG = LoggerFactory.getLogger(WallSender.class);

    /** A wall's unsent messages beyond this (about a hundred tile messages) mean it does not read: it is dropped. */
    private static final int WRITE_QUEUE_BYTES = 256 * 1024;

    static final long CONGESTED_MILLIS = 10_000;
    /**
     * Essential messages (alerts) a congested wall is still sent before it is closed: it then reconnects and reads
     * today's alerts from /api/v1/alerts, so nothing is lost, and a burst never buffers without bound.
     */
    static final int CONGESTED_ESSENTIALS = 500;

    private final LongSupplier millis;
    private final AtomicLong dropped = new AtomicLong();
    private final Map<ServerWebSocket, Long> congestedSince = new ConcurrentHashMap<>();
    /** Essential messages written to each congested wall since it became congested. */
    private final Map<ServerWebSocket, Integer> congestedEssentials = new ConcurrentHashMap<>();

    WallSender(LongSupplier millis) {
        this.millis = millis;
    }

    /** Sets up a wall that has just opened. */
    void opened(ServerWebSocket ws) {
        ws.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
    }

    /** Forgets a wall that closed. */
    void closed(ServerWebSocket ws) {
        congestedSince.remove(ws);
        congestedEssentials.remove(ws);
    }

    /**
     * Sends a message to a wall. A wall whose write queue is full (it reads slower than it is sent to, as in a burst
     * of alerts) is congested: tile messages skip it (the next one carries the whole state again), alerts still go.
     * A wall congested for {@value #CONGESTED_MILLIS} ms does not read at all: it is closed (it reconnects if alive)
     * rather than buffered without bound.
     */
    void send(ServerWebSocket ws, String message, boolean essential) {
        if (ws.isClosed()) {
            return;
        }
        if (ws.writeQueueFull()) {
            long now = millis.getAsLong();
            Long since = congestedSince.get(ws);
            if (since == null) {
                congestedSince.put(ws, now);
                ws.drainHandler(v -> {
                    congestedSince.remove(ws);
                    congestedEssentials.remove(ws);
                });
            } else if (now - since >= CONGESTED_MILLIS
                    || essential && congestedEssentials.getOrDefault(ws, 0) >= CONGESTED_ESSENTIALS) {
                congestedSince.remove(ws);
                congestedEssentials.remove(ws);
                dropped.incrementAndGet();
                LOG.info(
                        "dropping a wall that has not read its messages for {} ms ({})",
                        now - since,
                        ws.remoteAddress());
                ws.close((short) 1013, "too slow: reconnect");
                return;
            }
            if (!essential) {
                return;
            }
            congestedEssentials.merge(ws, 1, Integer::sum);
        }
        ws.writeTextMessage(message);
    }

    /** Walls dropped for not reading what they were sent (for /metrics). */
    long dropped() {
        return dropped.get();
    }
}
