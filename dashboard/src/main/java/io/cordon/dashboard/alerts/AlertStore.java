package io.cordon.dashboard.alerts;

import io.cordon.dashboard.web.Rows;
import io.cordon.schemas.FeverAlert;
import io.cordon.schemas.Json;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import io.cordon.schemas.clickhouse.InsertQueue;
import io.cordon.schemas.clickhouse.Tables;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
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
 *
 * <p>Memory is bounded: the ids delivered in the last {@link #REMEMBERED} are held (a few days of a city's fevers), the
 * rest live in ClickHouse only. An alert whose event happened within that time and is not held cannot have been
 * delivered earlier (delivery follows the event); an older one not held (a replay, a device syncing after days) is
 * looked up in {@code fever_alerts} before it is delivered.
 */
public final class AlertStore {

    private static final Logger LOG = LoggerFactory.getLogger(AlertStore.class);

    /** DateTime columns are written in UTC, the time zone of Cordon's ClickHouse servers. */
    private static final DateTimeFormatter CH_TIME = ClickHouseSql.DATE_TIME;

    private final ClickHouseHttp clickHouse;
    /** How long a delivered id is held in memory, by the time it was delivered. */
    static final Duration REMEMBERED = Duration.ofDays(2);

    /** Alert id → when it was delivered (epoch ms), for the last {@link #REMEMBERED}. */
    private final Map<String, Long> delivered = new ConcurrentHashMap<>();
    /** Alert id → when it was withdrawn (epoch ms), for the same time. */
    private final Map<String, Long> withdrawn = new ConcurrentHashMap<>();

    private volatile long forgottenAt;
    private final InsertQueue queue;
    private volatile boolean loaded;

    public AlertStore(ClickHouseHttp clickHouse) {
        this.clickHouse = clickHouse;
        this.queue = new InsertQueue(clickHouse, Tables.FEVER_ALERTS);
    }

    /** Reads the ids of every alert delivered so far (blocking; retried by the caller until it succeeds). */
    public void load() {
        long now = System.currentTimeMillis();
        long since = (now - REMEMBERED.toMillis()) / 1000;
        String body = clickHouse.executeBlocking(
                "SELECT DISTINCT alert_id FROM fever_alerts WHERE delivered_at >= toDateTime(" + since
                        + ") FORMAT TSV");
        body.lines().filter(l -> !l.isEmpty()).forEach(id -> delivered.put(id, now));
        clickHouse
                .executeBlocking(
                        "SELECT DISTINCT alert_id FROM fever_alerts WHERE status = 'withdrawn' AND delivered_at >= toDateTime("
                                + since + ") FORMAT TSV")
                .lines()
                .filter(l -> !l.isEmpty())
                .forEach(id -> withdrawn.put(id, now));
        loaded = true;
        LOG.info("{} fever alerts delivered before", delivered.size());
    }

    public boolean loaded() {
        return loaded;
    }

    /** True the first time an alert is seen (it is then recorded as delivered); false for one delivered before. */
    public boolean firstDelivery(FeverAlert alert, Instant now) {
        forgetOld(now);
        if (delivered.putIfAbsent(alert.alertId(), now.toEpochMilli()) != null) {
            return false;
        }
        if (storedBefore(alert, now, "")) {
            return false;
        }
        queue.add(row(alert, now, "new", 1));
        return true;
    }

    /**
     * Whether an alert not held in memory was stored before: only asked of one whose event is older than what memory
     * holds. Blocking (the alert feed's own thread); when ClickHouse cannot say, no (an alert shown twice beats a fever
     * missed).
     */
    private boolean storedBefore(FeverAlert alert, Instant now, String status) {
        if (!alert.occurredAt().isBefore(now.minus(REMEMBERED))) {
            return false;
        }
        try {
            return !clickHouse
                    .executeBlocking("SELECT count() FROM fever_alerts WHERE alert_id = "
                            + ClickHouseSql.quote(alert.alertId())
                            + (status.isEmpty() ? "" : " AND status = " + ClickHouseSql.quote(status))
                            + " FORMAT TSV")
                    .strip()
                    .equals("0");
        } catch (RuntimeException e) {
            LOG.warn(
                    "whether alert {} was delivered before cannot be read ({}); delivering it",
                    alert.alertId(),
                    e.getMessage());
            return false;
        }
    }

    /** Forgets, every ten minutes, the ids delivered or withdrawn longer ago than {@link #REMEMBERED}. */
    private void forgetOld(Instant now) {
        long at = now.toEpochMilli();
        if (at - forgottenAt < 600_000) {
            return;
        }
        forgottenAt = at;
        long before = at - REMEMBERED.toMillis();
        delivered.values().removeIf(t -> t < before);
        withdrawn.values().removeIf(t -> t < before);
    }

    /** Ids held in memory (for tests and /metrics). */
    int remembered() {
        return delivered.size();
    }

    /**
     * True the first time an alert's withdrawal is seen (its row is then marked withdrawn, and a later copy of the alert
     * is never delivered); false for one withdrawn before.
     */
    public boolean withdraw(FeverAlert alert, Instant now) {
        forgetOld(now);
        delivered.putIfAbsent(alert.alertId(), now.toEpochMilli());
        if (withdrawn.putIfAbsent(alert.alertId(), now.toEpochMilli()) != null
                || storedBefore(alert, now, "withdrawn")) {
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
        row.put("kind", alert.kindOrDefault());
        if (alert.isKeyPerson()) {
            row.put("person_id", alert.personId());
            row.put("household_id", alert.householdId());
            row.put("district", alert.district());
            row.put("street", alert.street());
            row.put("community", alert.community());
            row.put("responsible_unit", alert.responsibleUnit() == null ? "" : alert.responsibleUnit());
        }
        return Json.write(row);
    }

    /** A withdrawn alert's row outranks its new and acknowledged versions. */
    static final long WITHDRAWN_VERSION = 1_000_000;

    /** Writes the rows of alerts delivered since the last call; on failure they are kept for the next one. */
    public void flush() {
        queue.flush();
    }

    /**
     * Stored alerts whose event happened at or after {@code since}, newest first, at most {@code limit}: checkpoint
     * fevers of the given checkpoints ({@code checkpoints}; null: all) and key persons' fevers at home in the given
     * areas ({@code homes}: a condition on the alert's district, street, community, responsible_unit). API.md, "Alerts".
     */
    public CompletableFuture<JsonArray> list(
            Instant since, int limit, Collection<String> checkpoints, String homes, ZoneId zone) {
        String atCheckpoints = checkpoints == null
                ? "1"
                : checkpoints.isEmpty()
                        ? "0"
                        : "checkpoint_id IN ("
                                + checkpoints.stream().map(ClickHouseSql::quote).collect(Collectors.joining(","))
                                + ")";
        String in = " AND (kind = '" + FeverAlert.KEY_PERSON + "' AND (" + homes + ") OR kind != '"
                + FeverAlert.KEY_PERSON + "' AND " + atCheckpoints + ")";
        return clickHouse
                .execute("SELECT alert_id, event_id, checkpoint_id, toUInt32(occurred_at) AS at, temperature_c, status,"
                        + " kind, person_id, household_id, community"
                        + " FROM fever_alerts FINAL WHERE occurred_at >= toDateTime(" + since.getEpochSecond() + ")"
                        + in
                        + " ORDER BY occurred_at DESC, alert_id LIMIT " + limit + " FORMAT JSON")
                .thenApply(body -> {
                    JsonArray out = new JsonArray();
                    for (Object o : Rows.of(body)) {
                        JsonObject r = (JsonObject) o;
                        JsonObject a = new JsonObject()
                                .put("alert_id", r.getString("alert_id"))
                                .put("kind", r.getString("kind"))
                                .put("event_id", r.getString("event_id"));
                        if (FeverAlert.KEY_PERSON.equals(r.getString("kind"))) {
                            a.put("person_id", r.getString("person_id"))
                                    .put("household_id", r.getString("household_id"))
                                    .put("community", r.getString("community"));
                        } else {
                            a.put("checkpoint_id", r.getString("checkpoint_id"));
                        }
                        out.add(a.put(
                                        "occurred_at",
                                        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                                Instant.ofEpochSecond(Rows.number(r, "at"))
                                                        .atZone(zone)))
                                .put("temperature_c", ((Number) r.getValue("temperature_c")).doubleValue())
                                .put("status", r.getString("status")));
                    }
                    return out;
                });
    }

    /** The stored alert's checkpoint and status, or null when there is no such alert. */
    public CompletableFuture<JsonObject> find(String alertId) {
        return clickHouse
                .execute("SELECT alert_id, event_id, person_index, checkpoint_id, toUInt32(occurred_at) AS at,"
                        + " temperature_c, toUInt32(delivered_at) AS delivered, status, version, kind, person_id,"
                        + " household_id, district, street, community, responsible_unit FROM fever_alerts FINAL WHERE alert_id = "
                        + ClickHouseSql.quote(alertId) + " FORMAT JSON")
                .thenApply(body -> {
                    JsonArray rows = Rows.of(body);
                    return rows.isEmpty() ? null : rows.getJsonObject(0);
                });
    }

    /** Marks a stored alert acknowledged by {@code label} (a new version of its row). */
    public CompletableFuture<Void> acknowledge(JsonObject row, String label, Instant now) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("alert_id", row.getString("alert_id"));
        r.put("event_id", row.getString("event_id"));
        r.put("person_index", Rows.number(row, "person_index"));
        r.put("checkpoint_id", row.getString("checkpoint_id"));
        r.put("occurred_at", CH_TIME.format(Instant.ofEpochSecond(Rows.number(row, "at"))));
        r.put("temperature_c", ((Number) row.getValue("temperature_c")).doubleValue());
        r.put("delivered_at", CH_TIME.format(Instant.ofEpochSecond(Rows.number(row, "delivered"))));
        r.put("status", "acknowledged");
        r.put("acknowledged_by", label);
        r.put("acknowledged_at", CH_TIME.format(now));
        r.put("version", Rows.number(row, "version") + 1);
        for (String c :
                List.of("kind", "person_id", "household_id", "district", "street", "community", "responsible_unit")) {
            r.put(c, row.getString(c));
        }
        return clickHouse
                .insertJsonEachRow(Tables.FEVER_ALERTS, List.of(Json.write(r)))
                .thenApply(x -> null);
    }
}
