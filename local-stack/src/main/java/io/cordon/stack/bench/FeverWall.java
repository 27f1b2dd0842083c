package io.cordon.stack.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;

/**
 * A wall's websocket for the fever benchmarks: {@link #posting} notes when a fever event was posted, and each alert
 * for it that arrives records the time from the post to the alert (alerts of other events are ignored).
 */
final class FeverWall implements AutoCloseable {

    final Histogram latency = new Histogram(60_000_000L, 3);
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final WebSocket socket;
    private final long openedAt = System.nanoTime();
    private volatile long lastMessageAt;
    private volatile String ended;

    FeverWall(HttpClient http, String dashboardUrl) {
        socket = http.newWebSocketBuilder()
                .buildAsync(URI.create(dashboardUrl.replace("http", "ws") + "/ws/live"), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            received(partial.toString(), System.nanoTime());
                            partial.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                        ended = ended != null
                                ? ended
                                : "closed by the dashboard " + sinceOpened(System.nanoTime()) + " after it opened ("
                                        + code + " " + reason + ")";
                        return null;
                    }

                    @Override
                    public void onError(WebSocket w, Throwable error) {
                        ended = ended != null
                                ? ended
                                : "failed " + sinceOpened(System.nanoTime()) + " after it opened: " + error;
                    }
                })
                .join();
    }

    void posting(String eventId) {
        sentAt.put(eventId, System.nanoTime());
    }

    /** Fevers posted whose alert has not arrived. */
    int missing() {
        return sentAt.size();
    }

    /**
     * How the wall's socket stands, for a run with alerts missing: still open or how it ended, and when its last
     * message came (a wall the dashboard found congested is closed; the page would reconnect and read the alerts).
     */
    String state() {
        String last = lastMessageAt == 0
                ? "no message"
                : "its last message " + sinceOpened(lastMessageAt) + " after it opened";
        return (ended == null ? "still open" : ended) + "; " + last;
    }

    private String sinceOpened(long nanos) {
        return String.format("%.1f s", (nanos - openedAt) / 1e9);
    }

    private void received(String message, long now) {
        lastMessageAt = now;
        int i = message.indexOf("\"event_id\":\"");
        if (message.contains("\"type\":\"alert\"") && i >= 0) {
            Long t0 = sentAt.remove(message.substring(i + 12, message.indexOf('"', i + 12)));
            if (t0 != null) {
                synchronized (latency) {
                    latency.recordValue((now - t0) / 1000);
                }
            }
        }
    }

    @Override
    public void close() {
        ended = ended != null ? ended : "open until the bench closed it";
        socket.abort();
    }
}
