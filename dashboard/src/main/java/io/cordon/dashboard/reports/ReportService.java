package io.cordon.dashboard.reports;

import io.cordon.dashboard.checkpoints.CheckpointCounts;
import io.cordon.dashboard.files.SnapshotExporter;
import io.cordon.dashboard.web.Rows;
import io.cordon.http.Scope;
import io.cordon.schemas.Figure;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import io.cordon.schemas.clickhouse.Tables;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Daily reports of record (API.md, "Daily reports of record"): the snapshot of a date at its cutoff, frozen once
 * and kept in ClickHouse (table {@code reports}) as the exact bytes of every format, for the city and for each district
 * (a district's slice cut from the frozen city report at the same moment), so every download is byte-identical for
 * ever. {@link #changes} compares the frozen figures with the same snapshot computed now.
 */
public final class ReportService {

    /** A frozen report's entry in the list. */
    public record Entry(String date, String cutoff, String frozenAt, String sha256) {
        public JsonObject json() {
            return new JsonObject()
                    .put("date", date)
                    .put("cutoff", cutoff)
                    .put("frozen_at", frozenAt)
                    .put("sha256", sha256);
        }
    }

    /** The date is frozen already, or being frozen now (here or by another dashboard): a frozen report is never overwritten. */
    public static final class AlreadyFrozen extends RuntimeException {
        private final boolean inProgress;

        AlreadyFrozen(String message) {
            this(message, false);
        }

        AlreadyFrozen(String message, boolean inProgress) {
            super(message, null, false, false);
            this.inProgress = inProgress;
        }

        /** Whether another freeze of the date is under way (and may still fail), rather than done. */
        public boolean inProgress() {
            return inProgress;
        }
    }

    /**
     * How long a claim to freeze a date is waited on before the claims are compared: a dashboard that stamped its claim
     * earlier has written it by then (the claim is written right after it is stamped, before any snapshot is read).
     */
    static final long CLAIM_SETTLE_MILLIS = 1000;
    /** A claim this old whose report never came (its dashboard failed) no longer holds the date. */
    static final long CLAIM_EXPIRES_MILLIS = 600_000;

    /** Dates this dashboard is freezing now: a second freeze of one (by hand and by the daily timer) is refused at once. */
    private final Set<LocalDate> freezing = ConcurrentHashMap.newKeySet();

    private static final DateTimeFormatter CH_TIME = ClickHouseSql.DATE_TIME;

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
        return clickHouse
                .execute("SELECT toString(date) AS d, any(cutoff) AS c, toUInt32(min(frozen_at)) AS f, any(sha256) AS s"
                        + " FROM reports FINAL WHERE scope = " + ClickHouseSql.quote(scope.toString())
                        + " AND format = 'json' GROUP BY date ORDER BY date DESC FORMAT JSON")
                .thenApply(body -> {
                    List<Entry> out = new ArrayList<>();
                    for (Object o : Rows.of(body)) {
                        JsonObject r = (JsonObject) o;
                        out.add(new Entry(
                                r.getString("d"),
                                r.getString("c"),
                                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochSecond(Rows.number(r, "f"))
                                        .atZone(zone)),
                                r.getString("s")));
                    }
                    return out;
                });
    }

    /** The stored bytes of a frozen report, or null when that date (or that district's slice) is not frozen. */
    public CompletableFuture<byte[]> download(LocalDate date, Scope scope, String format) {
        return clickHouse
                .execute("SELECT body FROM reports FINAL WHERE date = toDate('" + date + "') AND scope = "
                        + ClickHouseSql.quote(scope.toString()) + " AND format = " + ClickHouseSql.quote(format)
                        + " FORMAT JSON")
                .thenApply(body -> {
                    JsonArray rows = Rows.of(body);
                    return rows.isEmpty()
                            ? null
                            : Base64.getDecoder().decode(rows.getJsonObject(0).getString("body"));
                });
    }

    /**
     * Freezes the snapshot of {@code date} at {@code cutoff}: the city's and every district's, in every format. Fails
     * with {@link AlreadyFrozen} when the date is frozen, or being frozen by this or another dashboard.
     *
     * <p>Exactly one freeze of a date stores its bytes: within a dashboard, a second freeze of a date under way is
     * refused at once; across dashboards, each writes a claim ({@code report_claims}, stamped with its time and a
     * random id) before it reads anything, waits {@link #CLAIM_SETTLE_MILLIS}, and goes on only if its claim is the
     * earliest live one. {@code ReplacingMergeTree} would otherwise keep whichever rows were inserted last.
     */
    public CompletableFuture<Entry> freeze(LocalDate date, String cutoff, Instant now) {
        if (!freezing.add(date)) {
            return CompletableFuture.failedFuture(new AlreadyFrozen(
                    "the report of " + date + " is being frozen now; a frozen report is never overwritten", true));
        }
        SnapshotRequest request = new SnapshotRequest(date, cutoff, zone, null, "json");
        String claim = UUID.randomUUID().toString();
        long claimedAt = System.currentTimeMillis();
        CompletableFuture<Entry> frozen = list().thenCompose(existing -> {
                    if (existing.stream().anyMatch(e -> e.date().equals(date.toString()))) {
                        throw new AlreadyFrozen(
                                "the report of " + date + " is frozen already; a frozen report is never overwritten");
                    }
                    return clickHouse.insertJsonEachRow(
                            Tables.REPORT_CLAIMS,
                            List.of(new JsonObject()
                                    .put("date", date.toString())
                                    .put("claimed_at_ms", claimedAt)
                                    .put("claim", claim)
                                    .encode()));
                })
                .thenComposeAsync(
                        x -> clickHouse.execute("SELECT claim FROM report_claims WHERE date = toDate('" + date
                                + "') AND claimed_at_ms >= " + (claimedAt - CLAIM_EXPIRES_MILLIS)
                                + " ORDER BY claimed_at_ms, claim LIMIT 1 FORMAT TSV"),
                        CompletableFuture.delayedExecutor(CLAIM_SETTLE_MILLIS, TimeUnit.MILLISECONDS))
                .thenCompose(first -> {
                    if (!first.strip().equals(claim)) {
                        throw new AlreadyFrozen(
                                "the report of " + date + " is being frozen by another dashboard; a frozen report is"
                                        + " never overwritten",
                                true);
                    }
                    return snapshots.computed(request, Scope.ALL);
                })
                .thenCompose(computed -> {
                    JsonObject city = computed.json();
                    List<String> rows = new ArrayList<>();
                    String frozenAt = CH_TIME.format(now);
                    // the files say when they were frozen (and the PDF's creation date is that time)
                    city.put(
                            "frozen_at",
                            DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                    now.atZone(zone).withNano(0)));
                    String sha = add(rows, date, Scope.ALL, cutoff, frozenAt, now.toEpochMilli(), city);
                    TreeSet<String> districts = new TreeSet<>();
                    city.getJsonArray("checkpoints")
                            .forEach(c -> districts.add(((JsonObject) c).getString("district", "")));
                    city.getJsonArray("compounds")
                            .forEach(c -> districts.add(((JsonObject) c).getString("district", "")));
                    districts.remove("");
                    for (String d : districts) {
                        add(
                                rows,
                                date,
                                Scope.district(d),
                                cutoff,
                                frozenAt,
                                now.toEpochMilli(),
                                slice(city, d, computed.districtTotals().get(d)));
                    }
                    return clickHouse
                            .insertJsonEachRow(Tables.REPORTS, rows)
                            .thenApply(x -> new Entry(
                                    date.toString(),
                                    cutoff,
                                    DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                            now.atZone(zone).withNano(0)),
                                    sha));
                });
        return frozen.whenComplete((entry, e) -> freezing.remove(date));
    }

    /** Adds the rows of one scope's report in every format; answers the SHA-256 of its JSON rendering. */
    private static String add(
            List<String> rows,
            LocalDate date,
            Scope scope,
            String cutoff,
            String frozenAt,
            long frozenAtMs,
            JsonObject snapshot) {
        String sha = null;
        for (String format : SnapshotRequest.FORMATS) {
            byte[] bytes = format.equals("json")
                    ? snapshot.encode().getBytes(StandardCharsets.UTF_8)
                    : SnapshotExporter.export(snapshot, format);
            String hash = sha256(bytes);
            if (format.equals("json")) {
                sha = hash;
            }
            rows.add(new JsonObject()
                    .put("date", date.toString())
                    .put("scope", scope.toString())
                    .put("format", format)
                    .put("cutoff", cutoff)
                    .put("frozen_at", frozenAt)
                    .put("frozen_at_ms", frozenAtMs)
                    .put("sha256", hash)
                    .put("body", Base64.getEncoder().encodeToString(bytes))
                    .encode());
        }
        return sha;
    }

    /** A district's slice of the city snapshot: its checkpoints, its compounds, totals over its checkpoints. */
    static JsonObject slice(JsonObject city, String district) {
        return slice(city, district, null);
    }

    /**
     * A district's slice; {@code totals} (today, cumulative over all the district's checkpoints, closed ones too) when
     * known, else the sums of its listed checkpoints.
     */
    static JsonObject slice(JsonObject city, String district, CheckpointCounts[] totals) {
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
        if (totals != null) {
            today = totals[0];
            cumulative = totals[1];
        }
        JsonArray compounds = new JsonArray();
        for (Object o : city.getJsonArray("compounds")) {
            if (district.equals(((JsonObject) o).getString("district"))) {
                compounds.add(o);
            }
        }
        return new JsonObject()
                .put("date", city.getString("date"))
                .put("cutoff", city.getString("cutoff"))
                .put("timezone", city.getString("timezone"))
                .put("round", city.getValue("round"))
                .put("checkpoints", checkpoints)
                .put("totals", new JsonObject().put("today", today.toJson()).put("cumulative", cumulative.toJson()))
                .put("compounds", compounds)
                .put("scope", "district:" + district)
                .put("frozen_at", city.getString("frozen_at"));
    }

    /**
     * Every figure of a frozen report whose value as of the same cutoff differs now ({@code "reported"} and
     * {@code "now"}), with the events that explain it, or null when the date is not frozen. The events are those the
     * jobs counted or took back since the freeze ({@code counted_events}) whose content happened before the cutoff and
     * counts in that figure (a checkpoint's, the totals', a compound's; "today" figures only for that day's events):
     * "late" for a post, "corrected" or "voided" for a change; "registry" for a household upload since.
     */
    public CompletableFuture<JsonObject> changes(LocalDate date) {
        return download(date, Scope.ALL, "json").thenCompose(bytes -> {
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
                    if (!java.util.Objects.equals(a, b)) {
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
        String frozenAt = "(SELECT min(frozen_at_ms) FROM reports FINAL WHERE date = toDate('" + date
                + "') AND scope = 'all' AND format = 'json')";
        long cutoff = request.cutoffInstant().getEpochSecond();
        CompletableFuture<String> counted =
                clickHouse.execute("SELECT DISTINCT event_id, figure, toUInt32(occurred_at) AS o, "
                        + "toUInt32(received_at) AS r, change, counts FROM counted_events WHERE received_ms > "
                        + frozenAt
                        + " AND occurred_at < toDateTime(" + cutoff + ") ORDER BY r, event_id FORMAT JSON");
        CompletableFuture<String> uploads =
                clickHouse.execute("SELECT toUInt32(at) AS r FROM audit_log WHERE action = 'registry_upsert' "
                        + "AND target = 'households' AND toUInt64(at) * 1000 > " + frozenAt
                        + " ORDER BY at FORMAT JSON");
        return counted.thenCombine(uploads, (c, u) -> {
            List<JsonObject> out = new ArrayList<>();
            for (Object o : Rows.of(c)) {
                out.add((JsonObject) o);
            }
            for (Object o : Rows.of(u)) {
                out.add(new JsonObject()
                        .put("event_id", "")
                        .put("figure", Figure.ofCompound(""))
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
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (JsonObject e : since) {
            String f = e.getString("figure");
            boolean registry = "registry".equals(e.getString("change"));
            // an upload of households may change any compound figure; an event, the figures its content counts in (for
            // a
            // checkpoint count, only an event whose content adds to that count: a vehicle, a fever...)
            boolean matches =
                    registry ? asked.kind().equals(Figure.COMPOUNDS) : total ? f.startsWith(figure) : f.equals(figure);
            if (matches
                    && !registry
                    && !asked.kind().equals(Figure.COMPOUNDS)
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
        if (!io.cordon.schemas.CheckpointCount.KEYS.contains(key)) {
            return true; // not a sum of counts: every event of the place may explain it
        }
        Long count = io.cordon.schemas.CheckpointCount.storedCount(counts, key);
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

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
