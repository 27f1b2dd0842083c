package io.cordon.dashboard.checkpoints;

import io.cordon.http.Location;
import io.cordon.http.Scope;
import io.cordon.schemas.CheckpointCount;
import io.cordon.schemas.Lifetime;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.TsvRows;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Reads the checkpoint figures from the job's three rollups (docs/ARCHITECTURE.md, "How it flows"): totals per checkpoint and UTC
 * minute, per local day, and for all time. Every read touches a number of rows set by the registry and the window
 * asked for, never by the number of days that have passed: the live windows read the last hour of minutes, today's
 * day rows and the all-time rows; a snapshot reads the minutes of its day and the day rows before it. Versioned reads
 * ({@code FINAL}) stay on those small ranges.
 */
public final class CheckpointQueries {

    /** A checkpoint of the registry as the dashboard shows it. */
    public record CheckpointInfo(
            String checkpointId,
            String name,
            String kind,
            String province,
            String district,
            String street,
            String activeFrom,
            String activeUntil,
            Double latitude,
            Double longitude)
            implements Lifetime {

        /** Where it lies: its district and street. */
        public Location location() {
            return Location.checkpoint(checkpointId, district, street);
        }

        /** Whether it lies in a scope. */
        public boolean in(Scope scope) {
            return scope.covers(location());
        }
    }

    /** One checkpoint's four rolling windows now, and when it last sent anything (epoch second, 0 for never). */
    public record CheckpointWindows(
            CheckpointCounts last15m,
            CheckpointCounts last1h,
            CheckpointCounts today,
            CheckpointCounts cumulative,
            long lastReceivedEpochSecond) {

        public static final CheckpointWindows NONE = new CheckpointWindows(
                CheckpointCounts.zero(), CheckpointCounts.zero(), CheckpointCounts.zero(), CheckpointCounts.zero(), 0);

        public CheckpointWindows plus(CheckpointWindows o) {
            return new CheckpointWindows(
                    last15m.plus(o.last15m),
                    last1h.plus(o.last1h),
                    today.plus(o.today),
                    cumulative.plus(o.cumulative),
                    Math.max(lastReceivedEpochSecond, o.lastReceivedEpochSecond));
        }
    }

    private final ClickHouseHttp clickHouse;

    public CheckpointQueries(ClickHouseHttp clickHouse) {
        this.clickHouse = clickHouse;
    }

    /** The registry's columns, in the order {@link #registry} reads them. */
    private static final String REGISTRY_COLUMNS =
            "checkpoint_id, name, kind, province, district, street, active_from, active_until, latitude, longitude";

    /** A coordinate of the registry, or null when the checkpoint has none (ClickHouse's {@code \N}, read as "N"). */
    private static Double coordinate(String field) {
        return field.isEmpty() || !Character.isDigit(field.charAt(field.length() - 1)) ? null : Double.valueOf(field);
    }

    public CompletableFuture<List<CheckpointInfo>> registry() {
        return clickHouse
                .execute("SELECT " + REGISTRY_COLUMNS + " FROM checkpoints FINAL ORDER BY checkpoint_id FORMAT TSV")
                .thenApply(body -> {
                    List<CheckpointInfo> list = new ArrayList<>();
                    for (String[] f : TsvRows.parse(body)) {
                        list.add(new CheckpointInfo(
                                f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], coordinate(f[8]), coordinate(f[9])));
                    }
                    return list;
                });
    }

    /**
     * The four rolling windows of every checkpoint at {@code asOf}: the current minute so far plus the 14 (59) minutes
     * before it, the local day so far, and everything. Minutes after the current one (device clocks up to 5 min
     * ahead) wait: they are in the day and all-time rows already, and are taken back out here.
     */
    public CompletableFuture<Map<String, CheckpointWindows>> windows(Instant asOf, ZoneId zone) {
        long currentMinute = Math.floorDiv(asOf.getEpochSecond(), 60) * 60;
        long end = currentMinute + 60;
        long from15 = currentMinute - 14 * 60;
        long from1h = currentMinute - 59 * 60;
        LocalDate today = asOf.atZone(zone).toLocalDate();
        long tomorrow = today.plusDays(1).atStartOfDay(zone).toEpochSecond();
        // per checkpoint, four values of each count in a row: the last 15 minutes, the last hour, minutes ahead today,
        // ahead
        StringBuilder minutes = new StringBuilder("SELECT checkpoint_id");
        for (String k : CheckpointCount.KEYS) {
            minutes.append(", sumIf(")
                    .append(k)
                    .append(", minute >= toDateTime(")
                    .append(from15)
                    .append(") AND minute < toDateTime(")
                    .append(end)
                    .append("))")
                    .append(", sumIf(")
                    .append(k)
                    .append(", minute < toDateTime(")
                    .append(end)
                    .append("))")
                    .append(", sumIf(")
                    .append(k)
                    .append(", minute >= toDateTime(")
                    .append(end)
                    .append(") AND minute < toDateTime(")
                    .append(tomorrow)
                    .append("))")
                    .append(", sumIf(")
                    .append(k)
                    .append(", minute >= toDateTime(")
                    .append(end)
                    .append("))");
        }
        minutes.append(" FROM checkpoint_minute_totals FINAL WHERE minute >= toDateTime(")
                .append(from1h)
                .append(") GROUP BY checkpoint_id FORMAT TSV");
        CompletableFuture<Map<String, String[]>> recent =
                clickHouse.execute(minutes.toString()).thenApply(CheckpointQueries::byCheckpoint);
        CompletableFuture<Map<String, String[]>> day = clickHouse
                .execute("SELECT checkpoint_id, " + String.join(", ", CheckpointCount.KEYS)
                        + " FROM checkpoint_day_totals FINAL WHERE day = toDate('" + today + "') FORMAT TSV")
                .thenApply(CheckpointQueries::byCheckpoint);
        CompletableFuture<Map<String, String[]>> all = clickHouse
                .execute("SELECT checkpoint_id, " + String.join(", ", CheckpointCount.KEYS)
                        + ", toUInt32(last_received_at) FROM checkpoint_totals FINAL FORMAT TSV")
                .thenApply(CheckpointQueries::byCheckpoint);
        return CompletableFuture.allOf(recent, day, all).thenApply(v -> {
            Map<String, CheckpointWindows> result = new HashMap<>();
            all.join().forEach((id, total) -> {
                String[] r = recent.join().get(id);
                String[] d = day.join().get(id);
                CheckpointCounts dayCounts = d == null ? CheckpointCounts.zero() : counts(d, 1, 1);
                result.put(
                        id,
                        r == null
                                ? new CheckpointWindows(
                                        CheckpointCounts.zero(),
                                        CheckpointCounts.zero(),
                                        dayCounts,
                                        counts(total, 1, 1),
                                        TsvRows.number(total[1 + CheckpointCount.SIZE]))
                                : new CheckpointWindows(
                                        counts(r, 1, 4),
                                        counts(r, 2, 4),
                                        dayCounts.minus(counts(r, 3, 4)),
                                        counts(total, 1, 1).minus(counts(r, 4, 4)),
                                        TsvRows.number(total[1 + CheckpointCount.SIZE])));
            });
            return result;
        });
    }

    /** The seven counts summed, each named by its key: {@code , sum(arrivals) AS arrivals, ...}. */
    public static final String SUMS =
            CheckpointCount.KEYS.stream().map(k -> ", sum(" + k + ") AS " + k).collect(Collectors.joining());

    /** Per-checkpoint totals of events in [from, to): epoch seconds on whole minutes, at most a day apart. */
    public CompletableFuture<Map<String, CheckpointCounts>> minutesBetween(long fromEpochSecond, long toEpochSecond) {
        StringBuilder sql = new StringBuilder("SELECT checkpoint_id").append(SUMS);
        sql.append(" FROM checkpoint_minute_totals FINAL WHERE minute >= toDateTime(")
                .append(fromEpochSecond)
                .append(") AND minute < toDateTime(")
                .append(toEpochSecond)
                .append(") GROUP BY checkpoint_id FORMAT TSV");
        return clickHouse.execute(sql.toString()).thenApply(CheckpointQueries::counts);
    }

    /** Per-checkpoint totals of the local days before {@code day}. */
    public CompletableFuture<Map<String, CheckpointCounts>> daysBefore(LocalDate day) {
        StringBuilder sql = new StringBuilder("SELECT checkpoint_id").append(SUMS);
        sql.append(" FROM checkpoint_day_totals FINAL WHERE day < toDate('")
                .append(day)
                .append("') GROUP BY checkpoint_id FORMAT TSV");
        return clickHouse.execute(sql.toString()).thenApply(CheckpointQueries::counts);
    }

    private static Map<String, CheckpointCounts> counts(String body) {
        Map<String, CheckpointCounts> result = new HashMap<>();
        byCheckpoint(body).forEach((id, row) -> result.put(id, counts(row, 1, 1)));
        return result;
    }

    /** TSV rows by their first field, the checkpoint id. */
    private static Map<String, String[]> byCheckpoint(String body) {
        Map<String, String[]> m = new HashMap<>();
        for (String[] f : TsvRows.parse(body)) {
            m.put(f[0], f);
        }
        return m;
    }

    /**
     * The seven counts of a TSV row: count {@code c} (by ordinal) at field {@code first + c * stride}, the order in which
     * the statements above write the {@link CheckpointCount#KEYS}.
     */
    public static CheckpointCounts counts(String[] fields, int first, int stride) {
        long[] v = new long[CheckpointCount.SIZE];
        for (int c = 0; c < v.length; c++) {
            v[c] = TsvRows.number(fields[first + c * stride]);
        }
        return new CheckpointCounts(v);
    }
}
