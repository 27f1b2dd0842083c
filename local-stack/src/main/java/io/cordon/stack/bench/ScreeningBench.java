package io.cordon.stack.bench;

import io.cordon.schemas.EventTimes;
import io.cordon.stack.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code ./cordon bench screening [probes]}: a district's households and visits through the whole stack. */
final class ScreeningBench {

    private static final Logger OUT = LoggerFactory.getLogger("cordon");

    private ScreeningBench() {}

    /**
     * A city district's registry (5,000 compounds x 200 households = 1,000,000 households) loaded in chunks of 100,000,
     * 200,000 visits, then {@code GET /api/v1/compounds} latency, and the time from posting a visit to seeing it in its
     * compound's row.
     */
    static void run(LocalStack stack, int probes) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long t0 = System.nanoTime();
        for (int chunk = 0; chunk < 10; chunk++) {
            StringBuilder csv = new StringBuilder(BenchKit.HOUSEHOLD_HEADER);
            for (int h = chunk * 100_000; h < (chunk + 1) * 100_000; h++) {
                int c = h / 200;
                BenchKit.household(
                        csv, "B-" + h, c % 30, c % 300, "C-" + c, c, h % 200 / 24 + 1, h % 24 + 101, "单位" + c % 71);
            }
            long c0 = System.nanoTime();
            HttpResponse<String> r = Benchmarks.send(
                    http, "PUT", stack.ingestUrl() + "/api/v1/registry/households", "text/csv", csv.toString());
            OUT.info("registry chunk {}: {} in {} ms", chunk + 1, r.body(), (System.nanoTime() - c0) / 1_000_000);
        }
        OUT.info(
                "screening: 1,000,000 households registered in 10 chunks in {} s",
                (System.nanoTime() - t0) / 1_000_000_000);
        String at = EventTimes.format(Instant.now().minusSeconds(3600), ZoneId.of("Asia/Shanghai"));
        SplittableRandom random = new SplittableRandom(7);
        long v0 = System.nanoTime();
        for (int batch = 0; batch < 40; batch++) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < 5000; i++) {
                int h = random.nextInt(1_000_000);
                b.append(i == 0 ? "" : ",")
                        .append("{\"event_id\":\"bv-")
                        .append(batch)
                        .append('-')
                        .append(i)
                        .append("\",\"household_id\":\"B-")
                        .append(h)
                        .append("\",\"round\":1,\"visited_at\":\"")
                        .append(at)
                        .append("\",\"outcome\":\"")
                        .append(random.nextInt(3) == 0 ? "nobody_home" : "reached")
                        .append("\"}");
            }
            Benchmarks.send(
                    http,
                    "POST",
                    stack.ingestUrl() + "/api/v1/household-visits",
                    "application/json",
                    b.append(']').toString());
        }
        OUT.info("screening: 200,000 visits posted in {} s", (System.nanoTime() - v0) / 1_000_000_000);
        Thread.sleep(15_000);
        Histogram list = new Histogram(60_000_000L, 3);
        int rows = 0;
        for (int i = 0; i < 200; i++) {
            long q0 = System.nanoTime();
            HttpResponse<String> r =
                    Benchmarks.send(http, "GET", stack.dashboardUrl() + "/api/v1/compounds?round=1", null, null);
            list.recordValue((System.nanoTime() - q0) / 1000);
            rows = r.body().split("\"compound_id\"").length - 1;
        }
        OUT.info(
                "screening: GET /api/v1/compounds ({} compounds) p50 {} ms, p95 {} ms, p99 {} ms, max {} ms",
                rows,
                list.getValueAtPercentile(50) / 1000.0,
                list.getValueAtPercentile(95) / 1000.0,
                list.getValueAtPercentile(99) / 1000.0,
                list.getMaxValue() / 1000.0);

        for (String format : new String[] {"json", "xlsx", "pdf"}) {
            long best = Long.MAX_VALUE;
            int size = 0;
            for (int i = 0; i < 3; i++) {
                long s0 = System.nanoTime();
                HttpResponse<byte[]> r = http.send(
                        HttpRequest.newBuilder(URI.create(stack.dashboardUrl()
                                        + "/api/v1/snapshot?cutoff=23:59&round=1&format=" + format))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                best = Math.min(best, (System.nanoTime() - s0) / 1_000_000);
                size = r.body().length;
            }
            OUT.info(
                    "screening: snapshot as of a cutoff, 5,000 compounds, format {}: best of 3 {} ms ({} KiB)",
                    format,
                    best,
                    size / 1024);
        }

        StringBuilder probe = new StringBuilder(BenchKit.HOUSEHOLD_HEADER);
        for (int h = 0; h < probes; h++) {
            probe.append("PROBE-")
                    .append(h)
                    .append(",浦东新区,街道P,probe-community,C-PROBE,探针小区,1,1,")
                    .append(h)
                    .append(",单位P,G\n");
        }
        Benchmarks.send(http, "PUT", stack.ingestUrl() + "/api/v1/registry/households", "text/csv", probe.toString());
        Thread.sleep(2000);
        Histogram visit = new Histogram(60_000_000L, 3);
        int missing = 0;
        for (int h = 0; h < probes; h++) {
            String body = "{\"event_id\":\"probe-" + h + "\",\"household_id\":\"PROBE-" + h
                    + "\",\"round\":1,\"visited_at\":\"" + EventTimes.format(Instant.now(), ZoneId.of("Asia/Shanghai"))
                    + "\",\"outcome\":\"reached\"}";
            long p0 = System.nanoTime();
            Benchmarks.send(http, "POST", stack.ingestUrl() + "/api/v1/household-visits", "application/json", body);
            boolean seen = false;
            while (System.nanoTime() - p0 < 10_000_000_000L) {
                String r = Benchmarks.send(
                                http,
                                "GET",
                                stack.dashboardUrl() + "/api/v1/compounds?round=1&community=probe-community",
                                null,
                                null)
                        .body();
                if (r.contains("\"resolved\":" + (h + 1) + ",")) {
                    seen = true;
                    break;
                }
                Thread.sleep(20);
            }
            if (seen) {
                visit.recordValue((System.nanoTime() - p0) / 1000);
            } else {
                missing++;
            }
            Thread.sleep(200);
        }
        OUT.info(
                "screening: visit to its compound's row ({} probes, {} not seen in 10 s) p50 {} ms, p95 {} ms, p99 {} ms, max {} ms",
                probes,
                missing,
                visit.getValueAtPercentile(50) / 1000.0,
                visit.getValueAtPercentile(95) / 1000.0,
                visit.getValueAtPercentile(99) / 1000.0,
                visit.getMaxValue() / 1000.0);
    }
}
