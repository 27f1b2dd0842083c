package io.cordon.stack.bench;

import static io.cordon.stack.bench.BenchKit.enc;
import static io.cordon.stack.bench.BenchKit.ms;
import static io.cordon.stack.bench.BenchKit.time;

import io.cordon.schemas.EventTimes;
import io.cordon.stack.Divisions;
import io.cordon.stack.LocalStack;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The city bench's corrections and report of record: how long a corrected or voided arrival or visit takes to show
 * in the live figures, and freezing and downloading yesterday's report over the whole registry.
 */
final class CityCorrections {

    private static final Logger OUT = LoggerFactory.getLogger("cordon");

    private final LocalStack stack;
    private final HttpClient http;
    private final LocalDate today;
    private final Map<String, List<String>> rows = new LinkedHashMap<>();

    CityCorrections(LocalStack stack, HttpClient http, LocalDate today) {
        this.stack = stack;
        this.http = http;
        this.today = today;
    }

    /**
     * Corrections and voids, from the answer to the live figures (the tiles every wall gets; the compound table), and
     * the report of record: freezing yesterday's at 20:00 over the whole registry, then downloading each format.
     */
    Map<String, List<String>> measure(List<String[]> compounds) throws Exception {
        String json = "application/json";
        Histogram arrivalFixed = new Histogram(600_000_000L, 3);
        Histogram arrivalVoided = new Histogram(600_000_000L, 3);
        for (int i = 0; i < 30; i++) {
            String cp = CityFeeds.checkpointId(i * 7 % CityFeeds.CHECKPOINTS);
            String tiles = "/api/v1/tiles?scope=checkpoint:" + cp;
            String id = "fix-a-" + i;
            String at = EventTimes.format(Instant.now().minusSeconds(600), CityFeeds.ZONE);
            long before = persons(tiles);
            ingest("POST", "/api/v1/checkpoint-events", fixArrival(id, cp, at, 1, ""));
            awaitPersons(tiles, before + 1);
            long t0 = System.nanoTime();
            ingest(
                    "PUT",
                    "/api/v1/checkpoint-events/" + id,
                    fixArrival(id, cp, at, 3, ",\"correction_reason\":\"bench\""));
            awaitPersons(tiles, before + 3);
            arrivalFixed.recordValue((System.nanoTime() - t0) / 1000);
            t0 = System.nanoTime();
            ingest("DELETE", "/api/v1/checkpoint-events/" + id + "?reason=bench", "");
            awaitPersons(tiles, before);
            arrivalVoided.recordValue((System.nanoTime() - t0) / 1000);
        }
        Histogram visitFixed = new Histogram(600_000_000L, 3);
        Histogram visitVoided = new Histogram(600_000_000L, 3);
        Divisions divisions = Divisions.shanghai();
        for (int i = 0; i < 30; i++) {
            String[] c = compounds.get(i * 997 % compounds.size());
            Divisions.Community place = divisions.place(c[1], c[2]);
            String filter = "/api/v1/compounds?round=3&district=" + enc(c[1]) + "&street=" + enc(place.street())
                    + "&community=" + enc(place.community());
            String id = "fix-v-" + i;
            String at = EventTimes.format(Instant.now().minusSeconds(600), CityFeeds.ZONE);
            String visit = "{\"event_id\":\"" + id + "\",\"household_id\":\"" + c[0]
                    + "-0\",\"round\":3,\"visited_at\":\"" + at + "\",\"outcome\":\"%s\"%s}";
            ingest("POST", "/api/v1/household-visits", String.format(visit, "nobody_home", ""));
            awaitCompound(filter, c[0], "pending_revisit", 1);
            long t0 = System.nanoTime();
            ingest(
                    "PUT",
                    "/api/v1/household-visits/" + id,
                    String.format(visit, "reached", ",\"correction_reason\":\"bench\""));
            awaitCompound(filter, c[0], "resolved", 1);
            visitFixed.recordValue((System.nanoTime() - t0) / 1000);
            t0 = System.nanoTime();
            ingest("DELETE", "/api/v1/household-visits/" + id + "?reason=bench", "");
            awaitCompound(filter, c[0], "resolved", 0);
            visitVoided.recordValue((System.nanoTime() - t0) / 1000);
        }
        record(
                "corrections (30 each, answer to figure)",
                "arrival corrected, on the tiles p95 " + ms(arrivalFixed),
                "arrival voided, on the tiles p95 " + ms(arrivalVoided),
                "visit corrected, in /api/v1/compounds p95 " + ms(visitFixed),
                "visit voided, in /api/v1/compounds p95 " + ms(visitVoided));

        String date = today.minusDays(1).toString();
        long t0 = System.nanoTime();
        BenchKit.sendOk(
                http, "POST", stack.dashboardUrl() + "/api/v1/reports?date=" + date + "&cutoff=20:00", json, "");
        long freezeMs = (System.nanoTime() - t0) / 1_000_000;
        List<String> downloads = new ArrayList<>();
        for (String format : List.of("json", "csv", "xlsx", "pdf")) {
            downloads.add(format + " p95 "
                    + ms(time(
                            20,
                            () -> http.send(
                                    HttpRequest.newBuilder(URI.create(stack.dashboardUrl() + "/api/v1/reports/" + date
                                                    + "?format=" + format))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofByteArray()))));
        }
        JsonObject report = new JsonObject(get("/api/v1/reports/" + date + "?format=json"));
        record(
                "report of record " + date + " 20:00 ("
                        + report.getJsonArray("checkpoints").size() + " checkpoints, "
                        + report.getJsonArray("compounds").size() + " compounds)",
                "freeze (every format, city and districts) " + freezeMs + " ms",
                "download " + String.join(", ", downloads),
                "changes p95 " + ms(time(5, () -> get("/api/v1/reports/" + date + "/changes"))));
        return rows;
    }

    private static String fixArrival(String id, String cp, String at, int persons, String extra) {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < persons; i++) {
            p.append(i == 0 ? "" : ",").append("{\"temperature_c\":36.5}");
        }
        return "{\"event_id\":\"" + id + "\",\"checkpoint_id\":\"" + cp + "\",\"occurred_at\":\"" + at
                + "\",\"direction\":\"in\",\"persons\":[" + p + "],\"decision\":\"admitted\"" + extra + "}";
    }

    private long persons(String tiles) throws Exception {
        return new JsonObject(get(tiles))
                .getJsonObject("tiles")
                .getJsonObject("registered_persons")
                .getLong("cumulative");
    }

    private void awaitPersons(String tiles, long expected) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (persons(tiles) != expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(tiles + " never showed " + expected + " persons");
            }
            Thread.sleep(10);
        }
    }

    private void awaitCompound(String filter, String compound, String field, long expected) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            for (Object o : new JsonObject(get(filter)).getJsonArray("compounds")) {
                JsonObject row = (JsonObject) o;
                if (row.getString("compound_id").equals(compound) && row.getLong(field) == expected) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(compound + " never showed " + field + " " + expected);
            }
            Thread.sleep(10);
        }
    }

    private void record(String key, String... values) {
        rows.put(key, List.of(values));
        OUT.info("{}: {}", key, String.join("; ", values));
    }

    /** Sends a feed's request to ingest and fails unless it is accepted. */
    private void ingest(String method, String path, String body) throws Exception {
        BenchKit.sendOk(http, method, stack.ingestUrl() + path, "application/json", body);
    }

    private String get(String path) throws IOException, InterruptedException {
        return BenchKit.get(http, stack.dashboardUrl() + path);
    }
}
