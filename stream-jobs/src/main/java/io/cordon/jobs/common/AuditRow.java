package io.cordon.jobs.common;

import io.cordon.jobs.clickhouse.TableRow;
import java.io.Serializable;

/**
 * A row of {@code audit_log} that the jobs write: a change or a post they refused. {@code at} is in ClickHouse's
 * date-time text; {@code detail} is a JSON object naming the figure the refused content is of.
 */
public record AuditRow(
        String at, String action, String actor, String district, String target, String reason, String detail)
        implements Serializable, TableRow {}
