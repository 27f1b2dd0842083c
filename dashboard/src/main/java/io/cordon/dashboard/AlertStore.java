package io.cordon.dashboard;

import io.cordon.schemas.FeverAlert;
import io.cordon.schemas.Json;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
    private final ConcurrentLinkedQueue<String> unwritten = new ConcurrentLinkedQueue<>();
    private volatile boolean loaded;

    public AlertStore(ClickHouseHttp clickHouse) {
        this.clickHouse = clickHouse;
    }

    /** Reads the ids of every alert delivered so far (blocking; retried by the caller until it succeeds). */
    public void load() {
        String body = clickHouse.executeBlocking("SELECT DISTINCT alert_id FROM fever_alerts FORMAT TSV");
        body.lines().filter(l -> !l.isEmpty()).forEach(delivered::add);
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
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("alert_id", alert.alertId());
        row.put("event_id", alert.eventId());
        row.put("person_index", alert.personIndex());
        row.put("checkpoint_id", alert.checkpointId());
        row.put("occurred_at", CH_TIME.format(alert.occurredAt()));
        row.put("temperature_c", alert.temperatureC());
        row.put("delivered_at", CH_TIME.format(now));
        row.put("status", "new");
        row.put("version", 1);
        unwritten.add(Json.write(row));
        return true;
    }

    /** Writes the rows of alerts delivered since the last call; on failure they are kept for the next one. */
    public void flush() {
        List<String> rows = new ArrayList<>();
        for (String r = unwritten.poll(); r != null; r = unwritten.poll()) {
            rows.add(r);
        }
        if (rows.isEmpty()) {
            return;
        }
        try {
            clickHouse.insertBlocking("fever_alerts", rows);
        } catch (RuntimeException e) {
            LOG.warn("{} delivered alerts could not be stored yet ({}); trying again", rows.size(), e.getMessage());
            unwritten.addAll(rows);
        }
    }
}
