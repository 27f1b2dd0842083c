package io.cordon.stack.bench;

import io.cordon.schemas.EventTimes;
import io.cordon.stack.LocalStack;
import io.cordon.stack.Simulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures of docs/BENCHMARKS.md, measured on the whole local stack with the demo simulator running:
 * {@code ingest} (arrivals/s in batches of 500, each answered after the durable write) and {@code fever}
 * (time from posting a fever to its alert on an open wall's websocket). Run with {@code ./cordon bench ingest|fever}.
 */
public final class Benchmarks {

    private static final Logger OUT = LoggerFactory.getLogger("cordon");
    static final String TOKEN = "bench-token-0123456789";

    private Benchmarks() {}

    /**
     * The environment of a bench's private stack: free ports, the bench's feed token, no per-token rate limit (the
     * benches measure the service, not the limit).
     */
    static Map<String, String> stackEnv() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("CORDON_INGEST_PORT", "0");
        env.put("CORDON_DASHBOARD_PORT", "0");
        env.put("CORDON_INGEST_TOKENS", TOKEN);
        env.put("CORDON_FEED_RATE_LIMIT", "0");
        return env;
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "ingest";
        if (which.equals("registry")) {
            RegistryBench.run(args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000);
            return;
        }
        if (which.equals("reads")) {
            ReadsBench.run(
                    args.length > 1 ? Integer.parseInt(args[1]) : 30, args.length > 2 ? Integer.parseInt(args[2]) : 40);
            return;
        }
        if (which.equals("gateway")) {
            LoadBench.runGateway(
                    args.length > 1 ? Integer.parseInt(args[1]) : 90,
                    args.length > 2 ? Integer.parseInt(args[2]) : 20_000,
                    args.length > 3 ? Integer.parseInt(args[3]) : 10);
            return;
        }
        if (which.equals("topology")) {
            TopologyBench.run(
                    args.length > 1 ? Integer.parseInt(args[1]) : 30, args.length > 2 ? Integer.parseInt(args[2]) : 2);
            return;
        }
        if (which.equals("load")) {
            LoadBench.run(args.length > 1 ? Integer.parseInt(args[1]) : 60);
            return;
        }
        if (which.equals("city-state")) {
            CityBench.runState(args.length > 1 ? Double.parseDouble(args[1]) : 1.0);
            return;
        }
        if (which.equals("key-persons")) {
            KeyPersonBench.run(args.length > 1 ? Integer.parseInt(args[1]) : 250_000);
            return;
        }
        if (which.equals("report-files")) {
            ReportFilesBench.run(args.length > 1 ? Integer.parseInt(args[1]) : 3);
            return;
        }
        if (which.equals("city-figures")) {
            CityBench.run(args.length > 1 ? Double.parseDouble(args[1]) : 1.0);
            return;
        }
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path dir = BenchKit.scratch("cordon-bench");
        Map<String, String> env = stackEnv();
        WebhookReceiver receiver = null;
        if (which.equals("webhook")) {
            receiver = new WebhookReceiver();
            env.put("CORDON_ALERT_WEBHOOK_URL", receiver.url());
            env.put("CORDON_ALERT_WEBHOOK_FORMAT", args.length > 2 ? args[2] : "wecom");
        }
        try (LocalStack stack = LocalStack.start(env, dir, OUT::info);
                // the webhook bench alone: the simulator's own fevers would share the robot's 20 messages a minute
                Simulator sim = which.equals("webhook") ? null : Simulator.start(stack.ingestUrl(), stack.env())) {
            OUT.info(
                    "simulator {}; warming up 10 s",
                    sim == null ? "not started" : "running (" + sim.checkpointCount() + " checkpoints)");
            Thread.sleep(10_000);
            switch (which) {
                case "ingest" -> ingest(stack, seconds);
                case "fever" -> fever(stack, seconds);
                case "screening" -> ScreeningBench.run(stack, seconds);
                case "webhook" -> webhook(stack, seconds, receiver, env.get("CORDON_ALERT_WEBHOOK_FORMAT"));
                default ->
                    throw new IllegalArgumentException(
                            "bench ingest|fever|screening|webhook [seconds] [wecom|dingtalk|json]");
            }
        }
        System.exit(0);
    }

    private static void ingest(LocalStack stack, int seconds) throws Exception {
        int clients = 8;
        int batch = 500;
        HttpClient http = HttpClient.newHttpClient();
        Histogram latency = new Histogram(60_000_000L, 3);
        AtomicLong accepted = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long started = System.nanoTime();
        BenchKit.clients(clients, end, () -> {
            String body =
                    BenchKit.arrivals("bench-", sequence.getAndAdd(batch), batch, id -> "PD-G1501-EXIT", Instant.now());
            long t0 = System.nanoTime();
            HttpResponse<String> r = postArrivals(http, stack, body);
            long micros = (System.nanoTime() - t0) / 1000;
            if (r.statusCode() == 202) {
                accepted.addAndGet(batch);
                synchronized (latency) {
                    latency.recordValue(micros);
                }
            } else {
                failures.incrementAndGet();
            }
        });
        double elapsed = (System.nanoTime() - started) / 1e9;
        OUT.info(
                "ingest: {} clients x batches of {} for {} s: {} arrivals accepted, {} failed requests",
                clients,
                batch,
                String.format("%.1f", elapsed),
                accepted.get(),
                failures.get());
        OUT.info(
                "ingest: throughput {} arrivals/s; batch latency p50 {} ms, p95 {} ms, p99 {} ms, max {} ms",
                Math.round(accepted.get() / elapsed),
                latency.getValueAtPercentile(50) / 1000.0,
                latency.getValueAtPercentile(95) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0,
                latency.getMaxValue() / 1000.0);
    }

    /**
     * A request with the bench's token and its body (a GET without either when {@code body} is null); its answer as
     * it came. Ten minutes at most: an upload of a city's registry takes a while.
     */
    static HttpResponse<String> send(HttpClient http, String method, String url, String type, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10));
        if (body != null) {
            b.header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", type)
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void fever(LocalStack stack, int seconds) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        FeverWall wall = new FeverWall(http, stack.dashboardUrl());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int n = 0;
        while (System.nanoTime() < end) {
            String id = "fever-" + Instant.now().toEpochMilli() + "-" + n++;
            wall.posting(id);
            postFever(http, stack, id, 38.1);
            Thread.sleep(250);
        }
        Thread.sleep(3000);
        wall.close();
        Histogram latency = wall.latency;
        OUT.info("fever: {} fevers posted, {} alerts received, {} missing", n, latency.getTotalCount(), wall.missing());
        OUT.info(
                "fever: post-to-websocket latency p50 {} ms, p95 {} ms, p99 {} ms, max {} ms",
                latency.getValueAtPercentile(50) / 1000.0,
                latency.getValueAtPercentile(95) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0,
                latency.getMaxValue() / 1000.0);
    }

    /** Posts one arrival of a feverish person at the fever benches' checkpoint; a refusal is logged, not thrown. */
    private static void postFever(HttpClient http, LocalStack stack, String id, double temperature) throws Exception {
        String body = "{\"event_id\":\"" + id + "\",\"checkpoint_id\":\"PD-GATE-ZJ\",\"occurred_at\":\""
                + EventTimes.format(Instant.now(), ZoneId.of("Asia/Shanghai")) + "\",\"direction\":\"in\","
                + "\"persons\":[{\"temperature_c\":" + temperature + "}],\"decision\":\"turned_back\"}";
        HttpResponse<String> r = postArrivals(http, stack, body);
        if (r.statusCode() != 202) {
            OUT.info("fever post answered {}: {}", r.statusCode(), r.body());
        }
    }

    /** Posts a body of arrivals to ingest with the bench's feed token. */
    private static HttpResponse<String> postArrivals(HttpClient http, LocalStack stack, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/api/v1/checkpoint-events"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Fevers posted to ingest, timed to an open wall's websocket and to the webhook receiver (a group robot that
     * answers {@code errcode} 0) side by side. The robots take 20 messages a minute, so for them a fever is posted
     * every 3.2 s (18 a minute: each goes alone); plain JSON has no such limit, so every 250 ms.
     */
    private static void webhook(LocalStack stack, int seconds, WebhookReceiver receiver, String format)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> registered = http.send(
                HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/api/v1/registry/checkpoints"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "text/csv")
                        .PUT(HttpRequest.BodyPublishers.ofString(
                                "checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                                        + "PD-GATE-ZJ,张江卡口,compound_gate,上海,上海,浦东新区,,,\n"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (registered.statusCode() != 200) {
            throw new IllegalStateException("the checkpoint was not registered: " + registered.body());
        }
        FeverWall wall = new FeverWall(http, stack.dashboardUrl());
        long spacing = format.equals("json") ? 250 : 3200;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int n = 0;
        while (System.nanoTime() < end) {
            String id = "hook-" + Instant.now().toEpochMilli() + "-" + n++;
            wall.posting(id);
            receiver.posting(id);
            postFever(http, stack, id, 38.4);
            Thread.sleep(spacing);
        }
        Thread.sleep(5000);
        wall.close();
        receiver.close();
        OUT.info(
                "webhook ({}): {} fevers posted; wall: {} alerts, {} missing, p50 {} ms, p95 {} ms, max {} ms",
                format,
                n,
                wall.latency.getTotalCount(),
                wall.missing(),
                wall.latency.getValueAtPercentile(50) / 1000.0,
                wall.latency.getValueAtPercentile(95) / 1000.0,
                wall.latency.getMaxValue() / 1000.0);
        OUT.info(
                "webhook ({}): receiver: {} alerts in {} messages, {} missing, p50 {} ms, p95 {} ms, max {} ms",
                format,
                receiver.latency.getTotalCount(),
                receiver.messages.get(),
                receiver.missing(),
                receiver.latency.getValueAtPercentile(50) / 1000.0,
                receiver.latency.getValueAtPercentile(95) / 1000.0,
                receiver.latency.getMaxValue() / 1000.0);
    }
}
