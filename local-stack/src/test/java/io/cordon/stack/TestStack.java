package io.cordon.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** A whole local stack for one test class, on free ports and in its own directory, and an HTTP client for it. */
final class TestStack implements AutoCloseable {

    static final String TOKEN = "test-token";

    final LocalStack stack;
    final Path dir;
    final HttpClient http = HttpClient.newHttpClient();

    private TestStack(LocalStack stack, Path dir) {
        this.stack = stack;
        this.dir = dir;
    }

    static TestStack start(Path dir, Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("CORDON_INGEST_PORT", "0");
        env.put("CORDON_DASHBOARD_PORT", "0");
        env.put("CORDON_INGEST_TOKENS", TOKEN + ",second-token");
        env.put("CORDON_TIMEZONE", "Asia/Shanghai");
        env.put("CORDON_CHECKPOINT_INTERVAL", "PT2S");
        env.put("CORDON_DASHBOARD_REFRESH", "PT0.2S");
        env.putAll(extra);
        return new TestStack(LocalStack.start(env, dir, line -> { }), dir);
    }

    static TestStack start(Path dir) throws Exception {
        return start(dir, Map.of());
    }

    HttpResponse<String> send(String method, String url, String contentType, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postArrivals(String json) throws Exception {
        return send("POST", stack.ingestUrl() + "/api/v1/checkpoint-events", "application/json", json, TOKEN);
    }

    HttpResponse<String> postVisits(String json) throws Exception {
        return send("POST", stack.ingestUrl() + "/api/v1/household-visits", "application/json", json, TOKEN);
    }

    HttpResponse<String> putHouseholds(String csv) throws Exception {
        return send("PUT", stack.ingestUrl() + "/api/v1/registry/households", "text/csv", csv, TOKEN);
    }

    HttpResponse<String> putCheckpoints(String csv) throws Exception {
        return send("PUT", stack.ingestUrl() + "/api/v1/registry/checkpoints", "text/csv", csv, TOKEN);
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return send("GET", stack.dashboardUrl() + pathAndQuery, null, null, null);
    }

    HttpResponse<byte[]> getBytes(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.dashboardUrl() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    JsonNode getJson(String pathAndQuery) throws Exception {
        HttpResponse<String> r = get(pathAndQuery);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
        }
        return Json.MAPPER.readTree(r.body());
    }

    /** Waits until the condition holds (the pipeline is asynchronous), failing after the timeout. */
    static void eventually(Duration timeout, Supplier<Boolean> condition, Supplier<String> describe) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                if (condition.get()) {
                    return;
                }
            } catch (RuntimeException e) {
                // not there yet
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached within " + timeout + ": " + describe.get());
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void close() {
        stack.close();
    }
}
