package io.cordon.schemas.clickhouse;

import io.cordon.schemas.Json;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit log (API.md, "Audit"): who did what to the record, kept in ClickHouse (table {@code audit_log}), written
 * through an {@link InsertQueue}. Never holds a secret, an ID number or a plate: actors are token labels, targets are ids.
 */
public final class AuditLog {

    private static final DateTimeFormatter CH_TIME = ClickHouseSql.DATE_TIME;

    /** An audit log that keeps nothing (a service's own tests). */
    public static final AuditLog NONE = new AuditLog(null);

    private final InsertQueue queue;

    public AuditLog(ClickHouseHttp clickHouse) {
        this.queue = clickHouse == null ? null : new InsertQueue(clickHouse, Tables.AUDIT_LOG);
    }

    /**
     * Records an action. {@code district} is the district the target belongs to when it belongs to one (a district's
     * admin reads its district's entries), or empty.
     */
    public void record(
            Instant at,
            String action,
            String actor,
            String district,
            String target,
            String reason,
            Map<String, ?> detail) {
        if (queue == null) {
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
        queue.add(Json.write(row));
    }

    /** Writes what was recorded since the last call (blocking; call it on a worker). */
    public void flush() {
        if (queue != null) {
            queue.flush();
        }
    }
}
