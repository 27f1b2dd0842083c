package io.cordon.stack.bench;

import io.cordon.schemas.EventTimes;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.stack.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;

/** What the benches share: timing a call, writing a percentile, opening a wall, counting ClickHouse's queries. */
final class BenchKit {

    private BenchKit() {}

    /**
     * A bench's own directory (its stack's data: ClickHouse, Kafka, Flink's state; 25 GB for the whole city), deleted
     * when the bench's JVM exits, also when it is interrupted; {@code CORDON_BENCH_KEEP=1} keeps it (to query the
     * ClickHouse a bench left, for instance) and says where it is.
     */
    static Path scratch(String name) throws IOException {
        Path dir = Files.createTempDirectory(name);
        if ("1".equals(System.getenv("CORDON_BENCH_KEEP"))) {
            System.out.println("the bench's data stays in " + dir + " (CORDON_BENCH_KEEP=1)");
        } else {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "delete " + dir.getFileName()));
        }
        return dir;
    }

    private static void deleteTree(Path dir) {
        try {
            Directories.deleteTree(dir);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete all of " + dir + ": " + e.getMessage());
        }
    }

    interface Call {
        Object call() throws Exception;
    }

    /** One client's step, repeated until the deadline. */
    interface Step {
        void run() throws Exception;
    }

    /** Runs {@code clients} clients side by side, each repeating {@code step} until {@code endNanos} (nanoTime). */
    static void clients(int clients, long endNanos, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < endNanos) {
                        step.run();
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Times {@code n} calls (after one to warm up), in microseconds. */
    static Histogram time(int n, Call call) throws Exception {
        Histogram h = new Histogram(600_000_000L, 3);
        call.call(); // warm
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            call.call();
            h.recordValue((System.nanoTime() - t0) / 1000);
        }
        return h;
    }

    /** Times {@code n} calls {@code pauseMs} apart (the pause not timed), after one to warm up. */
    static Histogram timeSpaced(int n, long pauseMs, Call call) throws Exception {
        Histogram h = new Histogram(600_000_000L, 3);
        call.call(); // warm
        for (int i = 0; i < n; i++) {
            Thread.sleep(pauseMs);
            long t0 = System.nanoTime();
            call.call();
            h.recordValue((System.nanoTime() - t0) / 1000);
        }
        return h;
    }

    /** "p95 ms (p50 ms)" of a histogram in microseconds. */
    static String ms(Histogram h) {
        return String.format(
                "%.1f ms (p50 %.1f)", h.getValueAtPercentile(95) / 1000.0, h.getValueAtPercentile(50) / 1000.0);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A wall of a scope: the dashboard's websocket, every message taken and dropped. */
    static WebSocket wall(HttpClient http, String dashboardUrl, String scope) {
        return http.newWebSocketBuilder()
                .buildAsync(
                        URI.create(dashboardUrl.replace("http", "ws") + "/ws/live?scope=" + enc(scope)),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                                w.request(1);
                                return null;
                            }
                        })
                .join();
    }

    /** ClickHouse's queries per second over some seconds, from {@code system.events}. */
    static double queriesPerSecond(ClickHouseHttp clickHouse, int seconds) throws InterruptedException {
        String sql = "SELECT value FROM system.events WHERE event = 'Query' FORMAT TSV";
        long q0 = Long.parseLong(clickHouse.executeBlocking(sql).strip());
        Thread.sleep(seconds * 1000L);
        long q1 = Long.parseLong(clickHouse.executeBlocking(sql).strip());
        return (q1 - q0 - 1) / (double) seconds; // the second read counts itself
    }

    /**
     * ClickHouse's queries per second with one wall of the city open, then with walls in more scopes open beside it
     * (30 s each, after 5 s to settle): the two rates, and the line the results table gets.
     */
    static String queriesWithWalls(HttpClient http, String dashboardUrl, ClickHouseHttp clickHouse, List<String> scopes)
            throws InterruptedException {
        List<WebSocket> open = new ArrayList<>();
        open.add(wall(http, dashboardUrl, "all"));
        Thread.sleep(5_000);
        double one = queriesPerSecond(clickHouse, 30);
        for (String scope : scopes) {
            open.add(wall(http, dashboardUrl, scope));
        }
        Thread.sleep(5_000);
        double many = queriesPerSecond(clickHouse, 30);
        open.forEach(WebSocket::abort);
        return String.format(
                "ClickHouse queries/s with 1 wall %.2f | with %d more walls in %d scopes %.2f | ratio %.2f",
                one, scopes.size(), scopes.size(), many, many / one);
    }

    /** A GET's body; anything but 200 is an error naming the answer. */
    static String get(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofMinutes(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** {@link Benchmarks#send}, anything but a 2xx an error naming the answer. */
    static HttpResponse<String> sendOk(HttpClient http, String method, String url, String type, String body)
            throws Exception {
        HttpResponse<String> r = Benchmarks.send(http, method, url, type, body);
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r;
    }

    /** The header of a households registry upload in CSV. */
    static final String HOUSEHOLD_HEADER =
            "household_id,district,street,community,compound_id,compound_name,building,unit,room,responsible_unit,grid_id\n";

    /**
     * Appends a household row of 浦东新区 to a registry upload (CSV columns household_id, district, street, community,
     * compound_id, compound_name, building, unit, room, responsible_unit, grid_id): street 街道N, community 社区N,
     * compound 小区N, unit 1, grid G.
     */
    static void household(
            StringBuilder csv,
            String householdId,
            int street,
            int community,
            String compoundId,
            int compound,
            int building,
            int room,
            String responsibleUnit) {
        csv.append(householdId)
                .append(",浦东新区,街道")
                .append(street)
                .append(",社区")
                .append(community)
                .append(',')
                .append(compoundId)
                .append(",小区")
                .append(compound)
                .append(',')
                .append(building)
                .append(",1,")
                .append(room)
                .append(',')
                .append(responsibleUnit)
                .append(",G\n");
    }

    /**
     * A batch of {@code n} arrivals at {@code at}, ids {@code prefix + from} onwards, each a car with two persons (one
     * with an ID number), at the checkpoint {@code checkpointOf} gives for its id's number.
     */
    static String arrivals(String prefix, long from, int n, LongFunction<String> checkpointOf, Instant at) {
        StringBuilder sb = new StringBuilder(n * 260).append('[');
        String time = EventTimes.format(at, ZoneId.of("Asia/Shanghai"));
        for (int i = 0; i < n; i++) {
            long id = from + i;
            sb.append(i == 0 ? "" : ",")
                    .append("{\"event_id\":\"")
                    .append(prefix)
                    .append(id)
                    .append("\",\"checkpoint_id\":\"")
                    .append(checkpointOf.apply(id))
                    .append("\",\"occurred_at\":\"")
                    .append(time)
                    .append(
                            "\",\"direction\":\"in\",\"vehicle\":{\"plate\":\"沪A12345\",\"kind\":\"car\"},\"persons\":[")
                    .append("{\"temperature_c\":36.5,\"origin_province\":\"江苏\",\"id_number\":\"310101199001011234\"},")
                    .append("{\"temperature_c\":36.7,\"origin_province\":\"上海\"}],\"decision\":\"admitted\"}");
        }
        return sb.append(']').toString();
    }
}
