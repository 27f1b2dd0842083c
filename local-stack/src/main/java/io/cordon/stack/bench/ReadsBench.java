package io.cordon.stack.bench;

import io.cordon.schemas.EventTimes;
import io.cordon.stack.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./cordon bench reads [seconds] [clients]}: a flood of heavy reads against the wall and the feeds (issue 19, S7).
 * {@code clients} threads loop on the PDF and XLSX snapshot of the whole city for {@code seconds} while a wall is open
 * and a device posts ten arrivals every 100 ms. Measured on two private stacks in one run, side by side: reads
 * unbounded ({@code CORDON_MAX_CONCURRENT_READS} = 1000), then bounded (8, the default). Figures: the wall's {@code
 * as_of} behind the clock when each tiles message arrives, the longest gap between tiles messages, the device's
 * {@code 202} p95 and slowest, and what the readers got (200, 429, 503).
 */
public final class ReadsBench {

    private static final Logger OUT = LoggerFactory.getLogger("cordon");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private ReadsBench() {}

    public static void run(int seconds, int clients) throws Exception {
        for (int bound : new int[] {1000, 8}) {
            Map<String, String> env = Benchmarks.stackEnv();
            env.put("CORDON_MAX_CONCURRENT_READS", String.valueOf(bound));
            Path dir = BenchKit.scratch("cordon-reads");
            try (LocalStack stack = LocalStack.start(env, dir, OUT::info)) {
                measure(stack, seconds, clients, bound);
            }
        }
        System.exit(0);
    }

    private static void measure(LocalStack stack, int seconds, int clients, int bound) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        LoadBench.registerCheckpoints(http, stack);
        StringBuilder households =
                new StringBuilder("household_id,district,street,community,compound_id,compound_name,building,"
                        + "unit,room,responsible_unit,grid_id\n");
        for (int h = 0; h < 20_000; h++) {
            households
                    .append("H-")
                    .append(h)
                    .append(",浦东新区,花木街道,联洋社区,C-")
                    .append(h / 100)
                    .append(",小区")
                    .append(h / 100)
                    .append(",1,1,")
                    .append(h % 100)
                    .append(",,\n");
        }
        send(http, "PUT", stack.ingestUrl() + "/api/v1/registry/households", "text/csv", households.toString());
        for (int b = 0; b < 40; b++) {
            send(
                    http,
                    "POST",
                    stack.ingestUrl() + "/api/v1/checkpoint-events",
                    "application/json",
                    arrivals("warm-" + b + "-", 500));
        }

        Histogram asOfLag = new Histogram(3_600_000L, 3);
        AtomicLong lastTiles = new AtomicLong(System.currentTimeMillis());
        AtomicLong longestGap = new AtomicLong();
        WebSocket wall = http.newWebSocketBuilder()
                .buildAsync(
                        URI.create(stack.dashboardUrl().replace("http", "ws") + "/ws/live"), new WebSocket.Listener() {
                            private final StringBuilder partial = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                                partial.append(data);
                                if (last) {
                                    String m = partial.toString();
                                    partial.setLength(0);
                                    if (m.startsWith("{\"type\":\"tiles\"") || m.contains("\"type\":\"tiles\"")) {
                                        long now = System.currentTimeMillis();
                                        longestGap.accumulateAndGet(now - lastTiles.getAndSet(now), Math::max);
                                        int i = m.indexOf("\"as_of\":\"");
                                        if (i >= 0) {
                                            String asOf = m.substring(i + 9, m.indexOf('"', i + 9));
                                            asOfLag.recordValue(Math.max(
                                                    0,
                                                    now
                                                            - OffsetDateTime.parse(asOf)
                                                                    .toInstant()
                                                                    .toEpochMilli()));
                                        }
                                    }
                                }
                                w.request(1);
                                return null;
                            }
                        })
                .join();

        long end = System.currentTimeMillis() + seconds * 1000L;
        Histogram posted = new Histogram(60_000L, 3);
        AtomicLong postFailed = new AtomicLong();
        Thread device = new Thread(() -> {
            int n = 0;
            while (System.currentTimeMillis() < end) {
                long t0 = System.nanoTime();
                try {
                    int status = send(
                                    http,
                                    "POST",
                                    stack.ingestUrl() + "/api/v1/checkpoint-events",
                                    "application/json",
                                    arrivals("dev-" + n++ + "-", 10))
                            .statusCode();
                    if (status == 202) {
                        posted.recordValue((System.nanoTime() - t0) / 1_000_000);
                    } else {
                        postFailed.incrementAndGet();
                    }
                    Thread.sleep(100);
                } catch (Exception e) {
                    postFailed.incrementAndGet();
                }
            }
        });
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        Histogram readTimes = new Histogram(120_000L, 3);
        List<Thread> readers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String format = c % 2 == 0 ? "pdf" : "xlsx";
            Thread reader = new Thread(() -> {
                HttpClient own = HttpClient.newHttpClient();
                while (System.currentTimeMillis() < end) {
                    long t0 = System.nanoTime();
                    try {
                        int status = own.send(
                                        HttpRequest.newBuilder(URI.create(
                                                        stack.dashboardUrl() + "/api/v1/snapshot?format=" + format))
                                                .timeout(Duration.ofSeconds(60))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
                        if (status == 200) {
                            readTimes.recordValue(Math.min(120_000L, (System.nanoTime() - t0) / 1_000_000));
                        } else {
                            Thread.sleep(
                                    1000); // a client told to wait comes back after a second, not after Retry-After
                        }
                    } catch (Exception e) {
                        statuses.computeIfAbsent(0, k -> new AtomicLong()).incrementAndGet();
                    }
                }
            });
            readers.add(reader);
        }
        device.start();
        readers.forEach(Thread::start);
        device.join();
        for (Thread r : readers) {
            r.join();
        }
        wall.abort();
        OUT.info(
                "reads: CORDON_MAX_CONCURRENT_READS={}, {} clients looping on PDF/XLSX snapshots for {} s: wall as_of behind the "
                        + "clock p50 {} ms, p95 {} ms, max {} ms ({} tiles messages, longest gap {} ms); device 202 p50 {} ms, p95 {} ms, "
                        + "max {} ms ({} answered 202, {} not); readers: {} (status: count; 0 = no answer), snapshot p50 {} ms, p95 {} ms",
                bound,
                clients,
                seconds,
                asOfLag.getValueAtPercentile(50),
                asOfLag.getValueAtPercentile(95),
                asOfLag.getMaxValue(),
                asOfLag.getTotalCount(),
                longestGap.get(),
                posted.getValueAtPercentile(50),
                posted.getValueAtPercentile(95),
                posted.getMaxValue(),
                posted.getTotalCount(),
                postFailed.get(),
                new TreeMap<>(statuses),
                readTimes.getValueAtPercentile(50),
                readTimes.getValueAtPercentile(95));
    }

    private static String arrivals(String prefix, int n) {
        StringBuilder b = new StringBuilder("[");
        String at = EventTimes.format(Instant.now(), SHANGHAI);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",")
                    .append("{\"event_id\":\"")
                    .append(prefix)
                    .append(i)
                    .append("\",\"checkpoint_id\":\"CK-")
                    .append(String.format("%03d", i % 500))
                    .append("\",\"occurred_at\":\"")
                    .append(at)
                    .append("\",\"direction\":\"in\",\"vehicle\":{\"plate\":\"沪A00001\",\"kind\":\"car\"},")
                    .append("\"persons\":[{\"temperature_c\":36.5}],\"decision\":\"admitted\"}");
        }
        return b.append(']').toString();
    }

    private static HttpResponse<String> send(HttpClient http, String method, String url, String type, String body)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + Benchmarks.TOKEN)
                        .header("Content-Type", type)
                        .timeout(Duration.ofSeconds(60))
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
