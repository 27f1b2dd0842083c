package io.cordon.dashboard.live;

import io.cordon.dashboard.checkpoints.CheckpointCounts;
import io.cordon.dashboard.checkpoints.CheckpointQueries;
import io.cordon.dashboard.checkpoints.CheckpointQueries.CheckpointInfo;
import io.cordon.dashboard.checkpoints.CheckpointQueries.CheckpointWindows;
import io.cordon.dashboard.screening.CompoundFilter;
import io.cordon.dashboard.screening.CompoundRows;
import io.cordon.dashboard.screening.ScreeningQueries;
import io.cordon.http.Forbidden;
import io.cordon.http.Scope;
import io.cordon.schemas.CheckpointCount;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.TsvRows;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the wall's charts show (GET /api/v1/series, and the websocket's {@code charts} messages), read at most every
 * few seconds and derived per scope without another read, like the tiles:
 * <ul>
 *   <li>{@code hourly}: each checkpoint count per local hour, today (hours still to come are null) against yesterday;</li>
 *   <li>{@code checkpoints}: per checkpoint today's counts, when it last reported, and whether it is silent or not
 *       active today (closed today, or sending although closed or not yet open; one closed earlier is not listed);</li>
 *   <li>{@code screening}: coverage and unvisited homes at the end of each day of the latest round and the one before
 *       (a progress curve), and the ten compounds and responsible units (包抓单位) with the most unvisited homes.</li>
 * </ul>
 */
public final class ChartService {

    private static final long HOURLY_TTL_MILLIS = 5_000;
    private static final long SCREENING_TTL_MILLIS = 30_000;
    private static final long DAILY_TTL_MILLIS = 30_000;
    /** The longest trend: four weeks of a campaign. */
    public static final int MAX_TREND_DAYS = 28;

    private final ClickHouseHttp clickHouse;
    private final TileService tiles;
    private final ScreeningQueries screening;
    private final ZoneId zone;
    private final Duration silentAfter;
    private final Clock clock;

    private final ReadCache<Hourly> hourly;
    private final ReadCache<ScreeningCharts> screeningCharts;
    private final ReadCache<Daily> daily;

    /** Per checkpoint: [0 yesterday | 1 today][local hour][count ordinal]. */
    record Hourly(LocalDate today, Map<String, long[][][]> byCheckpoint, Instant asOf) {}

    /** Per checkpoint, per local day of the last {@link #MAX_TREND_DAYS} (today last): the seven counts by ordinal. */
    record Daily(LocalDate today, Map<String, long[][]> byCheckpoint, Instant asOf) {}

    public ChartService(
            ClickHouseHttp clickHouse,
            TileService tiles,
            ScreeningQueries screening,
            ZoneId zone,
            Duration silentAfter,
            Clock clock) {
        this.clickHouse = clickHouse;
        this.tiles = tiles;
        this.screening = screening;
        this.zone = zone;
        this.silentAfter = silentAfter;
        this.clock = clock;
        this.hourly = new ReadCache<>(clock, HOURLY_TTL_MILLIS);
        this.daily = new ReadCache<>(clock, DAILY_TTL_MILLIS);
        this.screeningCharts = new ReadCache<>(clock, SCREENING_TTL_MILLIS);
    }

    /** The charts of a scope (the shape of GET /api/v1/series). */
    public CompletableFuture<JsonObject> charts(Scope scope) {
        return charts(scope, Scope.ALL);
    }

    /** The charts of a scope that must lie inside {@code allowed} (a token's scope); outside it, {@link io.cordon.http.Forbidden}. */
    public CompletableFuture<JsonObject> charts(Scope scope, Scope allowed) {
        return read(
                scope,
                allowed,
                hourly(),
                (f, hours, screening) -> answer(scope, hours.asOf(), screening)
                        .put("hourly", hourly(hours, f, scope))
                        .put("checkpoints", checkpointTable(f, scope)));
    }

    /** What a chart is drawn from: the live figures, the period's counts and the screening's progress. */
    private interface Drawing<P> {
        JsonObject draw(LiveFigures figures, P period, ScreeningCharts screening);
    }

    /** Reads the figures (inside {@code allowed}), the period's counts and the screening's charts side by side. */
    private <P> CompletableFuture<JsonObject> read(
            Scope scope, Scope allowed, CompletableFuture<P> period, Drawing<P> drawing) {
        CompletableFuture<LiveFigures> figures = figuresInside(scope, allowed);
        CompletableFuture<ScreeningCharts> screening = screeningCharts();
        return CompletableFuture.allOf(figures, period, screening)
                .thenApply(v -> drawing.draw(figures.join(), period.join(), screening.join()));
    }

    /** What the charts and the trend begin with: the scope, the zone, the time of the figures, the screening's progress. */
    private JsonObject answer(Scope scope, Instant asOf, ScreeningCharts screening) {
        return new JsonObject()
                .put("scope", scope.toString())
                .put("timezone", zone.getId())
                .put(
                        "as_of",
                        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                asOf.atZone(zone).withNano(0)))
                .put(
                        "screening",
                        scope.kind().equals("checkpoint")
                                ? null
                                : screening.byScope().get(scope.toString()));
    }

    /** The live figures, once {@code scope} is known to lie inside {@code allowed}; outside it, {@link io.cordon.http.Forbidden}. */
    private CompletableFuture<LiveFigures> figuresInside(Scope scope, Scope allowed) {
        return tiles.figuresKnowing(scope).thenApply(f -> {
            if (!allowed.contains(scope, f::locationOf)) {
                throw new Forbidden(scope + " is outside this token's scope (" + allowed + ")");
            }
            return f;
        });
    }

    // ---- day by day: the campaign's weeks ----

    /**
     * The trend of a scope inside {@code allowed} (GET /api/v1/trend): the seven counts of each of the last {@code days}
     * local days, today last (today so far), from the day totals, and the screening's progress by day as in the charts.
     * Read at most every 30 s for every wall and scope.
     */
    public CompletableFuture<JsonObject> trend(Scope scope, Scope allowed, int days) {
        if (days < 1 || days > MAX_TREND_DAYS) {
            throw new IllegalArgumentException("days must be 1 to " + MAX_TREND_DAYS + ": " + days);
        }
        return read(scope, allowed, daily(), (f, byDay, screening) -> {
            long[][] sum = new long[MAX_TREND_DAYS][CheckpointCount.SIZE];
            for (CheckpointInfo c : f.registry()) {
                long[][] a = byDay.byCheckpoint().get(c.checkpointId());
                if (a == null || !c.in(scope)) {
                    continue;
                }
                for (int day = 0; day < MAX_TREND_DAYS; day++) {
                    for (int k = 0; k < CheckpointCount.SIZE; k++) {
                        sum[day][k] += a[day][k];
                    }
                }
            }
            JsonArray dates = new JsonArray();
            JsonObject values = new JsonObject();
            CheckpointCount.ALL.forEach(k -> values.put(k.key(), new JsonArray()));
            for (int day = MAX_TREND_DAYS - days; day < MAX_TREND_DAYS; day++) {
                dates.add(byDay.today().minusDays(MAX_TREND_DAYS - 1 - day).toString());
                for (CheckpointCount k : CheckpointCount.ALL) {
                    values.getJsonArray(k.key()).add(sum[day][k.ordinal()]);
                }
            }
            return answer(scope, byDay.asOf(), screening)
                    .put("step", "day")
                    .put("days", dates)
                    .put("values", values);
        });
    }

    private CompletableFuture<Daily> daily() {
        return daily.get(now -> {
            LocalDate today = LocalDate.now(clock.withZone(zone));
            LocalDate first = today.minusDays(MAX_TREND_DAYS - 1);
            StringBuilder sql = new StringBuilder("SELECT checkpoint_id, toString(day)");
            for (String k : CheckpointCount.KEYS) {
                sql.append(", ").append(k);
            }
            sql.append(" FROM checkpoint_day_totals FINAL WHERE day >= toDate('")
                    .append(first)
                    .append("') AND day <= toDate('")
                    .append(today)
                    .append("') FORMAT TSV");
            Instant asOf = Instant.ofEpochMilli(now);
            return clickHouse.execute(sql.toString()).thenApply(body -> {
                Map<String, long[][]> m = new HashMap<>();
                for (String[] f : TsvRows.parse(body)) { // checkpoint_id, day, the seven counts
                    int day = (int) ChronoUnit.DAYS.between(first, LocalDate.parse(f[1]));
                    if (day < 0 || day >= MAX_TREND_DAYS) {
                        continue;
                    }
                    long[] counts = CheckpointQueries.counts(f, 2, 1).values();
                    long[][] a = m.computeIfAbsent(f[0], k -> new long[MAX_TREND_DAYS][CheckpointCount.SIZE]);
                    for (int k = 0; k < counts.length; k++) {
                        a[day][k] += counts[k];
                    }
                }
                return new Daily(today, m, asOf);
            });
        });
    }

    // ---- hour by hour, today against yesterday ----

    private CompletableFuture<Hourly> hourly() {
        return hourly.get(now -> {
            LocalDate today = LocalDate.now(clock.withZone(zone));
            long from = today.minusDays(1).atStartOfDay(zone).toEpochSecond();
            long to = today.plusDays(1).atStartOfDay(zone).toEpochSecond();
            StringBuilder sql = new StringBuilder("SELECT checkpoint_id, intDiv(toUInt32(minute), 900) * 900 AS q")
                    .append(CheckpointQueries.SUMS);
            // quarters of an hour: every zone's offset is a whole number of them, so they add up to local hours exactly
            sql.append(" FROM checkpoint_minute_totals FINAL WHERE minute >= toDateTime(")
                    .append(from)
                    .append(") AND minute < toDateTime(")
                    .append(to)
                    .append(") GROUP BY checkpoint_id, q FORMAT TSV");
            Instant asOf = Instant.ofEpochMilli(now);
            return clickHouse.execute(sql.toString()).thenApply(body -> {
                Map<String, long[][][]> m = new HashMap<>();
                for (String[] f : TsvRows.parse(body)) { // checkpoint_id, q, the seven counts
                    ZonedDateTime at =
                            Instant.ofEpochSecond(TsvRows.number(f[1])).atZone(zone);
                    int day = at.toLocalDate().equals(today)
                            ? 1
                            : at.toLocalDate().equals(today.minusDays(1)) ? 0 : -1;
                    if (day < 0) {
                        continue;
                    }
                    long[][][] a = m.computeIfAbsent(f[0], k -> new long[2][24][CheckpointCount.SIZE]);
                    long[] counts = CheckpointQueries.counts(f, 2, 1).values();
                    for (int k = 0; k < counts.length; k++) {
                        a[day][at.getHour()][k] += counts[k];
                    }
                }
                return new Hourly(today, m, asOf);
            });
        });
    }

    private JsonObject hourly(Hourly h, LiveFigures f, Scope scope) {
        long[][][] sum = new long[2][24][CheckpointCount.SIZE];
        for (CheckpointInfo c : f.registry()) {
            long[][][] a = h.byCheckpoint().get(c.checkpointId());
            if (a == null || !c.in(scope)) {
                continue;
            }
            for (int d = 0; d < 2; d++) {
                for (int hour = 0; hour < 24; hour++) {
                    for (int k = 0; k < CheckpointCount.SIZE; k++) {
                        sum[d][hour][k] += a[d][hour][k];
                    }
                }
            }
        }
        int currentHour = h.asOf().atZone(zone).getHour();
        JsonObject today = new JsonObject();
        JsonObject yesterday = new JsonObject();
        for (CheckpointCount k : CheckpointCount.ALL) {
            JsonArray t = new JsonArray();
            JsonArray y = new JsonArray();
            for (int hour = 0; hour < 24; hour++) {
                y.add(sum[0][hour][k.ordinal()]);
                t.add(hour <= currentHour ? sum[1][hour][k.ordinal()] : null);
            }
            today.put(k.key(), t);
            yesterday.put(k.key(), y);
        }
        return new JsonObject()
                .put("step", "hour")
                .put("today", new JsonObject().put("date", h.today().toString()).put("values", today))
                .put(
                        "yesterday",
                        new JsonObject()
                                .put("date", h.today().minusDays(1).toString())
                                .put("values", yesterday));
    }

    // ---- the checkpoint table ----

    private JsonArray checkpointTable(LiveFigures f, Scope scope) {
        LocalDate today = f.asOf().atZone(zone).toLocalDate();
        long silentBefore = f.asOf().minus(silentAfter).getEpochSecond();
        List<JsonObject> rows = new ArrayList<>();
        for (CheckpointInfo c : f.registry()) {
            if (!c.in(scope)) {
                continue;
            }
            CheckpointWindows w = f.windows().getOrDefault(c.checkpointId(), CheckpointWindows.NONE);
            boolean active = c.activeOn(today);
            boolean closedToday = today.toString().equals(c.activeUntil());
            if (!active && !closedToday && w.today().equals(CheckpointCounts.zero())) {
                continue; // closed before today (or not open yet) and nothing from it today: not listed (API.md,
                // "Registry lifecycle")
            }
            long last = w.lastReceivedEpochSecond();
            rows.add(new JsonObject()
                    .put("checkpoint_id", c.checkpointId())
                    .put("name", c.name())
                    .put("district", c.district())
                    .put("street", c.street())
                    .put("latitude", c.latitude())
                    .put("longitude", c.longitude())
                    .put("today", w.today().toJson())
                    .put(
                            "last_received_at",
                            last == 0
                                    ? null
                                    : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                            Instant.ofEpochSecond(last).atZone(zone)))
                    .put("minutes_since_last", last == 0 ? null : (f.asOf().getEpochSecond() - last) / 60)
                    .put("status", !active ? "closed" : last <= silentBefore ? "silent" : "reporting"));
        }
        // the busiest first; closed ones last
        rows.sort(Comparator.<JsonObject>comparingInt(r -> r.getString("status").equals("closed") ? 1 : 0)
                .thenComparingLong(r -> -r.getJsonObject("today").getLong("registered_persons"))
                .thenComparing(r -> r.getString("checkpoint_id")));
        return new JsonArray(new ArrayList<>(rows));
    }

    // ---- screening: progress per day of the round, and who lags ----

    private CompletableFuture<ScreeningCharts> screeningCharts() {
        return screeningCharts.get(now -> {
            return screening.latestRound(null).thenCompose(round -> {
                if (round == null) {
                    return CompletableFuture.completedFuture(new ScreeningCharts(null, Map.of()));
                }
                CompletableFuture<CompoundRows.Table> table =
                        screening.compoundTable(round, CompoundFilter.NONE, "unvisited");
                CompletableFuture<String> progress = clickHouse.execute(ScreeningCharts.progressSql(round));
                return table.thenCombine(progress, (t, p) -> ScreeningCharts.of(round, t, p));
            });
        });
    }
}
