package io.cordon.dashboard.reports;

import io.cordon.dashboard.web.Rows;
import io.cordon.http.Scope;
import io.cordon.schemas.CheckpointCount;
import io.cordon.schemas.Figure;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.Tables;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * What changed in a frozen report since it was frozen: every figure whose value as of the same cutoff differs now, with
 * the events that explain it (late, corrected, voided; household uploads). {@code GET /api/v1/reports/{date}/changes}.
 */
public record ReportChanges(ReportService reports, SnapshotService snapshots, ClickHouseHttp clickHouse, ZoneId zone) {

    /**
     * Every figure of a frozen report whose value as of the same cutoff differs now ({@code "reported"} and
     * {@code "now"}), with the events that explain it, or null when the date is not frozen. The events are those the
     * jobs counted or took back since the freeze ({@code counted_events}) whose content happened before the cutoff and
     * counts in that figure (a checkpoint's, the totals', a compound's; "today" figures only for that day's events):
     * "late" for a post, "corrected" or "voided" for a change; "registry" for a household upload since. A key-person
     * figure (the report's or a community's) is explained by the follow-ups of its persons and by uploads of the
     * register since.
     */
    public CompletableFuture<JsonObject> of(LocalDate date) {
        return reports.download(date, Scope.ALL, "json").thenCompose(bytes -> {
            if (bytes == null) {
                return CompletableFuture.completedFuture(null);
            }
            JsonObject frozen = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
            SnapshotRequest request =
                    new SnapshotRequest(date, frozen.getString("cutoff"), zone, frozen.getInteger("round"), "json");
            CompletableFuture<JsonObject> now = snapshots.snapshot(request);
            CompletableFuture<List<JsonObject>> events = since(date, request);
            return now.thenCombine(events, (current, explaining) -> {
                Map<String, Long> reported = figures(frozen);
                Map<String, Long> known = figures(current);
                TreeSet<String> keys = new TreeSet<>(reported.keySet());
                keys.addAll(known.keySet());
                long dayStart = request.dayStart().getEpochSecond();
                JsonArray changes = new JsonArray();
                for (String k : keys) {
                    Long a = reported.get(k);
                    Long b = known.get(k);
                    if (!Objects.equals(a, b)) {
                        changes.add(new JsonObject()
                                .put("figure", k)
                                .put("reported", a)
                                .put("now", b)
                                .put("events", explain(k, explaining, dayStart)));
                    }
                }
                return new JsonObject()
                        .put("date", date.toString())
                        .put("cutoff", frozen.getString("cutoff"))
                        .put("changes", changes);
            });
        });
    }

    /** What the jobs counted or took back since the date's report was frozen, of events before its cutoff; and household uploads. */
    private CompletableFuture<List<JsonObject>> since(LocalDate date, SnapshotRequest request) {
        // milliseconds: a device's late event can reach ingest within the second the report was frozen
        String frozenAt = "(SELECT min(frozen_at_ms) FROM " + Tables.REPORTS + " FINAL WHERE date = toDate('" + date
                + "') AND scope = 'all' AND format = 'json')";
        long cutoff = request.cutoffInstant().getEpochSecond();
        CompletableFuture<String> counted =
                clickHouse.execute("SELECT DISTINCT event_id, figure, toUInt32(occurred_at) AS o, "
                        + "toUInt32(received_at) AS r, change, counts FROM counted_events WHERE received_ms > "
                        + frozenAt
                        + " AND occurred_at < toDateTime(" + cutoff + ") ORDER BY r, event_id FORMAT JSON");
        CompletableFuture<String> uploads =
                clickHouse.execute("SELECT toUInt32(at) AS r, target FROM audit_log WHERE action = 'registry_upsert' "
                        + "AND target IN ('households', 'key_persons') AND toUInt64(at) * 1000 > " + frozenAt
                        + " ORDER BY at FORMAT JSON");
        return counted.thenCombine(uploads, (c, u) -> {
            List<JsonObject> out = new ArrayList<>();
            for (Object o : Rows.of(c)) {
                out.add((JsonObject) o);
            }
            for (Object o : Rows.of(u)) {
                boolean persons = "key_persons".equals(((JsonObject) o).getString("target"));
                out.add(new JsonObject()
                        .put("event_id", "")
                        .put("figure", persons ? Figure.KEY_PERSONS + "/" : Figure.ofCompound(""))
                        .put("o", 0L)
                        .put("r", Rows.number((JsonObject) o, "r"))
                        .put("change", "registry"));
            }
            return out;
        });
    }

    /** The events among {@code since} that count in figure {@code key}, each once, in the order they were received. */
    private JsonArray explain(String key, List<JsonObject> since, long dayStart) {
        Figure asked = Figure.parse(key);
        boolean todayOnly = asked.todayOnly();
        boolean total = asked.kind().equals(Figure.TOTALS);
        String figure = asked.place();
        JsonArray events = new JsonArray();
        Set<String> seen = new HashSet<>();
        for (JsonObject e : since) {
            String f = e.getString("figure");
            boolean registry = "registry".equals(e.getString("change"));
            // an upload of households may change any compound figure; an event, the figures its content counts in (for
            // a
            // checkpoint count, only an event whose content adds to that count: a vehicle, a fever...)
            boolean keyPersons = asked.kind().equals(Figure.KEY_PERSONS);
            boolean matches = registry
                    ? keyPersons
                            ? f.startsWith(Figure.KEY_PERSONS)
                            : asked.kind().equals(Figure.COMPOUNDS) && f.startsWith(Figure.COMPOUNDS)
                    : total || keyPersons ? f.startsWith(figure) : f.equals(figure);
            if (matches
                    && !registry
                    && !asked.kind().equals(Figure.COMPOUNDS)
                    && !keyPersons
                    && !addsTo(e.getString("counts", ""), asked.key())) {
                matches = false;
            }
            if (!matches || (todayOnly && !registry && Rows.number(e, "o") < dayStart)) {
                continue;
            }
            String why = switch (e.getString("change")) {
                case "void" -> "voided";
                case "correction" -> "corrected";
                case "registry" -> "registry";
                default -> "late";
            };
            if (seen.add(e.getString("event_id") + "|" + why + "|" + (registry ? Rows.number(e, "r") : 0))) {
                JsonObject ev = new JsonObject()
                        .put("event_id", e.getString("event_id"))
                        .put("why", why)
                        .put(
                                "received_at",
                                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochSecond(Rows.number(e, "r"))
                                        .atZone(zone)));
                if (registry) {
                    ev.putNull("event_id");
                }
                events.add(ev);
            }
        }
        return events;
    }

    /** Whether an event's content (its seven counts, comma-separated) adds anything to the count {@code key}. */
    private static boolean addsTo(String counts, String key) {
        if (!CheckpointCount.KEYS.contains(key)) {
            return true; // not a sum of counts: every event of the place may explain it
        }
        Long count = CheckpointCount.storedCount(counts, key);
        return count == null || count != 0;
    }

    /** The whole-number figures of a snapshot by path: checkpoints/ID/today/KEY, totals/cumulative/KEY, compounds/ID/FIELD. */
    static Map<String, Long> figures(JsonObject s) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Object o : s.getJsonArray("checkpoints")) {
            JsonObject c = (JsonObject) o;
            for (String period : List.of("today", "cumulative")) {
                c.getJsonObject(period)
                        .forEach(e -> m.put(
                                Figure.checkpointCount(c.getString("checkpoint_id"), period, e.getKey())
                                        .path(),
                                ((Number) e.getValue()).longValue()));
            }
        }
        for (String period : List.of("today", "cumulative")) {
            s.getJsonObject("totals")
                    .getJsonObject(period)
                    .forEach(e -> m.put(Figure.total(period, e.getKey()).path(), ((Number) e.getValue()).longValue()));
        }
        JsonObject persons = s.getJsonObject("key_persons");
        if (persons != null && persons.getJsonObject("totals") != null) {
            persons.getJsonObject("totals")
                    .forEach(e ->
                            m.put(Figure.keyPersons("totals", e.getKey()).path(), ((Number) e.getValue()).longValue()));
            for (Object o : persons.getJsonArray("by_community", new JsonArray())) {
                JsonObject c = (JsonObject) o;
                c.forEach(e -> {
                    if (e.getValue() instanceof Number n) {
                        m.put(Figure.keyPersons(c.getString("area"), e.getKey()).path(), n.longValue());
                    }
                });
            }
        }
        for (Object o : s.getJsonArray("compounds")) {
            JsonObject c = (JsonObject) o;
            c.forEach(e -> {
                if (e.getValue() instanceof Number n
                        && !(e.getValue() instanceof Double)
                        && !(e.getValue() instanceof Float)) {
                    m.put(
                            Figure.compoundField(c.getString("compound_id"), e.getKey())
                                    .path(),
                            n.longValue());
                }
            });
        }
        return m;
    }
}
