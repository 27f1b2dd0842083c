package io.cordon.stack.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * A group robot for the webhook benchmark: answers every message {@code {"errcode":0,"errmsg":"ok"}} and records, for
 * each fever posted, the time until a message naming its event id arrived.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final Pattern EVENT = Pattern.compile("hook-[0-9]+-[0-9]+");

    final Histogram latency = new Histogram(600_000_000L, 3);
    final AtomicLong messages = new AtomicLong();
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final HttpServer server;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/robot", exchange -> {
            long now = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            messages.incrementAndGet();
            Matcher m = EVENT.matcher(body);
            while (m.find()) {
                Long t0 = sentAt.remove(m.group());
                if (t0 != null) {
                    synchronized (latency) {
                        latency.recordValue((now - t0) / 1000);
                    }
                }
            }
            byte[] answer = "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/robot";
    }

    void posting(String eventId) {
        sentAt.put(eventId, System.nanoTime());
    }

    int missing() {
        return sentAt.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
