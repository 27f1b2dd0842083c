package io.cordon.dashboard;

import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the checkpoint figures from ClickHouse. The job keeps totals per checkpoint and UTC minute, so any window
 * whose edges fall on whole minutes (every local day, every HH:MM cutoff) is an exact sum of minutes.
 */
public final class CheckpointQueries {

    /** A checkpoint of the registry as the dashboard shows it. */
    public record CheckpointInfo(String checkpointId, String name, String kind, String province, String district) {
    }

    private final ClickHouseHttp clickHouse;

    public CheckpointQueries(ClickHouseHttp clickHouse) {
        this.clickHouse = clickHouse;
    }

    public CompletableFuture<List<CheckpointInfo>> registry() {
        return clickHouse.execute("SELECT checkpoint_id, name, kind, province, district FROM checkpoints FINAL "
                + "ORDER BY checkpoint_id FORMAT JSON").thenApply(body -> {
                    List<CheckpointInfo> list = new ArrayList<>();
                    for (Object o : data(body)) {
                        JsonObject r = (JsonObject) o;
                        list.add(new CheckpointInfo(r.getString("checkpoint_id"), r.getString("name"), r.getString("kind"),
                                r.getString("province"), r.getString("district")));
                    }
                    return list;
                });
    }

    /**
     * The four rolling windows at {@code asOf}: the current minute so far plus the 14 (59) minutes before it, the
     * local day so far, and everything. Minutes after the current one (device clocks up to 5 min ahead) wait.
     */
    public CompletableFuture<Map<String, JsonObject>> windows(Scope scope, Instant asOf, ZoneId zone) {
        long currentMinute = Math.floorDiv(asOf.getEpochSecond(), 60) * 60;
        long end = currentMinute + 60;
        long from15 = currentMinute - 14 * 60;
        long from1h = currentMinute - 59 * 60;
        long fromToday = asOf.atZone(zone).toLocalDate().atStartOfDay(zone).toEpochSecond();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (String k : CheckpointCounts.KEYS) {
            sql.append("sumIf(").append(k).append(", minute >= toDateTime(").append(from15).append(")) AS ").append(k).append("__last_15m, ")
               .append("sumIf(").append(k).append(", minute >= toDateTime(").append(from1h).append(")) AS ").append(k).append("__last_1h, ")
               .append("sumIf(").append(k).append(", minute >= toDateTime(").append(fromToday).append(")) AS ").append(k).append("__today, ")
               .append("sum(").append(k).append(") AS ").append(k).append("__cumulative, ");
        }
        sql.setLength(sql.length() - 2);
        sql.append(" FROM checkpoint_minute_counts FINAL WHERE minute < toDateTime(").append(end).append(") AND ")
           .append(scope.checkpointCondition()).append(" FORMAT JSON");
        return clickHouse.execute(sql.toString()).thenApply(body -> {
            JsonArray rows = data(body);
            JsonObject row = rows.isEmpty() ? new JsonObject() : rows.getJsonObject(0);
            Map<String, JsonObject> tiles = new LinkedHashMap<>();
            for (String k : CheckpointCounts.KEYS) {
                tiles.put(k, new JsonObject()
                        .put("last_15m", number(row, k + "__last_15m"))
                        .put("last_1h", number(row, k + "__last_1h"))
                        .put("today", number(row, k + "__today"))
                        .put("cumulative", number(row, k + "__cumulative")));
            }
            return tiles;
        });
    }

    /** Per-checkpoint totals of events in [from, to) (epoch seconds on whole minutes; from may be null for "ever"). */
    public CompletableFuture<Map<String, CheckpointCounts>> perCheckpoint(Long fromEpochSecond, long toEpochSecond) {
        StringBuilder sql = new StringBuilder("SELECT checkpoint_id");
        for (String k : CheckpointCounts.KEYS) {
            sql.append(", sum(").append(k).append(") AS ").append(k);
        }
        sql.append(" FROM checkpoint_minute_counts FINAL WHERE minute < toDateTime(").append(toEpochSecond).append(')');
        if (fromEpochSecond != null) {
            sql.append(" AND minute >= toDateTime(").append(fromEpochSecond).append(')');
        }
        sql.append(" GROUP BY checkpoint_id FORMAT JSON");
        return clickHouse.execute(sql.toString()).thenApply(body -> {
            Map<String, CheckpointCounts> result = new HashMap<>();
            for (Object o : data(body)) {
                JsonObject r = (JsonObject) o;
                Map<String, Long> values = new LinkedHashMap<>();
                for (String k : CheckpointCounts.KEYS) {
                    values.put(k, number(r, k));
                }
                result.put(r.getString("checkpoint_id"), new CheckpointCounts(values));
            }
            return result;
        });
    }

    /** Registered checkpoints in scope that have sent nothing for {@code silentAfter} (or never sent anything). */
    public CompletableFuture<List<String>> silent(Scope scope, Instant now, Duration silentAfter, List<CheckpointInfo> registry) {
        String sql = "SELECT checkpoint_id, toUInt32(max(last_received_at)) AS last FROM checkpoint_minute_counts WHERE "
                + scope.checkpointCondition() + " GROUP BY checkpoint_id FORMAT JSON";
        return clickHouse.execute(sql).thenApply(body -> {
            Map<String, Long> last = new HashMap<>();
            for (Object o : data(body)) {
                JsonObject r = (JsonObject) o;
                last.put(r.getString("checkpoint_id"), number(r, "last"));
            }
            long threshold = now.minus(silentAfter).getEpochSecond();
            List<String> silent = new ArrayList<>();
            for (CheckpointInfo c : registry) {
                if (scope.includes(c.checkpointId(), c.district())) {
                    Long l = last.get(c.checkpointId());
                    if (l == null || l <= threshold) {
                        silent.add(c.checkpointId());
                    }
                }
            }
            return silent;
        });
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
