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

    private void received(String message, long now) {
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
        socket.abort();
    }
}
