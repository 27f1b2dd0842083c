package io.cordon.dashboard;

import io.cordon.http.Scope;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Daily reports of record (API.md, "Daily reports of record"): the snapshot of a date at its cutoff, frozen once
 * and kept in ClickHouse (table {@code reports}) as the exact bytes of every format, for the city and for each district
 * (a district's slice cut from the frozen city report at the same moment), so every download is byte-identical for
 * ever. {@link #changes} compares the frozen figures with the same snapshot computed now.
 */
public final class ReportService {

    /** A frozen report's entry in the list. */
    public record Entry(String date, String cutoff, String frozenAt, String sha256) {
        JsonObject json() {
            return new JsonObject().put("date", date).put("cutoff", cutoff).put("frozen_at", frozenAt).put("sha256", sha256);
        }
    }

    /** The date is frozen already: a frozen report is never overwritten. */
    public static final class AlreadyFrozen extends RuntimeException {
        AlreadyFrozen(String message) {
            super(message, null, false, false);
        }
    }

    private static final DateTimeFormatter CH_TIME = AlertStore.CH_TIME;

    private final ClickHouseHttp clickHouse;
    private final SnapshotService snapshots;
    private final ZoneId zone;

    public ReportService(ClickHouseHttp clickHouse, SnapshotService snapshots, ZoneId zone) {
        this.clickHouse = clickHouse;
        this.snapshots = snapshots;
        this.zone = zone;
    }

    /** Frozen reports (of the city), newest first. */
    public CompletableFuture<List<Entry>> list() {
        return list(Scope.ALL);
    }

    /** Frozen reports of a scope (the city's, or a district's slices), newest first; the hash is of that JSON rendering. */
    public CompletableFuture<List<Entry>> list(Scope scope) {
        return clickHouse.execute("SELECT toString(date) AS d, any(cutoff) AS c, toUInt32(min(frozen_at)) AS f, any(sha256) AS s"
                + " FROM reports FINAL WHERE scope = " + ClickHouseSql.quote(scope.toString())
                + " AND format = 'json' GROUP BY date ORDER BY date DESC FORMAT JSON")
                .thenApply(body -> {
                    List<Entry> out = new ArrayList<>();
                    for (Object o : CheckpointQueries.data(body)) {
                        JsonObject r = (JsonObject) o;
                        out.add(new Entry(r.getString("d"), r.getString("c"), DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                Instant.ofEpochSecond(CheckpointQueries.number(r, "f")).atZone(zone)), r.getString("s")));
                    }
                    return out;
                });
    }

    /** The stored bytes of a frozen report, or null when that date (or that district's slice) is not frozen. */
    public CompletableFuture<byte[]> download(LocalDate date, Scope scope, String format) {
        return clickHouse.execute("SELECT body FROM reports FINAL WHERE date = toDate('" + date + "') AND scope = "
                + ClickHouseSql.quote(scope.toString()) + " AND format = " + ClickHouseSql.quote(format) + " FORMAT JSON")
                .thenApply(body -> {
                    JsonArray rows = CheckpointQueries.data(body);
                    return rows.isEmpty() ? null : Base64.getDecoder().decode(rows.getJsonObject(0).getString("body"));
                });
    }

    /**
     * Freezes the snapshot of {@code date} at {@code cutoff}: the city's and every district's, in every format. Fails
     * with {@link AlreadyFrozen} when the date is frozen.
     */
    public CompletableFuture<Entry> freeze(LocalDate date, String cutoff, Instant now) {
        SnapshotRequest request = new SnapshotRequest(date, cutoff, zone, null, "json");
        return list().thenCompose(existing -> {
            if (existing.stream().anyMatch(e -> e.date().equals(date.toString()))) {
                throw new AlreadyFrozen("the report of " + date + " is frozen already; a frozen report is never overwritten");
            }
            return snapshots.snapshot(request);
        }).thenCompose(city -> {
            List<String> rows = new ArrayList<>();
            String frozenAt = CH_TIME.format(now);
            String sha = add(rows, date, Scope.ALL, cutoff, frozenAt, city);
            TreeSet<String> districts = new TreeSet<>();
            city.getJsonArray("checkpoints").forEach(c -> districts.add(((JsonObject) c).getString("district", "")));
            city.getJsonArray("compounds").forEach(c -> districts.add(((JsonObject) c).getString("district", "")));
            districts.remove("");
            for (String d : districts) {
                add(rows, date, Scope.district(d), cutoff, frozenAt, slice(city, d));
            }
            return clickHouse.insertJsonEachRow("reports", rows).thenApply(x -> new Entry(date.toString(), cutoff,
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now.atZone(zone).withNano(0)), sha));
        });
    }

    /** Adds the rows of one scope's report in every format; answers the SHA-256 of its JSON rendering. */
    private static String add(List<String> rows, LocalDate date, Scope scope, String cutoff, String frozenAt, JsonObject snapshot) {
        String sha = null;
        for (String format : SnapshotRequest.FORMATS) {
            byte[] bytes = format.equals("json") ? snapshot.encode().getBytes(StandardCharsets.UTF_8) : SnapshotExporter.export(snapshot, format);
            String hash = sha256(bytes);
            if (format.equals("json")) {
                sha = hash;
            }
            rows.add(new JsonObject().put("date", date.toString()).put("scope", scope.toString()).put("format", format)
                    .put("cutoff", cutoff).put("frozen_at", frozenAt).put("sha256", hash)
                    .put("body", Base64.getEncoder().encodeToString(bytes)).encode());
        }
        return sha;
    }

    /** A district's slice of the city snapshot: its checkpoints, its compounds, totals over its checkpoints. */
    static JsonObject slice(JsonObject city, String district) {
        JsonArray checkpoints = new JsonArray();
        CheckpointCounts today = CheckpointCounts.zero();
        CheckpointCounts cumulative = CheckpointCounts.zero();
        for (Object o : city.getJsonArray("checkpoints")) {
            JsonObject c = (JsonObject) o;
            if (district.equals(c.getString("district"))) {
                checkpoints.add(c);
                today = today.plus(CheckpointCounts.fromJson(c.getJsonObject("today")));
                cumulative = cumulative.plus(CheckpointCounts.fromJson(c.getJsonObject("cumulative")));
            }
        }
        JsonArray compounds = new JsonArray();
        for (Object o : city.getJsonArray("compounds")) {
            if (district.equals(((JsonObject) o).getString("district"))) {
                compounds.add(o);
            }
        }
        return new JsonObject().put("date", city.getString("date")).put("cutoff", city.getString("cutoff"))
                .put("timezone", city.getString("timezone")).put("round", city.getValue("round")).put("checkpoints", checkpoints)
                .put("totals", new JsonObject().put("today", today.toJson()).put("cumulative", cumulative.toJson()))
                .put("compounds", compounds).put("scope", "district:" + district);
    }

    /**
     * Every figure of a frozen report whose value as of the same cutoff differs now ({@code "reported"} and
     * {@code "now"}), or null when the date is not frozen.
     */
    public CompletableFuture<JsonObject> changes(LocalDate date) {
        return download(date, Scope.ALL, "json").thenCompose(bytes -> {
            if (bytes == null) {
                return CompletableFuture.completedFuture(null);
            }
            JsonObject frozen = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
            SnapshotRequest request = new SnapshotRequest(date, frozen.getString("cutoff"), zone, frozen.getInteger("round"), "json");
            return snapshots.snapshot(request).thenApply(now -> {
                Map<String, Long> reported = figures(frozen);
                Map<String, Long> current = figures(now);
                TreeSet<String> keys = new TreeSet<>(reported.keySet());
                keys.addAll(current.keySet());
                JsonArray changes = new JsonArray();
                for (String k : keys) {
                    Long a = reported.get(k);
                    Long b = current.get(k);
                    if (!java.util.Objects.equals(a, b)) {
                        changes.add(new JsonObject().put("figure", k).put("reported", a).put("now", b).put("events", new JsonArray()));
                    }
                }
                return new JsonObject().put("date", date.toString()).put("cutoff", frozen.getString("cutoff")).put("changes", changes);
            });
        });
    }

    /** The whole-number figures of a snapshot by path: checkpoints/ID/today/KEY, totals/cumulative/KEY, compounds/ID/FIELD. */
    static Map<String, Long> figures(JsonObject s) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Object o : s.getJsonArray("checkpoints")) {
            JsonObject c = (JsonObject) o;
            for (String period : List.of("today", "cumulative")) {
                c.getJsonObject(period).forEach(e -> m.put("checkpoints/" + c.getString("checkpoint_id") + "/" + period + "/" + e.getKey(),
                        ((Number) e.getValue()).longValue()));
            }
        }
        for (String period : List.of("today", "cumulative")) {
            s.getJsonObject("totals").getJsonObject(period).forEach(e -> m.put("totals/" + period + "/" + e.getKey(),
                    ((Number) e.getValue()).longValue()));
        }
        for (Object o : s.getJsonArray("compounds")) {
            JsonObject c = (JsonObject) o;
            c.forEach(e -> {
                if (e.getValue() instanceof Number n && !(e.getValue() instanceof Double) && !(e.getValue() instanceof Float)) {
                    m.put("compounds/" + c.getString("compound_id") + "/" + e.getKey(), n.longValue());
                }
            });
        }
        return m;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sign-offs of a date's report (all, or one district's), by district. */
    public CompletableFuture<JsonArray> signOffs(LocalDate date, String district) {
        return clickHouse.execute("SELECT district, signed_by, toUInt32(signed_at) AS t, note FROM report_sign_offs FINAL WHERE date = toDate('"
                + date + "')" + (district == null ? "" : " AND district = " + ClickHouseSql.quote(district))
                + " ORDER BY district FORMAT JSON").thenApply(body -> {
                    JsonArray out = new JsonArray();
                    for (Object o : CheckpointQueries.data(body)) {
                        JsonObject r = (JsonObject) o;
                        out.add(new JsonObject().put("district", r.getString("district")).put("signed_by", r.getString("signed_by"))
                                .put("signed_at", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                        Instant.ofEpochSecond(CheckpointQueries.number(r, "t")).atZone(zone)))
                                .put("note", r.getString("note")));
                    }
                    return out;
                });
    }

    /** Records a district's sign-off of a frozen report (kept beside it, never inside its files). */
    public CompletableFuture<JsonObject> signOff(LocalDate date, String district, String label, String note, Instant now) {
        JsonObject row = new JsonObject().put("date", date.toString()).put("district", district).put("signed_by", label)
                .put("signed_at", CH_TIME.format(now)).put("note", note == null ? "" : note);
        return clickHouse.insertJsonEachRow("report_sign_offs", List.of(row.encode())).thenApply(x -> new JsonObject()
                .put("date", date.toString()).put("district", district).put("signed_by", label)
                .put("signed_at", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now.atZone(zone).withNano(0))).put("note", note));
    }
}
