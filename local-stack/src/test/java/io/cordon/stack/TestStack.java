package io.cordon.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.Json;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/** A whole local stack for one test class, on free ports and in its own directory, and an HTTP client for it. */
final class TestStack implements AutoCloseable {

    static final String TOKEN = "test-token-0123456789";

    final LocalStack stack;
    final Path dir;
    final HttpClient http = HttpClient.newHttpClient();
    /** The token registry uploads are sent with (a feed token acts as admin while CORDON_ADMIN_TOKENS is unset). */
    String adminToken = TOKEN;

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
        awayFromMidnight(ZoneId.of(env.get("CORDON_TIMEZONE")));
        // each step of the start with the time since it began, in the test's output (docs/BENCHMARKS.md's start time)
        long began = System.nanoTime();
        return new TestStack(
                LocalStack.start(
                        env,
                        dir,
                        line -> System.out.println(
                                "stack start +" + (System.nanoTime() - began) / 1_000_000 + " ms  " + line)),
                dir);
    }

    /**
     * The tests count "today" in the stack's zone: a class does not start within a few minutes of the zone's midnight
     * (the longest takes about two), so that its day cannot end while it runs; it waits for the new day instead.
     */
    static void awayFromMidnight(ZoneId zone) throws InterruptedException {
        ZonedDateTime now = ZonedDateTime.now(zone);
        ZonedDateTime midnight = now.toLocalDate().plusDays(1).atStartOfDay(zone);
        if (now.plusMinutes(4).isAfter(midnight)) {
            Thread.sleep(Duration.between(now, midnight).plusSeconds(30).toMillis());
        }
    }

    static TestStack start(Path dir) throws Exception {
        return start(dir, Map.of());
    }

    HttpResponse<String> send(String method, String url, String contentType, String body, String token)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
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

    /** Uploads households; once accepted, waits until the registry job has written them for the dashboard. */
    HttpResponse<String> putHouseholds(String csv) throws Exception {
        HttpResponse<String> r =
                send("PUT", stack.ingestUrl() + "/api/v1/registry/households", "text/csv", csv, adminToken);
        awaitRegistry(r, "households", "household_id", csv);
        return r;
    }

    /** Uploads checkpoints; once accepted, waits until the registry job has written them for the dashboard. */
    HttpResponse<String> putCheckpoints(String csv) throws Exception {
        HttpResponse<String> r =
                send("PUT", stack.ingestUrl() + "/api/v1/registry/checkpoints", "text/csv", csv, adminToken);
        awaitRegistry(r, "checkpoints", "checkpoint_id", csv);
        return r;
    }

    /**
     * The dashboard reads the registry that the registry job writes from the registry log, a moment after ingest
     * answered: tests that read it right after an upload wait for every uploaded id to be there.
     */
    private void awaitRegistry(HttpResponse<String> answer, String table, String idColumn, String csv)
            throws InterruptedException {
        if (answer.statusCode() != 200) {
            return;
        }
        String[] lines = csv.replace("\uFEFF", "").split("\n");
        int column = Arrays.asList(lines[0].split(",")).indexOf(idColumn);
        Set<String> ids = new TreeSet<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            if (column >= 0 && f.length > column && !f[column].isBlank()) {
                ids.add(ClickHouseSql.quote(f[column].strip()));
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        String sql = "SELECT count() FROM " + table + " FINAL WHERE " + idColumn + " IN (" + String.join(",", ids)
                + ") FORMAT TSV";
        eventually(
                Duration.ofSeconds(30),
                () -> Long.parseLong(stack.clickHouse().executeBlocking(sql).strip()) == ids.size(),
                () -> "the registry job did not write the " + ids.size() + " uploaded " + table);
    }

    /** A GET of the dashboard with a token. */
    HttpResponse<String> view(String pathAndQuery, String token) {
        try {
            return send("GET", stack.dashboardUrl() + pathAndQuery, null, null, token);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A GET of the dashboard with a token that must answer 200, as JSON. */
    JsonNode json(String pathAndQuery, String token) {
        HttpResponse<String> r = view(pathAndQuery, token);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
        }
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tiles of a scope, with a token. */
    JsonNode tiles(String scope, String token) {
        return json("/api/v1/tiles?scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8), token)
                .get("tiles");
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return send("GET", stack.dashboardUrl() + pathAndQuery, null, null, null);
    }

    HttpResponse<byte[]> getBytes(String pathAndQuery) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(stack.dashboardUrl() + pathAndQuery))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A GET of the dashboard with a token that must answer 200, as bytes. */
    byte[] getBytesAs(String pathAndQuery, String token) throws Exception {
        HttpResponse<byte[]> r = http.send(
                HttpRequest.newBuilder(URI.create(stack.dashboardUrl() + pathAndQuery))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(pathAndQuery + " answered " + r.statusCode());
        }
        return r.body();
    }

    JsonNode getJson(String pathAndQuery) throws Exception {
        HttpResponse<String> r = get(pathAndQuery);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
        }
        return Json.MAPPER.readTree(r.body());
    }

    /**
     * A number of the dashboard's JSON at a JSON pointer ({@code /tiles/registered_persons/today}), for a wait: {@link
     * Long#MIN_VALUE} while it cannot be read.
     */
    long number(String pathAndQuery, String pointer) {
        try {
            JsonNode n = getJson(pathAndQuery).at(pointer);
            return n.isNumber() ? n.asLong() : Long.MIN_VALUE;
        } catch (Exception | AssertionError e) {
            return Long.MIN_VALUE;
        }
    }

    /** Waits until the condition holds (the pipeline is asynchronous), failing after the timeout. */
    static void eventually(Duration timeout, Supplier<Boolean> condition, Supplier<String> describe)
            throws InterruptedException {
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
