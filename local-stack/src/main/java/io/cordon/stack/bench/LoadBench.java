package io.cordon.stack.bench;

import io.cordon.schemas.EventTimes;
import io.cordon.stack.LocalStack;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./cordon bench load [seconds]}: the whole stack under a load from a separate process ({@link LoadGenerator}).
 * (1) As fast as ingest answers for {@code seconds}: arrivals per second from the first {@code POST} to the moment the
 * dashboard's cumulative count is exact; twice, cold (the JVMs compiling as they go) then warm, the figure. (2) 10,000 arrivals a second for {@code seconds} while a fever is posted every
 * 250 ms: the time from posting each fever to its alert on an open wall. (3) Overload: twice the rate measured in (1)
 * offered for {@code seconds}, fevers every 250 ms: fever → wall, the slowest answer, refusals, and how fast the
 * backlog drains once the load stops (every accepted arrival counted once). Phases (2) and (3) are also measured end to
 * end as (1) is, from the phase's first {@code POST} to its exact count; (1) is eight clients each waiting for its
 * answer, so it measures latency as much as capacity, while (3) offers more than the stack takes. Each phase writes
 * where the CPU went per arrival ({@link CpuLedger}).
 */
public final class LoadBench {

    private static final Logger OUT = LoggerFactory.getLogger("cordon");
    private static final String TOKEN = Benchmarks.TOKEN;

    private LoadBench() {}

    /** Who posts the load: the Java generator (batches of 500), or a Python gateway (tools/gateway_load.py). */
    private static String[] gateway;

    /**
     * {@code ./cordon bench gateway [seconds] [rate] [batch]}: ingest as the bottleneck (issue 19, S14). A gateway in
     * Python ({@code tools/gateway_load.py}, its own process, costing its own CPU on the same two cores) offers {@code
     * rate} arrivals a second in batches of {@code batch} for {@code seconds}, open loop, while a fever is posted every
     * 250 ms to an open wall: the offered rate, accepted, refused, the slowest answer and the p95, fever → wall, and
     * the counted rate against the accepted rate.
     */
    public static void runGateway(int seconds, int rate, int batch) throws Exception {
        Path dir = BenchKit.scratch("cordon-gateway");
        try (LocalStack stack = LocalStack.start(Benchmarks.stackEnv(), dir, OUT::info)) {
            HttpClient http = HttpClient.newHttpClient();
            registerCheckpoints(http, stack);
            CpuLedger ledger = CpuLedger.of(stack);
            gateway = new String[] {
                "python3",
                Path.of(System.getProperty("cordon.root", "."), "tools", "gateway_load.py")
                        .toString(),
                String.valueOf(batch)
            };
            long accepted = fevers(
                    http,
                    stack,
                    ledger,
                    seconds,
                    rate,
                    "gw-",
                    rate + " arrivals/s offered by a Python gateway in" + " batches of " + batch,
                    0);
            awaitCumulative(http, stack, accepted);
            OUT.info("gateway: every accepted arrival ({}) counted once", accepted);
        }
        System.exit(0);
    }

    static void registerCheckpoints(HttpClient http, LocalStack stack) throws Exception {
        StringBuilder csv =
                new StringBuilder("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n");
        for (int c = 0; c < 500; c++) {
            csv.append(String.format("CK-%03d", c)).append(",卡口").append(c).append(",highway,上海,上海,浦东新区,,,\n");
        }
        http.send(
                HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/api/v1/registry/checkpoints"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "text/csv")
                        .PUT(HttpRequest.BodyPublishers.ofString(csv.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(3000);
    }

    public static void run(int seconds) throws Exception {
        Path dir = BenchKit.scratch("cordon-load");
        Map<String, String> env = Benchmarks.stackEnv();
        try (LocalStack stack = LocalStack.start(env, dir, OUT::info)) {
            HttpClient http = HttpClient.newHttpClient();
            registerCheckpoints(http, stack);

            CpuLedger ledger = CpuLedger.of(stack);
            // the JVMs' first minute compiles their hot code (C2) as they go; a stack serving a city runs warm, so the
            // capacity is measured a second time, warm, and the overload offers twice that. Both are written.
            long[] cold = eightClients(http, stack, ledger, seconds, "cold-", "cold (the JVMs' first load)", 0);
            long[] warm = eightClients(http, stack, ledger, seconds, "max-", "warm", cold[0]);
            long accepted = cold[0] + warm[0];
            double rate = warm[1];
            long before = accepted;
            long steady = fevers(http, stack, ledger, seconds, 10_000, "steady-", "10,000 arrivals/s", before);
            long overload = fevers(
                    http,
                    stack,
                    ledger,
                    seconds,
                    (int) Math.round(2 * rate),
                    "over-",
                    "twice the capacity (" + Math.round(2 * rate) + " arrivals/s offered)",
                    before + steady);
            long total = before + steady + overload;
            awaitCumulative(http, stack, total);
            OUT.info("load: after the overload, every accepted arrival ({} in all) counted once", total);
        }
        System.exit(0);
    }

    /**
     * Eight clients posting as fast as ingest answers for {@code seconds}, each waiting for its answer: answers the
     * arrivals accepted and the rate counted end to end (from the first {@code POST} to the exact count), logged with
     * where the CPU went.
     */
    private static long[] eightClients(
            HttpClient http,
            LocalStack stack,
            CpuLedger ledger,
            int seconds,
            String prefix,
            String what,
            long countedBefore)
            throws Exception {
        CpuLedger.Snapshot cpuBefore = ledger.take();
        String[] result = generate(stack, seconds, 0, prefix);
        long accepted = Long.parseLong(result[1]);
        long first = Long.parseLong(result[3]);
        long exact = awaitCumulative(http, stack, countedBefore + accepted);
        CpuLedger.Snapshot cpuAfter = ledger.take();
        double rate = accepted / ((exact - first) / 1000.0);
        OUT.info(
                "load: {}: {} arrivals accepted ({} failed requests) in {} s of posting; counted exactly {} s after the "
                        + "first POST: {} arrivals/s end to end",
                what,
                accepted,
                result[5],
                seconds,
                String.format("%.1f", (exact - first) / 1000.0),
                Math.round(rate));
        OUT.info(
                "load: {}: CPU per arrival counted, from before the first POST to the exact count (thread CPU times of the "
                        + "stack's JVM by part, ClickHouse's and the generator's processes):\n{}",
                what,
                CpuLedger.report(cpuBefore, cpuAfter, accepted, Long.parseLong(result[9]) * 1_000_000));
        return new long[] {accepted, Math.round(rate)};
    }

    /**
     * Runs the load generator at {@code rate} for {@code seconds} while a fever is posted every 250 ms to an open wall;
     * logs fever → wall and the answers; answers how many arrivals were accepted.
     */
    private static long fevers(
            HttpClient http,
            LocalStack stack,
            CpuLedger ledger,
            int seconds,
            int rate,
            String prefix,
            String what,
            long countedBefore)
            throws Exception {
        CpuLedger.Snapshot cpuBefore = ledger.take();
        FeverWall wall = new FeverWall(http, stack.dashboardUrl());
        String[][] result = new String[1][];
        Thread generator = new Thread(() -> {
            try {
                result[0] = generate(stack, seconds, rate, prefix);
            } catch (Exception e) {
                OUT.warn("load generator failed: {}", e.getMessage());
            }
        });
        generator.start();
        int n = 0;
        long slowestFeverAnswer = 0;
        int feverRefused = 0;
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < end) {
            String id = prefix + "fever-" + n++;
            String body = "{\"event_id\":\"" + id + "\",\"checkpoint_id\":\"CK-007\",\"occurred_at\":\""
                    + EventTimes.format(Instant.now(), ZoneId.of("Asia/Shanghai")) + "\",\"direction\":\"in\","
                    + "\"persons\":[{\"temperature_c\":38.1}],\"decision\":\"turned_back\"}";
            wall.posting(id);
            long t0 = System.nanoTime();
            int status = http.send(
                            HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/api/v1/checkpoint-events"))
                                    .header("Authorization", "Bearer " + TOKEN)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode();
            slowestFeverAnswer = Math.max(slowestFeverAnswer, (System.nanoTime() - t0) / 1_000_000);
            feverRefused += status == 202 ? 0 : 1;
            Thread.sleep(250);
        }
        generator.join();
        String[] r = result[0];
        // end to end as in the first phase: from this phase's first POST to the moment its every arrival is counted
        long phaseAccepted = Long.parseLong(r[1]);
        long exactAt = awaitCumulative(http, stack, countedBefore + phaseAccepted);
        CpuLedger.Snapshot cpuAfter = ledger.take();
        long firstPost = Long.parseLong(r[3]);
        OUT.info(
                "load: {}: {} arrivals accepted in {} s of posting, counted exactly {} s after the phase's first POST "
                        + "({} s after its last): {} arrivals/s end to end; CPU per arrival:\n{}",
                what,
                phaseAccepted,
                seconds,
                String.format("%.1f", (exactAt - firstPost) / 1000.0),
                String.format("%.1f", (exactAt - firstPost) / 1000.0 - seconds),
                Math.round(phaseAccepted / ((exactAt - firstPost) / 1000.0)),
                CpuLedger.report(cpuBefore, cpuAfter, phaseAccepted, Long.parseLong(r[9]) * 1_000_000));
        Thread.sleep(5000);
        wall.close();
        Histogram latency = wall.latency;
        OUT.info(
                "load: {}: {} arrivals accepted, {} requests refused, slowest answer {} ms; {} fevers posted ({} refused, slowest "
                        + "answer {} ms), {} alerts, {} missing; fever -> wall p50 {} ms, p95 {} ms, p99 {} ms, max {} ms",
                what,
                r[1],
                r[5],
                r[7],
                n,
                feverRefused,
                slowestFeverAnswer,
                latency.getTotalCount(),
                wall.missing(),
                latency.getValueAtPercentile(50) / 1000.0,
                latency.getValueAtPercentile(95) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0,
                latency.getMaxValue() / 1000.0);
        if (wall.missing() > 0) {
            // why a wall could miss alerts: the dashboard closes a wall that reads nothing for 10 s
            OUT.info("load: {}: the bench's wall: {}", what, wall.state());
            String metrics = http.send(
                            HttpRequest.newBuilder(URI.create(stack.dashboardUrl() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            metrics.lines()
                    .filter(l -> l.startsWith("cordon_websocket") || l.startsWith("cordon_alert"))
                    .forEach(l -> OUT.info("load: {}: dashboard metric after the phase: {}", what, l));
        }
        if (r.length > 16) {
            OUT.info(
                    "load: {}: the gateway offered {} arrivals, {} requests refused (503/429) and answered at p95 {} ms, "
                            + "slowest {} ms; {} requests sent over a second late (every connection busy)",
                    what,
                    r[15],
                    r[11],
                    r[13],
                    r[7],
                    r[17]);
        }
        return Long.parseLong(
                r[1]); // the fevers carry no vehicle: the registered vehicles count the generator's arrivals only
    }

    /** Runs the load generator in a JVM of its own; answers its result line, split on blanks. */
    static String[] generate(LocalStack stack, int seconds, int rate, String prefix) throws Exception {
        Process p = (gateway != null
                        ? new ProcessBuilder(
                                gateway[0],
                                gateway[1],
                                stack.ingestUrl(),
                                TOKEN,
                                String.valueOf(seconds),
                                String.valueOf(rate),
                                gateway[2],
                                prefix,
                                "500")
                        : new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "-Xmx512m",
                                "-cp",
                                System.getProperty("java.class.path"),
                                LoadGenerator.class.getName(),
                                stack.ingestUrl(),
                                TOKEN,
                                String.valueOf(seconds),
                                String.valueOf(rate),
                                prefix,
                                "500"))
                .redirectErrorStream(true)
                .start();
        String last = "";
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                last = line;
            }
        }
        p.waitFor();
        if (!last.startsWith("accepted ")) {
            throw new IllegalStateException("the load generator failed: " + last);
        }
        return last.split(" ");
    }

    static long awaitCumulative(HttpClient http, LocalStack stack, long expected) throws Exception {
        long deadline = System.currentTimeMillis() + Duration.ofMinutes(30).toMillis();
        while (System.currentTimeMillis() < deadline) {
            String body = http.send(
                            HttpRequest.newBuilder(URI.create(stack.dashboardUrl() + "/api/v1/tiles"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            int i = body.indexOf("\"registered_vehicles\"");
            int c = body.indexOf("\"cumulative\":", i);
            long counted =
                    Long.parseLong(body.substring(c + 13, body.indexOf('}', c)).trim());
            if (counted == expected) {
                return System.currentTimeMillis();
            }
            if (counted > expected) {
                throw new IllegalStateException(
                        "counted " + counted + " of " + expected + " arrivals: more than were accepted");
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the dashboard never showed " + expected + " arrivals");
    }
}
