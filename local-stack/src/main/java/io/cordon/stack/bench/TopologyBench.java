package io.cordon.stack.bench;

import io.cordon.stack.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./cordon bench topology [seconds] [rounds]}: the deployment's topology against the single machine's, side by
 * side in one run (issue 24's targets). Each round starts two stacks in turn on this machine: one Kafka broker and one
 * ClickHouse server; then three Kafka brokers (topics replicated 3 times, writes acknowledged by 2) and two ClickHouse
 * replicas with ZooKeeper. On each: the read of every figure behind the tiles ({@code X-Cordon-Figures-Read-Ms}),
 * sampled every 500 ms for 15 s idle, then the throughput of {@code ./cordon bench load}'s first phase (eight clients
 * of the load generator's process, each waiting for its answer, for {@code seconds}; arrivals/s from the first
 * {@code POST} to the dashboard's exact count) with the tiles sampled meanwhile. Figures to
 * {@code local-stack/target/benchmarks/topology.txt}.
 */
public final class TopologyBench {

    private static final Logger OUT = LoggerFactory.getLogger("cordon");

    private TopologyBench() {}

    record Figures(String topology, double rate, long idleP95, long idleP50, long loadP95, long accepted) {}

    public static void run(int seconds, int rounds) throws Exception {
        List<Figures> all = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (boolean replicated : new boolean[] {false, true}) {
                all.add(measure(replicated, seconds, round));
            }
        }
        StringBuilder report = new StringBuilder(Instant.now() + " topology bench, " + seconds + " s of load, " + rounds
                + " round(s), " + Runtime.getRuntime().availableProcessors() + " cores\n");
        for (Figures f : all) {
            report.append(String.format(
                    "%s: %d arrivals/s (%d accepted); figures read idle p50 %d ms, p95 %d ms; under load p95 %d ms%n",
                    f.topology(), Math.round(f.rate()), f.accepted(), f.idleP50(), f.idleP95(), f.loadP95()));
        }
        for (int round = 0; round < rounds; round++) {
            Figures one = all.get(2 * round);
            Figures two = all.get(2 * round + 1);
            report.append(String.format(
                    "round %d: throughput %.2f x of one broker and one server; figures read p95 idle %.2f x, under load %.2f x%n",
                    round + 1,
                    two.rate() / one.rate(),
                    (double) two.idleP95() / Math.max(1, one.idleP95()),
                    (double) two.loadP95() / Math.max(1, one.loadP95())));
        }
        OUT.info("topology:\n{}", report);
        Path out = Path.of(System.getProperty("cordon.root", "."), "local-stack", "target", "benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve("topology.txt"), report.toString());
        System.exit(0);
    }

    private static Figures measure(boolean replicated, int seconds, int round) throws Exception {
        String topology = replicated
                ? "3 Kafka brokers (RF 3, min ISR 2) + 2 ClickHouse replicas"
                : "1 Kafka broker + 1 ClickHouse server";
        Map<String, String> env = Benchmarks.stackEnv();
        if (replicated) {
            env.put("CORDON_KAFKA_BROKERS", "3");
            env.put("CORDON_CLICKHOUSE_REPLICAS", "2");
        }
        Path dir = BenchKit.scratch("cordon-topology");
        try (LocalStack stack = LocalStack.start(env, dir, OUT::info)) {
            HttpClient http = HttpClient.newHttpClient();
            LoadBench.registerCheckpoints(http, stack);
            Histogram idle = new Histogram(3);
            for (int i = 0; i < 30; i++) {
                idle.recordValue(figuresReadMillis(http, stack));
                Thread.sleep(500);
            }
            Histogram underLoad = new Histogram(3);
            AtomicBoolean loading = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (loading.get()) {
                    try {
                        underLoad.recordValue(figuresReadMillis(http, stack));
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        // a sample lost: the next one counts
                    }
                }
            });
            sampler.start();
            String[] result = LoadBench.generate(stack, seconds, 0, "topo-" + round + "-");
            long accepted = Long.parseLong(result[1]);
            long first = Long.parseLong(result[3]);
            long exact = LoadBench.awaitCumulative(http, stack, accepted);
            loading.set(false);
            sampler.join();
            double rate = accepted / ((exact - first) / 1000.0);
            Figures f = new Figures(
                    topology,
                    rate,
                    idle.getValueAtPercentile(95),
                    idle.getValueAtPercentile(50),
                    underLoad.getValueAtPercentile(95),
                    accepted);
            OUT.info("topology round {}: {}", round, f);
            return f;
        }
    }

    /** How long the dashboard's latest read of every figure took, as the tiles' answer says. */
    private static long figuresReadMillis(HttpClient http, LocalStack stack) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(stack.dashboardUrl() + "/api/v1/tiles"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return Long.parseLong(r.headers().firstValue("X-Cordon-Figures-Read-Ms").orElse("0"));
    }
}
