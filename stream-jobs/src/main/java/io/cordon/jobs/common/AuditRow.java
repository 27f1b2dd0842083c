package io.cordon.jobs.common;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A row of {@code audit_log} that the jobs write: a change or a post they refused. {@code at} is in ClickHouse's
 * date-time text; {@code detail} is a JSON object naming the figure the refused content is of.
 */
public record AuditRow(
        String at, String action, String actor, String district, String target, String reason, String detail)
        implements Serializable {

    /** The row by the table's columns. */
    public Map<String, Object> toRow() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", at);
        m.put("action", action);
        m.put("actor", actor);
        m.put("district", district);
        m.put("target", target);
        m.put("reason", reason);
        m.put("detail", detail);
        return m;
    }
}
