package io.cordon.dashboard;

import io.cordon.schemas.CheckpointCount;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the checkpoint figures from the job's three rollups (README, "How it flows"): totals per checkpoint and UTC
 * minute, per local day, and for all time. Every read touches a number of rows set by the registry and the window
 * asked for, never by the number of days that have passed: the live windows read the last hour of minutes, today's
 * day rows and the all-time rows; a snapshot reads the minutes of its day and the day rows before it. Versioned reads
 * ({@code FINAL}) stay on those small ranges.
 */
public final class CheckpointQueries {

    /** A checkpoint of the registry as the dashboard shows it. */
    public record CheckpointInfo(String checkpointId, String name, String kind, String province, String district,
                                 String activeFrom, String activeUntil) {

        public CheckpointInfo(String checkpointId, String name, String kind, String province, String district) {
            this(checkpointId, name, kind, province, district, "", "");
        }

        /** Whether it is active on a local date (API.md, "Registry lifecycle"). */
        public boolean activeOn(java.time.LocalDate day) {
            return io.cordon.schemas.Lifetime.activeOn(activeFrom, activeUntil, day);
        }
    }

    /** One checkpoint's four rolling windows now, and when it last sent anything (epoch second, 0 for never). */
    public record CheckpointWindows(CheckpointCounts last15m, CheckpointCounts last1h, CheckpointCounts today,
                                    CheckpointCounts cumulative, long lastReceivedEpochSecond) {

        static final CheckpointWindows NONE = new CheckpointWindows(CheckpointCounts.zero(), CheckpointCounts.zero(),
                CheckpointCounts.zero(), CheckpointCounts.zero(), 0);

        CheckpointWindows plus(CheckpointWindows o) {
            return new CheckpointWindows(last15m.plus(o.last15m), last1h.plus(o.last1h), today.plus(o.today),
                    cumulative.plus(o.cumulative), Math.max(lastReceivedEpochSecond, o.lastReceivedEpochSecond));
        }
    }

    private final ClickHouseHttp clickHouse;

    public CheckpointQueries(ClickHouseHttp clickHouse) {
        this.clickHouse = clickHouse;
    }

    public CompletableFuture<List<CheckpointInfo>> registry() {
        return clickHouse.execute("SELECT checkpoint_id, name, kind, province, district, active_from, active_until FROM checkpoints FINAL "
                + "ORDER BY checkpoint_id FORMAT JSON").thenApply(body -> {
                    List<CheckpointInfo> list = new ArrayList<>();
                    for (Object o : data(body)) {
                        JsonObject r = (JsonObject) o;
                        list.add(new CheckpointInfo(r.getString("checkpoint_id"), r.getString("name"), r.getString("kind"),
                                r.getString("province"), r.getString("district"), r.getString("active_from"),
                                r.getString("active_until")));
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
        StringBuilder minutes = new StringBuilder("SELECT checkpoint_id");
        for (String k : CheckpointCount.KEYS) {
            minutes.append(", sumIf(").append(k).append(", minute >= toDateTime(").append(from15).append(") AND minute < toDateTime(")
                    .append(end).append(")) AS m15_").append(k)
                    .append(", sumIf(").append(k).append(", minute < toDateTime(").append(end).append(")) AS m60_").append(k)
                    .append(", sumIf(").append(k).append(", minute >= toDateTime(").append(end).append(") AND minute < toDateTime(")
                    .append(tomorrow).append(")) AS ahead_today_").append(k)
                    .append(", sumIf(").append(k).append(", minute >= toDateTime(").append(end).append(")) AS ahead_").append(k);
        }
        minutes.append(" FROM checkpoint_minute_totals FINAL WHERE minute >= toDateTime(").append(from1h)
                .append(") GROUP BY checkpoint_id FORMAT JSON");
        CompletableFuture<Map<String, JsonObject>> recent = clickHouse.execute(minutes.toString()).thenApply(CheckpointQueries::byCheckpoint);
        CompletableFuture<Map<String, JsonObject>> day = clickHouse.execute("SELECT checkpoint_id, " + String.join(", ", CheckpointCount.KEYS)
                + " FROM checkpoint_day_totals FINAL WHERE day = toDate('" + today + "') FORMAT JSON").thenApply(CheckpointQueries::byCheckpoint);
        CompletableFuture<Map<String, JsonObject>> all = clickHouse.execute("SELECT checkpoint_id, " + String.join(", ", CheckpointCount.KEYS)
                + ", toUInt32(last_received_at) AS last FROM checkpoint_totals FINAL FORMAT JSON").thenApply(CheckpointQueries::byCheckpoint);
        return CompletableFuture.allOf(recent, day, all).thenApply(v -> {
            Map<String, CheckpointWindows> result = new HashMap<>();
            all.join().forEach((id, total) -> {
                JsonObject r = recent.join().getOrDefault(id, new JsonObject());
                JsonObject d = day.join().getOrDefault(id, new JsonObject());
                result.put(id, new CheckpointWindows(
                        CheckpointCounts.read(r, "m15_"),
                        CheckpointCounts.read(r, "m60_"),
                        CheckpointCounts.read(d, "").minus(CheckpointCounts.read(r, "ahead_today_")),
                        CheckpointCounts.read(total, "").minus(CheckpointCounts.read(r, "ahead_")),
                        number(total, "last")));
            });
            return result;
        });
    }

    /** Per-checkpoint totals of events in [from, to): epoch seconds on whole minutes, at most a day apart. */
    public CompletableFuture<Map<String, CheckpointCounts>> minutesBetween(long fromEpochSecond, long toEpochSecond) {
        StringBuilder sql = new StringBuilder("SELECT checkpoint_id");
        for (String k : CheckpointCount.KEYS) {
            sql.append(", sum(").append(k).append(") AS ").append(k);
        }
        sql.append(" FROM checkpoint_minute_totals FINAL WHERE minute >= toDateTime(").append(fromEpochSecond)
                .append(") AND minute < toDateTime(").append(toEpochSecond).append(") GROUP BY checkpoint_id FORMAT JSON");
        return clickHouse.execute(sql.toString()).thenApply(CheckpointQueries::counts);
    }

    /** Per-checkpoint totals of the local days before {@code day}. */
    public CompletableFuture<Map<String, CheckpointCounts>> daysBefore(LocalDate day) {
        StringBuilder sql = new StringBuilder("SELECT checkpoint_id");
        for (String k : CheckpointCount.KEYS) {
            sql.append(", sum(").append(k).append(") AS ").append(k);
        }
        sql.append(" FROM checkpoint_day_totals FINAL WHERE day < toDate('").append(day).append("') GROUP BY checkpoint_id FORMAT JSON");
        return clickHouse.execute(sql.toString()).thenApply(CheckpointQueries::counts);
    }

    private static Map<String, CheckpointCounts> counts(String body) {
        Map<String, CheckpointCounts> result = new HashMap<>();
        byCheckpoint(body).forEach((id, row) -> result.put(id, CheckpointCounts.read(row, "")));
        return result;
    }

    private static Map<String, JsonObject> byCheckpoint(String body) {
        Map<String, JsonObject> m = new HashMap<>();
        for (Object o : data(body)) {
            m.put(((JsonObject) o).getString("checkpoint_id"), (JsonObject) o);
        }
        return m;
    }

    static JsonArray data(String body) {
        return new JsonObject(body).getJsonArray("data", new JsonArray());
    }

    static long number(JsonObject row, String key) {
        Object v = row.getValue(key);
        if (v instanceof Number n) {
            return n.longValue();
        }
        return v == null ? 0 : Long.parseLong(v.toString());
    }
}
