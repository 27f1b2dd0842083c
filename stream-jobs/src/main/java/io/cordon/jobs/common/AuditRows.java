package io.cordon.jobs.common;

import io.cordon.jobs.JobsConfig;
import io.cordon.jobs.clickhouse.ClickHouseSink;
import io.cordon.jobs.kafka.EventLogConnectors;
import io.cordon.schemas.CheckpointCount;
import io.cordon.schemas.Json;
import io.cordon.schemas.Topics;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import io.cordon.schemas.clickhouse.Tables;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Rows the jobs add to the audit log ({@code audit_log}, schemas' 013): changes they refused. */
public final class AuditRows {

    private static final DateTimeFormatter CH_TIME = ClickHouseSql.DATE_TIME;

    private AuditRows() {}

    /**
     * Sinks what every counting job keeps beside its figures: the records it could not read (to the dead letters'
     * topic), the changes it refused (the audit log) and the events it counted ({@code counted_events}). {@code event}
     * names one of the job's events and {@code events} several (as in "visit", "visits"): the operators' names and
     * uids, which a savepoint's state is matched by, are those the jobs always had.
     */
    public static void sinkBookkeeping(
            JobsConfig config,
            DataStream<String> deadLetters,
            DataStream<AuditRow> refusedChanges,
            DataStream<CountedEvent> countedEvents,
            String event,
            String events) {
        String uid = event.replace(' ', '-');
        deadLetters
                .sinkTo(EventLogConnectors.write(config, Topics.DEAD_LETTERS))
                .name("kafka " + event + " dead letters")
                .uid("sink-" + uid + "-dead-letters");
        refusedChanges
                .sinkTo(sink(config))
                .name("clickhouse audit_log (" + events + ")")
                .uid("sink-" + uid + "-refusals");
        countedEvents
                .sinkTo(countedSink(config))
                .name("clickhouse counted_events (" + events + ")")
                .uid("sink-" + uid + "-counted");
    }

    /** Where the rows go: the audit log table, each written once per change refused (by target, action and time). */
    public static ClickHouseSink<AuditRow> sink(JobsConfig config) {
        return ClickHouseSink.of(
                config.clickHouse(),
                Tables.AUDIT_LOG,
                r -> r.target() + "|" + r.action() + "|" + r.at(),
                Duration.ofMillis(200));
    }

    /**
     * A row of {@code counted_events}: {@code content} counted ({@code sign} 1) or taken back (-1) by {@code record}
     * (a post, a correction or a void), at the time that record was received. A frozen report's changes name these.
     */
    public static CountedEvent counted(VersionedEvent<?> content, VersionedEvent<?> record, int sign) {
        long[] counts = content.figureCounts();
        return new CountedEvent(
                content.eventKey(),
                content.figure(),
                CH_TIME.format(Instant.ofEpochMilli(Math.max(0, content.occurredAtMillis()))),
                CH_TIME.format(Instant.ofEpochMilli(Math.max(0, record.receivedAtMillis()))),
                Math.max(0, record.receivedAtMillis()),
                record.change() == null ? "" : record.change(),
                sign,
                // by key, never by position: a reordered enum must not misread a stored row
                counts == null ? "" : CheckpointCount.byKey(counts));
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
    public static ClickHouseSink<CountedEvent> countedSink(JobsConfig config) {
        return ClickHouseSink.of(
                config.clickHouse(),
                Tables.COUNTED_EVENTS,
                r -> r.eventId() + "|" + r.figure() + "|" + r.sign() + "|" + r.receivedAt(),
                Duration.ofMillis(500));
    }

    /** The district a scope ({@code district:D}, {@code street:D/S}, {@code community:D/S/C}) lies in; "" otherwise. */
    static String districtOf(String scope) {
        if (scope == null) {
            return "";
        }
        for (String kind : new String[] {"district:", "street:", "community:"}) {
            if (scope.startsWith(kind)) {
                String names = scope.substring(kind.length());
                int slash = names.indexOf('/');
                return slash < 0 ? names : names.substring(0, slash);
            }
        }
        return "";
    }

    /**
     * A scoped admin's correction or void of content outside its scope, refused ({@code change}, of the admin's district)
     * or taken back when the event's own post came ({@code counted}: the other area's content). The row is filed under
     * the admin's district and names the other content's figure, so that both districts' admins read it.
     */
    public static AuditRow outsideScope(VersionedEvent<?> change, VersionedEvent<?> counted) {
        String scope = change.confinedTo();
        String detail = Json.write(Map.of(
                "why",
                "the event is of " + counted.figure() + ", outside the scope of the admin who changed it (" + scope
                        + "): a scoped admin changes only its own area's events",
                "figure",
                counted.figure(),
                "scope",
                scope == null ? "all" : scope));
        return new AuditRow(
                CH_TIME.format(Instant.ofEpochMilli(Math.max(change.receivedAtMillis(), counted.receivedAtMillis()))),
                refusal(change),
                ACTOR,
                districtOf(scope),
                change.eventKey(),
                change.reason() == null ? "" : change.reason(),
                detail);
    }

    /**
     * A post of an id already counted as another district's event: not counted (an id is one event), filed under the
     * poster's district and naming the counted event's figure, so that both districts' admins read it.
     */
    public static AuditRow idTaken(VersionedEvent<?> post, VersionedEvent<?> counted) {
        String detail = Json.write(Map.of(
                "why",
                "the id is already an event of " + counted.figure() + " (" + counted.district() + "); this post of "
                        + post.figure() + " (" + post.district() + ") was not counted: an event id is one event",
                "figure",
                counted.figure()));
        return new AuditRow(
                CH_TIME.format(Instant.ofEpochMilli(post.receivedAtMillis())),
                "post_refused",
                ACTOR,
                post.district(),
                post.eventKey(),
                "",
                detail);
    }

    /** A correction or void of content that happened more than the window before the change was received. */
    public static AuditRow refused(VersionedEvent<?> change, VersionedEvent<?> counted, long windowMillis) {
        // the figure (checkpoints/<id> or compounds/<id>) is how the dashboard shows the row to that district's admin
        String detail = Json.write(Map.of(
                "why",
                "the event happened at " + Instant.ofEpochMilli(counted.occurredAtMillis())
                        + ", more than the correction window (" + Duration.ofMillis(windowMillis) + ") before",
                "figure",
                counted.figure()));
        return new AuditRow(
                CH_TIME.format(Instant.ofEpochMilli(change.receivedAtMillis())),
                refusal(change),
                ACTOR,
                "",
                change.eventKey(),
                change.reason() == null ? "" : change.reason(),
                detail);
    }

    private static final String ACTOR = "stream-jobs";

    private static String refusal(VersionedEvent<?> change) {
        return EventVersions.VOID.equals(change.change()) ? "void_refused" : "correction_refused";
    }
}
