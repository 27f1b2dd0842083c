package io.cordon.dashboard.reports;

import io.cordon.dashboard.checkpoints.CheckpointCounts;
import io.cordon.dashboard.files.SnapshotExporter;
import io.cordon.dashboard.keypersons.KeyPersonFigures;
import io.cordon.dashboard.web.Rows;
import io.cordon.http.Scope;
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
import java.util.List;
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
     * refused at once; across dashboards, each writes a claim ({@code report_claims}, stamped by ClickHouse's clock
     * to the second, and a random id) before it reads anything, waits {@link #CLAIM_SETTLE_MILLIS} (at least the
     * stamp's second, so a claim stamped no later than its own is visible by then), and goes on only if its claim is
     * the earliest live one. {@code ReplacingMergeTree} would otherwise keep whichever rows were inserted last.
     */
    public CompletableFuture<Entry> freeze(LocalDate date, String cutoff, Instant now) {
        if (!freezing.add(date)) {
            return CompletableFuture.failedFuture(new AlreadyFrozen(
                    "the report of " + date + " is being frozen now; a frozen report is never overwritten", true));
        }
        SnapshotRequest request = new SnapshotRequest(date, cutoff, zone, null, "json");
        String claim = UUID.randomUUID().toString();
        CompletableFuture<Entry> frozen = list().thenCompose(existing -> {
                    if (existing.stream().anyMatch(e -> e.date().equals(date.toString()))) {
                        throw new AlreadyFrozen(
                                "the report of " + date + " is frozen already; a frozen report is never overwritten");
                    }
                    // stamped by the store's clock, not this dashboard's: dashboards whose clocks disagree still
                    // agree on which claim came first (a second's resolution, ties broken by the claim's id)
                    return clickHouse.execute("INSERT INTO " + Tables.REPORT_CLAIMS + " SELECT toDate('" + date
                            + "'), toUInt64(toUnixTimestamp(now())) * 1000, '" + claim + "'");
                })
                .thenComposeAsync(
                        x -> clickHouse.execute("SELECT claim FROM " + Tables.REPORT_CLAIMS + " WHERE date = toDate('"
                                + date + "') AND claimed_at_ms >= toUInt64(toUnixTimestamp(now())) * 1000 - "
                                + CLAIM_EXPIRES_MILLIS + " ORDER BY claimed_at_ms, claim LIMIT 1 FORMAT TSV"),
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
        JsonObject slice = new JsonObject()
                .put("date", city.getString("date"))
                .put("cutoff", city.getString("cutoff"))
                .put("timezone", city.getString("timezone"))
                .put("round", city.getValue("round"))
                .put("checkpoints", checkpoints)
                .put("totals", new JsonObject().put("today", today.toJson()).put("cumulative", cumulative.toJson()))
                .put("compounds", compounds);
        JsonObject areas = city.getJsonObject("areas");
        if (areas != null) {
            // the district's own row, its streets' and its communities'
            Scope own = Scope.district(district);
            JsonObject inside = new JsonObject();
            areas.forEach(level -> {
                JsonArray rows = new JsonArray();
                for (Object o : (JsonArray) level.getValue()) {
                    if (own.contains(Scope.parse(((JsonObject) o).getString("area")), id -> null)) {
                        rows.add(o);
                    }
                }
                inside.put(level.getKey(), rows);
            });
            slice.put("areas", inside);
        }
        JsonObject persons = city.getJsonObject("key_persons");
        if (persons != null) {
            slice.put("key_persons", KeyPersonFigures.slice(persons, Scope.district(district)));
        }
        return slice.put("scope", "district:" + district).put("frozen_at", city.getString("frozen_at"));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
