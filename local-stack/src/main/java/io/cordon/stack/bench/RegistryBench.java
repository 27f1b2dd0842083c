package io.cordon.stack.bench;

import io.cordon.schemas.EventTimes;
import io.cordon.stack.ComponentMain;
import io.cordon.stack.LocalStack;
import io.cordon.testkit.FreePorts;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./cordon bench registry [households]}: an ingest instance of its own ({@code ./cordon run ingest}, limited to
 * {@code -Xmx1g}) takes a city's household registry (10,000,000 by default) in uploads of 1,000,000 rows, while single
 * arrivals are posted to it every 50 ms; prints each upload's time, the arrivals' answer times during the uploads, and
 * the instance's heap in use after a full GC with the whole registry held.
 */
public final class RegistryBench {

    private static final Logger OUT = LoggerFactory.getLogger("cordon");
    private static final String TOKEN = Benchmarks.TOKEN;

    private RegistryBench() {}

    public static void run(int households) throws Exception {
        Path dir = BenchKit.scratch("cordon-registry");
        Map<String, String> env = Benchmarks.stackEnv();
        try (LocalStack stack = LocalStack.start(env, dir, OUT::info)) {
            int port = FreePorts.next();
            ProcessBuilder pb = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g",
                    "-XX:+UseG1GC",
                    "-Xlog:gc:file=" + dir.resolve("ingest-gc.log"),
                    "-cp",
                    System.getProperty("java.class.path"),
                    ComponentMain.class.getName(),
                    "ingest");
            pb.environment().put("CORDON_KAFKA_BOOTSTRAP", stack.env().get("CORDON_KAFKA_BOOTSTRAP"));
            pb.environment().put("CORDON_CLICKHOUSE_URL", stack.env().get("CORDON_CLICKHOUSE_URL"));
            pb.environment().put("CORDON_ID_HASH_KEY", stack.env().get("CORDON_ID_HASH_KEY"));
            pb.environment().put("CORDON_INGEST_TOKENS", TOKEN);
            pb.environment().put("CORDON_INGEST_PORT", String.valueOf(port));
            pb.redirectErrorStream(true)
                    .redirectOutput(dir.resolve("ingest.log").toFile());
            Process ingest = pb.start();
            String url = "http://127.0.0.1:" + port;
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            while (true) {
                try {
                    if (http.send(
                                            HttpRequest.newBuilder(URI.create(url + "/health"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .statusCode()
                            == 200) {
                        break;
                    }
                } catch (Exception e) {
                    // not up yet
                }
                Thread.sleep(200);
            }
            Benchmarks.send(
                    http,
                    "PUT",
                    url + "/api/v1/registry/checkpoints",
                    "text/csv",
                    "checkpoint_id,name,kind,province,city,district,street,latitude,longitude\nRB-1,卡口,highway,上海,上海,浦东新区,,,\n");
            AtomicBoolean uploading = new AtomicBoolean(true);
            Histogram during = new Histogram(600_000_000L, 3);
            Thread probe = new Thread(
                    () -> {
                        int n = 0;
                        while (uploading.get()) {
                            String body =
                                    "{\"event_id\":\"rb-" + n++ + "\",\"checkpoint_id\":\"RB-1\",\"occurred_at\":\""
                                            + EventTimes.format(Instant.now(), ZoneId.of("Asia/Shanghai"))
                                            + "\",\"direction\":\"in\","
                                            + "\"persons\":[{\"temperature_c\":36.5}],\"decision\":\"admitted\"}";
                            try {
                                long t0 = System.nanoTime();
                                HttpResponse<String> r = Benchmarks.send(
                                        http, "POST", url + "/api/v1/checkpoint-events", "application/json", body);
                                long micros = (System.nanoTime() - t0) / 1000;
                                if (r.statusCode() == 202) {
                                    synchronized (during) {
                                        during.recordValue(micros);
                                    }
                                }
                                if (micros > 500_000) {
                                    // to set beside the GC logs of both processes (ingest's, and this one's: it builds
                                    // the uploads)
                                    OUT.info(
                                            "registry: an arrival answered {} in {} ms, posted at {}",
                                            r.statusCode(),
                                            micros / 1000,
                                            Instant.now().minusNanos(micros * 1000));
                                }
                                Thread.sleep(50);
                            } catch (Exception e) {
                                return;
                            }
                        }
                    },
                    "probe");
            probe.start();
            int chunk = 1_000_000;
            for (int from = 0; from < households; from += chunk) {
                StringBuilder csv = new StringBuilder(BenchKit.HOUSEHOLD_HEADER);
                for (int h = from; h < Math.min(households, from + chunk); h++) {
                    int c = h / 286;
                    BenchKit.household(
                            csv,
                            "SH-" + c + "-" + h % 286,
                            c % 40,
                            c % 400,
                            "SH-" + c,
                            c,
                            h % 286 / 24 + 1,
                            h % 24 + 101,
                            "单位");
                }
                long t0 = System.nanoTime();
                HttpResponse<String> r =
                        Benchmarks.send(http, "PUT", url + "/api/v1/registry/households", "text/csv", csv.toString());
                OUT.info(
                        "registry: upload of {} rows answered {} in {} ms",
                        Math.min(chunk, households - from),
                        r.statusCode(),
                        (System.nanoTime() - t0) / 1_000_000);
            }
            uploading.set(false);
            probe.join();
            OUT.info(
                    "registry: arrivals posted during the uploads: {} answered, p50 {} ms, p99 {} ms, max {} ms",
                    during.getTotalCount(),
                    during.getValueAtPercentile(50) / 1000.0,
                    during.getValueAtPercentile(99) / 1000.0,
                    during.getMaxValue() / 1000.0);
            OUT.info(
                    "registry: heap of the ingest process after a full GC, {} households held: {}",
                    households,
                    heap(ingest.pid()));
            OUT.info("registry: the ingest process's GC log: {}", dir.resolve("ingest-gc.log"));
            ingest.destroy();
            ingest.waitFor();
        }
        System.exit(0);
    }

    private static String heap(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, String.valueOf(pid), "GC.run")
                .redirectErrorStream(true)
                .start()
                .waitFor();
        Process p = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.heap_info")
                .redirectErrorStream(true)
                .start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.contains("garbage-first heap")) {
                    out.append(line.strip());
                }
            }
        }
        p.waitFor();
        return out.toString();
    }
}
