package io.cordon.dashboard;

import io.cordon.schemas.FeverAlert;
import io.cordon.schemas.Json;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every fever alert the walls were given, kept in ClickHouse (table {@code fever_alerts}) by its id
 * {@code <event_id>/<person>}: an alert is pushed to the walls once, ever. A job that replays the event log from
 * scratch writes every historical alert to the alert topic again; a dashboard that restarted reads the topic again;
 * neither pushes an alert that was already delivered. A fever first received late (a device syncing after days) is a
 * new event, so a new alert.
 *
 * <p>Delivery never waits for ClickHouse: the id is remembered at once and the row written in the background, retried
 * until it is stored.
 */
public final class AlertStore {

    private static final Logger LOG = LoggerFactory.getLogger(AlertStore.class);

    /** DateTime columns are written in UTC, the time zone of Cordon's ClickHouse servers. */
    static final java.time.format.DateTimeFormatter CH_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC);

    private final ClickHouseHttp clickHouse;
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();
    private final Set<String> withdrawn = ConcurrentHashMap.newKeySet();
    private final io.cordon.schemas.clickhouse.InsertQueue queue;
    private volatile boolean loaded;

    public AlertStore(ClickHouseHttp clickHouse) {
        this.clickHouse = clickHouse;
        this.queue = new io.cordon.schemas.clickhouse.InsertQueue(clickHouse, "fever_alerts");
    }

    /** Reads the ids of every alert delivered so far (blocking; retried by the caller until it succeeds). */
    public void load() {
        String body = clickHouse.executeBlocking("SELECT DISTINCT alert_id FROM fever_alerts FORMAT TSV");
        body.lines().filter(l -> !l.isEmpty()).forEach(delivered::add);
        clickHouse.executeBlocking("SELECT DISTINCT alert_id FROM fever_alerts WHERE status = 'withdrawn' FORMAT TSV")
                .lines().filter(l -> !l.isEmpty()).forEach(withdrawn::add);
        loaded = true;
        LOG.info("{} fever alerts delivered before", delivered.size());
    }

    public boolean loaded() {
        return loaded;
    }

    /** True the first time an alert is seen (it is then recorded as delivered); false for one delivered before. */
    public boolean firstDelivery(FeverAlert alert, Instant now) {
        if (!delivered.add(alert.alertId())) {
            return false;
        }
        queue.add(row(alert, now, "new", 1));
        return true;
    }

    /**
     * True the first time an alert's withdrawal is seen (its row is then marked withdrawn, and a later copy of the alert
     * is never delivered); false for one withdrawn before.
     */
    public boolean withdraw(FeverAlert alert, Instant now) {
        delivered.add(alert.alertId());
        if (!withdrawn.add(alert.alertId())) {
            return false;
        }
        queue.add(row(alert, now, "withdrawn", WITHDRAWN_VERSION));
        return true;
    }

    /** The {@code fever_alerts} row of an alert delivered (or withdrawn) at {@code now}. */
    private static String row(FeverAlert alert, Instant now, String status, long version) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("alert_id", alert.alertId());
        row.put("event_id", alert.eventId());
        row.put("person_index", alert.personIndex());
        row.put("checkpoint_id", alert.checkpointId());
        row.put("occurred_at", CH_TIME.format(alert.occurredAt()));
        row.put("temperature_c", alert.temperatureC());
        row.put("delivered_at", CH_TIME.format(now));
        row.put("status", status);
        row.put("version", version);
        return Json.write(row);
    }

    /** A withdrawn alert's row outranks its new and acknowledged versions. */
    static final long WITHDRAWN_VERSION = 1_000_000;

    /** Writes the rows of alerts delivered since the last call; on failure they are kept for the next one. */
    public void flush() {
        queue.flush();
    }

    /**
     * Stored alerts whose event happened at or after {@code since}, newest first, at most {@code limit}; only those of
     * the given checkpoints when {@code checkpoints} is not null (a scope). API.md, "Alerts".
     */
    public java.util.concurrent.CompletableFuture<io.vertx.core.json.JsonArray> list(Instant since, int limit,
                                                                                       java.util.Collection<String> checkpoints,
                                                                                       java.time.ZoneId zone) {
        if (checkpoints != null && checkpoints.isEmpty()) {
            return java.util.concurrent.CompletableFuture.completedFuture(new io.vertx.core.json.JsonArray());
        }
        String in = checkpoints == null ? "" : " AND checkpoint_id IN (" + checkpoints.stream()
                .map(io.cordon.schemas.clickhouse.ClickHouseSql::quote).collect(java.util.stream.Collectors.joining(",")) + ")";
        return clickHouse.execute("SELECT alert_id, event_id, checkpoint_id, toUInt32(occurred_at) AS at, temperature_c, status"
                + " FROM fever_alerts FINAL WHERE occurred_at >= toDateTime(" + since.getEpochSecond() + ")" + in
                + " ORDER BY occurred_at DESC, alert_id LIMIT " + limit + " FORMAT JSON").thenApply(body -> {
                    io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
                    for (Object o : CheckpointQueries.data(body)) {
                        io.vertx.core.json.JsonObject r = (io.vertx.core.json.JsonObject) o;
                        out.add(new io.vertx.core.json.JsonObject()
                                .put("alert_id", r.getString("alert_id"))
                                .put("event_id", r.getString("event_id"))
                                .put("checkpoint_id", r.getString("checkpoint_id"))
                                .put("occurred_at", java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                        Instant.ofEpochSecond(CheckpointQueries.number(r, "at")).atZone(zone)))
                                .put("temperature_c", ((Number) r.getValue("temperature_c")).doubleValue())
                                .put("status", r.getString("status")));
                    }
                    return out;
                });
    }

    /** The stored alert's checkpoint and status, or null when there is no such alert. */
    public java.util.concurrent.CompletableFuture<io.vertx.core.json.JsonObject> find(String alertId) {
        return clickHouse.execute("SELECT alert_id, event_id, person_index, checkpoint_id, toUInt32(occurred_at) AS at,"
                + " temperature_c, toUInt32(delivered_at) AS delivered, status, version FROM fever_alerts FINAL WHERE alert_id = "
                + io.cordon.schemas.clickhouse.ClickHouseSql.quote(alertId) + " FORMAT JSON").thenApply(body -> {
                    io.vertx.core.json.JsonArray rows = CheckpointQueries.data(body);
                    return rows.isEmpty() ? null : rows.getJsonObject(0);
                });
    }

    /** Marks a stored alert acknowledged by {@code label} (a new version of its row). */
    public java.util.concurrent.CompletableFuture<Void> acknowledge(io.vertx.core.json.JsonObject row, String label, Instant now) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("alert_id", row.getString("alert_id"));
        r.put("event_id", row.getString("event_id"));
        r.put("person_index", CheckpointQueries.number(row, "person_index"));
        r.put("checkpoint_id", row.getString("checkpoint_id"));
        r.put("occurred_at", CH_TIME.format(Instant.ofEpochSecond(CheckpointQueries.number(row, "at"))));
        r.put("temperature_c", ((Number) row.getValue("temperature_c")).doubleValue());
        r.put("delivered_at", CH_TIME.format(Instant.ofEpochSecond(CheckpointQueries.number(row, "delivered"))));
        r.put("status", "acknowledged");
        r.put("acknowledged_by", label);
        r.put("acknowledged_at", CH_TIME.format(now));
        r.put("version", CheckpointQueries.number(row, "version") + 1);
        return clickHouse.insertJsonEachRow("fever_alerts", List.of(Json.write(r))).thenApply(x -> null);
    }
}
