package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.Json;
import io.cordon.testkit.ChildJvm;
import io.cordon.testkit.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole stack ({@code ./cordon run} in a process of its own, with its ClickHouse) killed with SIGKILL at a random
 * moment while arrivals are posted, then started again on the same data: the client posts again what was not
 * answered 202, and every figure ends exact, none lost or twice. CI runs one round; {@code ./cordon test --faults} ten
 * ({@code -Dcordon.faults.rounds}). Figures: target/faults/stack-kill.txt.
 */
class StackKillIT {

    static final int ROUNDS = Integer.getInteger("cordon.faults.rounds", 1);
    static final int RATE = Integer.getInteger("cordon.faults.rate", 200);

    @TempDir
    Path dir;

    @Test
    void aStackKilledAtRandomComesBackWithEveryFigureExact() throws Exception {
        // the snapshot at the end is of today's date: the day must not end while the stack is killed and restarted
        TestStack.awayFromMidnight(FaultLoad.SHANGHAI);
        int ingestPort = FreePorts.next();
        int dashboardPort = FreePorts.next();
        Map<String, String> env = new HashMap<>();
        env.put("CORDON_DATA_DIR", dir.resolve("data").toString());
        env.put("CORDON_INGEST_PORT", String.valueOf(ingestPort));
        env.put("CORDON_DASHBOARD_PORT", String.valueOf(dashboardPort));
        env.put("CORDON_INGEST_TOKENS", TestStack.TOKEN);
        env.put("CORDON_ID_HASH_KEY", "stack-kill-test-key-0123456789");
        env.put("CORDON_CHECKPOINT_INTERVAL", "PT2S");
        env.put("CORDON_FEED_RATE_LIMIT", "0");
        env.put("CORDON_FLINK_MANAGED_MEMORY", "128m");
        String ingest = "http://127.0.0.1:" + ingestPort;
        String dashboard = "http://127.0.0.1:" + dashboardPort;
        List<String> checkpoints = FaultLoad.checkpoints(3);
        Map<String, String> provinces = new HashMap<>();
        checkpoints.forEach(c -> provinces.put(c, "云南"));
        HandCount hand = new HandCount(provinces);
        HttpClient http = HttpClient.newHttpClient();
        Random random = new Random();

        Process stack = start(env, 0);
        try {
            awaitUp(http, ingest, dashboard);
            StringBuilder csv =
                    new StringBuilder("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n");
            checkpoints.forEach(c -> csv.append(c).append(",卡口,highway,云南,,,,,\n"));
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(ingest + "/api/v1/registry/checkpoints"))
                            .header("Authorization", "Bearer " + TestStack.TOKEN)
                            .header("Content-Type", "text/csv")
                            .PUT(HttpRequest.BodyPublishers.ofString(csv.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            for (int round = 1; round <= ROUNDS; round++) {
                long up;
                long restartedAt;
                try (FaultLoad load = new FaultLoad(ingest, hand, RATE, checkpoints, "sk" + round)) {
                    long killAfter = 2000 + random.nextInt(6000);
                    Thread.sleep(killAfter);
                    killAll(stack);
                    long killedAt = System.currentTimeMillis();
                    stack = start(env, round);
                    awaitUp(http, ingest, dashboard);
                    restartedAt = System.currentTimeMillis();
                    up = restartedAt - killedAt;
                    Thread.sleep(2000);
                }
                long exact = awaitExact(http, dashboard, hand, checkpoints, restartedAt);
                FaultLoad.report(
                        "stack-kill",
                        "round " + round + ": stack back " + up + " ms after SIGKILL; every figure exact " + exact
                                + " ms after it was back (" + hand.distinctEvents()
                                + " events posted in all, each counted once)");
            }
        } finally {
            killAll(stack);
        }
    }

    private Process start(Map<String, String> env, int n) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.command(
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), CordonLauncher.class.getName(), "run"));
        pb.environment().putAll(env);
        pb.redirectErrorStream(true)
                .redirectOutput(dir.resolve("stack-" + n + ".log").toFile());
        return pb.start();
    }

    /** SIGKILL to the launcher and everything it started (its ClickHouse), as a crash of the host would. */
    private static void killAll(Process p) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(p.toHandle().descendants().toList());
        p.destroyForcibly();
        all.forEach(ProcessHandle::destroyForcibly);
        p.waitFor();
        for (ProcessHandle h : all) {
            h.onExit().join();
        }
    }

    private static void awaitUp(HttpClient http, String ingest, String dashboard) throws InterruptedException {
        TestStack.eventually(
                Duration.ofSeconds(120),
                () -> status(http, ingest + "/health") == 200 && status(http, dashboard + "/health") == 200,
                () -> "the stack did not come up");
    }

    private static int status(HttpClient http, String url) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long awaitExact(
            HttpClient http, String dashboard, HandCount hand, List<String> checkpoints, long since)
            throws InterruptedException {
        LocalDate today = LocalDate.now(FaultLoad.SHANGHAI);
        Map<String, Long> expected = HandCount.total(hand.count(
                null, today.plusDays(1).atStartOfDay(FaultLoad.SHANGHAI).toInstant(), new HashSet<>(checkpoints)));
        String url = dashboard + "/api/v1/snapshot?date=" + today + "&cutoff=24:00";
        Map<String, Long>[] last = new Map[1];
        TestStack.eventually(
                Duration.ofSeconds(120),
                () -> {
                    try {
                        HttpResponse<String> r = http.send(
                                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
                        last[0] = HandCount.fromJson(
                                Json.MAPPER.readTree(r.body()).get("totals").get("cumulative"));
                        return last[0].equals(expected);
                    } catch (Exception e) {
                        return false;
                    }
                },
                () -> "cumulative " + last[0] + " never reached " + expected);
        return System.currentTimeMillis() - since;
    }
}
