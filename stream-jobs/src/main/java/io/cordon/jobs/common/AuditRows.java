package io.cordon.jobs.common;

import io.cordon.jobs.JobsConfig;
import io.cordon.jobs.clickhouse.ClickHouseSink;
import io.cordon.schemas.CheckpointCount;
import io.cordon.schemas.Json;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import io.cordon.schemas.clickhouse.Tables;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Rows the jobs add to the audit log ({@code audit_log}, schemas' 013): changes they refused. */
public final class AuditRows {

    private static final DateTimeFormatter CH_TIME = ClickHouseSql.DATE_TIME;

    private AuditRows() {}

    /** Where the rows go: the audit log table, each written once per change refused (by target, action and time). */
    public static ClickHouseSink<Map<String, Object>> sink(JobsConfig config) {
        return new ClickHouseSink<>(
                config.clickhouseUrl(),
                config.clickhouseDatabase(),
                Tables.AUDIT_LOG,
                r -> r.get("target") + "|" + r.get("action") + "|" + r.get("at"),
                r -> r,
                Duration.ofMillis(200));
    }

    /**
     * A row of {@code counted_events}: {@code content} counted ({@code sign} 1) or taken back (-1) by {@code record}
     * (a post, a correction or a void), at the time that record was received. A frozen report's changes name these.
     */
    public static Map<String, Object> counted(VersionedEvent<?> content, VersionedEvent<?> record, int sign) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event_id", content.eventKey());
        m.put("figure", content.figure());
        m.put("occurred_at", CH_TIME.format(Instant.ofEpochMilli(Math.max(0, content.occurredAtMillis()))));
        m.put("received_at", CH_TIME.format(Instant.ofEpochMilli(Math.max(0, record.receivedAtMillis()))));
        m.put("received_ms", Math.max(0, record.receivedAtMillis()));
        m.put("change", record.change() == null ? "" : record.change());
        m.put("sign", sign);
        long[] counts = content.figureCounts();
        // by key, never by position: a reordered enum must not misread a stored row
        m.put("counts", counts == null ? "" : CheckpointCount.byKey(counts));
        return m;
    }

    /**
     * Whether counting (or taking back) {@code content} by {@code record} can ever be one of a frozen report's changes,
     * which are what was received after the report froze of what happened before its cutoff. A report freezes at or
     * after its cutoff, and cutoffs are whole minutes (HH:MM in the operation's zone), so that needs a whole minute after
     * the content's second and before the record was received. An arrival received within the minute it happened
     * (nearly every live one) never can: only those rows are left out of {@code counted_events}, which then holds the
     * late, corrected and voided events, not one row for every event.
     */
    public static boolean mayChangeAFrozenReport(VersionedEvent<?> content, VersionedEvent<?> record) {
        long occurredSecond = Math.floorDiv(Math.max(0, content.occurredAtMillis()), 1000);
        long firstCutoffAfterMillis = (Math.floorDiv(occurredSecond, 60) + 1) * 60_000;
        return firstCutoffAfterMillis < record.receivedAtMillis();
    }

    /** Where counted rows go; a row written twice (at-least-once) is the same row, and readers take distinct rows. */
    public static ClickHouseSink<Map<String, Object>> countedSink(JobsConfig config) {
        return new ClickHouseSink<>(
                config.clickhouseUrl(),
                config.clickhouseDatabase(),
                Tables.COUNTED_EVENTS,
                r -> r.get("event_id") + "|" + r.get("figure") + "|" + r.get("sign") + "|" + r.get("received_at"),
                r -> r,
                Duration.ofMillis(500));
    }

    /**
     * A scoped admin's correction or void of content outside its scope, refused ({@code change}, of the admin's district)
     * or taken back when the event's own post came ({@code counted}: the other area's content). The row is filed under
     * the admin's district and names the other content's figure, so that both districts' admins read it.
     */
    public static Map<String, Object> outsideScope(VersionedEvent<?> change, VersionedEvent<?> counted) {
        Map<String, Object> m = new LinkedHashMap<>();
        String scope = change.confinedTo();
        m.put(
                "at",
                CH_TIME.format(Instant.ofEpochMilli(Math.max(change.receivedAtMillis(), counted.receivedAtMillis()))));
        m.put("action", EventVersions.VOID.equals(change.change()) ? "void_refused" : "correction_refused");
        m.put("actor", "stream-jobs");
        m.put("district", scope != null && scope.startsWith("district:") ? scope.substring("district:".length()) : "");
        m.put("target", change.eventKey());
        m.put("reason", change.reason() == null ? "" : change.reason());
        m.put(
                "detail",
                Json.write(Map.of(
                        "why",
                        "the event is of " + counted.figure() + ", outside the scope of the admin who" + " changed it ("
                                + scope + "): a scoped admin changes only its own area's events",
                        "figure",
                        counted.figure(),
                        "scope",
                        scope == null ? "all" : scope)));
        return m;
    }

    /**
     * A post of an id already counted as another district's event: not counted (an id is one event), filed under the
     * poster's district and naming the counted event's figure, so that both districts' admins read it.
     */
    public static Map<String, Object> idTaken(VersionedEvent<?> post, VersionedEvent<?> counted) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", CH_TIME.format(Instant.ofEpochMilli(post.receivedAtMillis())));
        m.put("action", "post_refused");
        m.put("actor", "stream-jobs");
        m.put("district", post.district());
        m.put("target", post.eventKey());
        m.put("reason", "");
        m.put(
                "detail",
                Json.write(Map.of(
                        "why",
                        "the id is already an event of " + counted.figure() + " (" + counted.district()
                                + "); this post of " + post.figure() + " (" + post.district()
                                + ") was not counted: an event id is one event",
                        "figure",
                        counted.figure())));
        return m;
    }

    /** A correction or void of content that happened more than the window before the change was received. */
    public static Map<String, Object> refused(VersionedEvent<?> change, VersionedEvent<?> counted, long windowMillis) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", CH_TIME.format(Instant.ofEpochMilli(change.receivedAtMillis())));
        m.put("action", EventVersions.VOID.equals(change.change()) ? "void_refused" : "correction_refused");
        m.put("actor", "stream-jobs");
        m.put("district", "");
        m.put("target", change.eventKey());
        m.put("reason", change.reason() == null ? "" : change.reason());
        // the figure (checkpoints/<id> or compounds/<id>) is how the dashboard shows the row to that district's admin
        m.put(
                "detail",
                Json.write(Map.of(
                        "why",
                        "the event happened at " + Instant.ofEpochMilli(counted.occurredAtMillis())
                                + ", more than the correction window (" + Duration.ofMillis(windowMillis) + ") before",
                        "figure",
                        counted.figure())));
        return m;
    }
}
