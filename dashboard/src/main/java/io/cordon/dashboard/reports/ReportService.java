package io.cordon.dashboard.reports;

import io.cordon.dashboard.web.Rows;
import io.cordon.http.Scope;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import io.cordon.schemas.clickhouse.Tables;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * Claims of this dashboard whose freeze failed after they were written: its next try of the date does not wait
     * behind them (another dashboard does, until they expire, and finds the report frozen once this one made it).
     */
    private final Set<String> abandoned = ConcurrentHashMap.newKeySet();

    private static final DateTimeFormatter CH_TIME = ClickHouseSql.DATE_TIME;

    private final ClickHouseHttp clickHouse;
    private final SnapshotService snapshots;
    private final ZoneId zone;

    /** The slices being cut now, by date and area. */
    private final Map<String, CompletableFuture<Boolean>> cutting = new ConcurrentHashMap<>();

    public ReportService(ClickHouseHttp clickHouse, SnapshotService snapshots, ZoneId zone) {
        this.clickHouse = clickHouse;
        this.snapshots = snapshots;
        this.zone = zone;
    }

    /** Frozen reports (of the city), newest first. */
    public CompletableFuture<List<Entry>> list() {
        return list(Scope.ALL);
    }

    /**
     * Frozen reports of a scope, newest first; the hash is of that JSON rendering. The city's and a district's are
     * stored at freezing; an area below (a street, a community, a unit) has every frozen date of the city, its hash
     * once its slice was first downloaded (null before).
     */
    public CompletableFuture<List<Entry>> list(Scope scope) {
        if (scope.isAll() || scope.isDistrict()) {
            return stored(scope);
        }
        CompletableFuture<List<Entry>> city = stored(Scope.ALL);
        CompletableFuture<List<Entry>> cut = stored(scope);
        return city.thenCombine(cut, (dates, slices) -> {
            Map<String, String> hashes = new HashMap<>();
            slices.forEach(e -> hashes.put(e.date(), e.sha256()));
            List<Entry> out = new ArrayList<>();
            dates.forEach(e -> out.add(new Entry(e.date(), e.cutoff(), e.frozenAt(), hashes.get(e.date()))));
            return out;
        });
    }

    private CompletableFuture<List<Entry>> stored(Scope scope) {
        return clickHouse
                .execute("SELECT toString(date) AS d, any(cutoff) AS c, toUInt32(min(frozen_at)) AS f, any(sha256) AS s"
                        + " FROM " + Tables.REPORTS + " FINAL WHERE scope = " + ClickHouseSql.quote(scope.toString())
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

    /**
     * The stored bytes of a frozen report, or null when that date is not frozen (or the area is not in it). A street's,
     * a community's or a unit's slice is cut from the city's frozen report at its first download and stored in every
     * format, so every later download is the same bytes.
     */
    public CompletableFuture<byte[]> download(LocalDate date, Scope scope, String format) {
        return stored(date, scope, format)
                .thenCompose(bytes -> bytes != null || scope.isAll() || scope.isDistrict()
                        ? CompletableFuture.completedFuture(bytes)
                        : cut(date, scope)
                                .thenCompose(cut ->
                                        cut ? stored(date, scope, format) : CompletableFuture.completedFuture(null)));
    }

    private CompletableFuture<byte[]> stored(LocalDate date, Scope scope, String format) {
        return clickHouse
                .execute(
                        "SELECT body FROM " + Tables.REPORTS + " FINAL WHERE date = toDate('" + date + "') AND scope = "
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
     * Cuts an area's slice of a frozen date and stores it, once: true when it is stored (now or before), false when
     * the date is not frozen or the area is not in its report. Two downloads in this dashboard share one cut; another
     * dashboard that stored it first is left as it is.
     */
    private CompletableFuture<Boolean> cut(LocalDate date, Scope scope) {
        String key = date + " " + scope;
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = cutting.putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        clickHouse
                .execute("SELECT cutoff, toUInt32(frozen_at) AS f, frozen_at_ms AS ms, body FROM " + Tables.REPORTS
                        + " FINAL" + " WHERE date = toDate('" + date
                        + "') AND scope = 'all' AND format = 'json' FORMAT JSON")
                .thenCompose(body -> {
                    JsonArray found = Rows.of(body);
                    if (found.isEmpty()) {
                        return CompletableFuture.completedFuture(false);
                    }
                    JsonObject r = found.getJsonObject(0);
                    JsonObject city = new JsonObject(
                            new String(Base64.getDecoder().decode(r.getString("body")), StandardCharsets.UTF_8));
                    JsonObject slice = ReportSlices.slice(city, scope, null);
                    if (slice.getJsonArray("checkpoints").isEmpty()
                            && slice.getJsonArray("compounds").isEmpty()) {
                        return CompletableFuture.completedFuture(false);
                    }
                    List<String> rows = FrozenFiles.render(
                                    date,
                                    scope,
                                    r.getString("cutoff"),
                                    CH_TIME.format(Instant.ofEpochSecond(Rows.number(r, "f"))),
                                    Rows.number(r, "ms"),
                                    slice)
                            .rows();
                    return clickHouse
                            .execute("SELECT count() FROM " + Tables.REPORTS + " FINAL WHERE date = toDate('" + date
                                    + "') AND scope = " + ClickHouseSql.quote(scope.toString()) + " FORMAT TSV")
                            .thenCompose(n -> n.strip().equals("0")
                                    ? clickHouse
                                            .insertJsonEachRowOnEveryReplica(Tables.REPORTS, rows)
                                            .thenApply(x -> true)
                                    : CompletableFuture.completedFuture(true));
                })
                .whenComplete((ok, e) -> {
                    cutting.remove(key);
                    if (e != null) {
                        mine.completeExceptionally(e);
                    } else {
                        mine.complete(ok);
                    }
                });
        return mine;
    }

    /**
     * Freezes the snapshot of {@code date} at {@code cutoff}: the city's and every district's, in every format. Fails
     * with {@link AlreadyFrozen} when the date is frozen, or being frozen by this or another dashboard.
     *
     * <p>Exactly one freeze of a date stores its bytes: within a dashboard, a second freeze of a date under way is
     * refused at once; across dashboards, each writes a claim ({@code report_claims}, stamped by ClickHouse's clock
     * to the second, and a random id) before it reads anything, waits {@link #CLAIM_SETTLE_MILLIS} (at least the
     * stamp's second, so a claim stamped no later than its own is written by then), reads the claims from every
     * replica that answers (not waiting for replication), and goes on only if its claim is the earliest live one.
     * Replicas' clocks must agree within a second (NTP). {@code ReplacingMergeTree} would otherwise keep whichever rows
     * were inserted last.
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
                    // agree on which claim came first (a second's resolution, ties broken by the claim's id); on every
                    // replica before it counts, so a replica that dies next cannot take the claim with it
                    return clickHouse.executeInsertOnEveryReplica(
                            "INSERT INTO " + Tables.REPORT_CLAIMS + " SELECT toDate('" + date
                                    + "'), toUInt64(toUnixTimestamp(now())) * 1000, '" + claim + "'");
                })
                // the claims as every replica has them: a claim written on one is read there, not waited for on the
                // other (replication takes a few hundred milliseconds, more under load)
                .thenComposeAsync(
                        x -> clickHouse.executeOnEach("SELECT claimed_at_ms, claim FROM " + Tables.REPORT_CLAIMS
                                + " WHERE date = toDate('" + date + "') AND claimed_at_ms >= "
                                + "toUInt64(toUnixTimestamp(now())) * 1000 - " + CLAIM_EXPIRES_MILLIS
                                + " FORMAT TSV"),
                        CompletableFuture.delayedExecutor(CLAIM_SETTLE_MILLIS, TimeUnit.MILLISECONDS))
                .thenCompose(answers -> {
                    if (!claim.equals(FreezeClaims.earliestClaim(answers, abandoned))) {
                        throw new AlreadyFrozen(
                                "the report of " + date + " is being frozen by another dashboard; a frozen report is"
                                        + " never overwritten",
                                true);
                    }
                    // a report of record is never made from a replica the reads moved to during its reading (one
                    // still catching up may lack what was counted before): the freeze fails, to be asked again
                    String readFrom = clickHouse.currentServer();
                    return snapshots.computed(request, Scope.ALL).thenApply(computed -> {
                        if (!readFrom.equals(clickHouse.currentServer())) {
                            throw new IllegalStateException("the dashboard's reads moved to another ClickHouse replica"
                                    + " while the report of " + date + " was read; it is not frozen, ask again");
                        }
                        return computed;
                    });
                })
                .thenCompose(computed -> {
                    JsonObject city = computed.json();
                    String frozenAt = CH_TIME.format(now);
                    // the files say when they were frozen (and the PDF's creation date is that time)
                    city.put(
                            "frozen_at",
                            DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                    now.atZone(zone).withNano(0)));
                    List<FrozenFiles.Rendered> rendered = FrozenFiles.render(
                            date,
                            cutoff,
                            frozenAt,
                            now.toEpochMilli(),
                            FrozenFiles.scopes(city, computed.districtTotals()),
                            true);
                    List<String> rows = new ArrayList<>();
                    rendered.forEach(r -> rows.addAll(r.rows()));
                    String sha = rendered.get(0).jsonSha256();
                    // on every replica before the 201: a report of record acknowledged is never on one disk only,
                    // and every dashboard serves it at once
                    return clickHouse
                            .insertJsonEachRowOnEveryReplica(Tables.REPORTS, rows)
                            .thenApply(x -> new Entry(
                                    date.toString(),
                                    cutoff,
                                    DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                            now.atZone(zone).withNano(0)),
                                    sha));
                });
        return frozen.whenComplete((entry, e) -> {
            freezing.remove(date);
            if (e != null) {
                abandoned.add(claim);
            }
        });
    }
}
