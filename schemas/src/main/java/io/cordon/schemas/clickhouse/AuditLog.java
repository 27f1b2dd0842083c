package io.cordon.schemas.clickhouse;

import io.cordon.schemas.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log (API.md, "Audit"): who did what to the record, kept in ClickHouse (table {@code audit_log}). Entries
 * are queued at once and written by {@link #flush} (every second, on a worker); an entry that cannot be written yet is
 * kept and written later. Never holds a secret, an ID number or a plate: actors are token labels, targets are ids.
 */
public final class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final DateTimeFormatter CH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** An audit log that keeps nothing (a service's own tests). */
    public static final AuditLog NONE = new AuditLog(null);

    private final ClickHouseHttp clickHouse;
    private final ConcurrentLinkedQueue<String> unwritten = new ConcurrentLinkedQueue<>();
    private boolean failing;

    public AuditLog(ClickHouseHttp clickHouse) {
        this.clickHouse = clickHouse;
    }

    /**
     * Records an action. {@code district} is the district the target belongs to when it belongs to one (a district's
     * admin reads its district's entries), or empty.
     */
    public void record(Instant at, String action, String actor, String district, String target, String reason, Map<String, ?> detail) {
        if (clickHouse == null) {
            return;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("at", CH_TIME.format(at));
        row.put("action", action);
        row.put("actor", actor);
        row.put("district", district == null ? "" : district);
        row.put("target", target == null ? "" : target);
        row.put("reason", reason == null ? "" : reason);
        row.put("detail", detail == null || detail.isEmpty() ? "" : Json.write(detail));
        unwritten.add(Json.write(row));
    }

    /** Writes what was recorded since the last call (blocking; call it on a worker). */
    public synchronized void flush() {
        if (clickHouse == null) {
            return;
        }
        List<String> rows = new ArrayList<>();
        for (String r = unwritten.poll(); r != null; r = unwritten.poll()) {
            rows.add(r);
        }
        if (rows.isEmpty()) {
            return;
        }
        try {
            clickHouse.insertBlocking("audit_log", rows);
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("{} audit entries cannot be written yet ({}); trying again every second", rows.size(), e.getMessage());
            }
            failing = true;
            unwritten.addAll(rows);
        }
    }
}
