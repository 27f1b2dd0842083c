package io.cordon.stack;

import io.cordon.schemas.EventTimes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Arrivals posted at a steady rate while a fault is injected, as a device would: every batch is posted again until
 * it is answered 202 (after {@code Retry-After} on a 503 or 429, after a second when the connection fails). Records
 * each accepted batch in a {@link HandCount} and how ingest answered (statuses, slowest answer).
 */
final class FaultLoad implements AutoCloseable {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final String ingestUrl;
    private final HandCount hand;
    private final int perSecond;
    private final List<String> checkpoints;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final AtomicLong connectionFailures = new AtomicLong();
    private final AtomicLong slowestMillis = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final Thread thread;
    private final String prefix;

    FaultLoad(String ingestUrl, HandCount hand, int perSecond, List<String> checkpoints, String prefix) {
        this.ingestUrl = ingestUrl;
        this.hand = hand;
        this.perSecond = perSecond;
        this.checkpoints = checkpoints;
        this.prefix = prefix;
        this.thread = new Thread(this::run, "fault-load");
        thread.start();
    }

    private void run() {
        Random random = new Random(prefix.hashCode());
        int batch = Math.max(1, perSecond / 10);
        long n = 0;
        long started = System.nanoTime();
        while (running.get()) {
            StringBuilder body = new StringBuilder("[");
            Instant now = Instant.now();
            for (int i = 0; i < batch; i++) {
                String id = prefix + "-" + n++;
                // about one person in 200 with a fever, as at a real checkpoint (the walls get alerts, not a flood)
                double t = random.nextInt(200) == 0 ? 38.0 : 36.0 + random.nextInt(12) / 10.0;
                body.append(i == 0 ? "" : ",")
                        .append("{\"event_id\":\"")
                        .append(id)
                        .append("\",\"checkpoint_id\":\"")
                        .append(checkpoints.get(random.nextInt(checkpoints.size())))
                        .append("\",\"occurred_at\":\"")
                        .append(EventTimes.format(now.minusSeconds(random.nextInt(600)), SHANGHAI))
                        .append(
                                "\",\"direction\":\"in\",\"vehicle\":{\"kind\":\"car\"},\"persons\":[{\"temperature_c\":")
                        .append(t)
                        .append(",\"origin_province\":\"云南\"}],\"decision\":\"admitted\"}");
            }
            String json = body.append(']').toString();
            postUntilAccepted(json);
            long due = started + n * 1_000_000_000L / perSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                sleep(wait / 1_000_000);
            }
        }
    }

    private void postUntilAccepted(String json) {
        while (true) {
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(ingestUrl + "/api/v1/checkpoint-events"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + TestStack.TOKEN)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                slowestMillis.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                statuses.computeIfAbsent(r.statusCode(), k -> new AtomicLong()).incrementAndGet();
                if (r.statusCode() == 202) {
                    synchronized (hand) {
                        hand.posted(json);
                    }
                    accepted.incrementAndGet();
                    return;
                }
                sleep(1000L
                        * Long.parseLong(r.headers().firstValue("Retry-After").orElse("1")));
            } catch (IOException e) {
                connectionFailures.incrementAndGet();
                sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!running.get() && Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Map<Integer, Long> statuses() {
        Map<Integer, Long> m = new TreeMap<>();
        statuses.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    long slowestMillis() {
        return slowestMillis.get();
    }

    long connectionFailures() {
        return connectionFailures.get();
    }

    long acceptedBatches() {
        return accepted.get();
    }

    /** Stops after the batch in hand is accepted. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(120_000);
    }

    /** Appends a line of measured figures to target/faults/NAME.txt (docs/RELIABILITY.md quotes them). */
    static void report(String name, String line) throws IOException {
        Path dir = Path.of("target", "faults");
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve(name + ".txt"),
                Instant.now() + " " + line + System.lineSeparator(),
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    static List<String> checkpoints(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ids.add("F-" + i);
        }
        return ids;
    }
}
