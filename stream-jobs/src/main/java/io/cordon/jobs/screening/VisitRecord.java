package io.cordon.jobs.screening;

import io.cordon.jobs.clickhouse.TableRow;
import io.cordon.jobs.common.EventVersions;
import io.cordon.jobs.common.VersionedRecord;
import io.cordon.schemas.Figure;
import io.cordon.schemas.HouseholdVisit;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One visit as the screening job carries it: flat, with interned outcome strings; signed (+1 counts it, -1 takes it
 * back after a correction or void) and versioned per event for the {@code household_visits} table.
 */
public class VisitRecord extends VersionedRecord<VisitRecord> implements TableRow {
    static final DateTimeFormatter CH_TIME = ClickHouseSql.DATE_TIME;

    public String householdId;
    public String compoundId;
    public int round;
    public long visitedAtMillis;
    public String outcome;
    public String teamId;
    public int homeQuarantine;
    public int centralQuarantine;
    /** How many times the event's counted content has changed (0 for its first copy): orders its table rows. */
    public int revision;

    public VisitRecord() {}

    /** The record of a visit as logged: its content, or of a void ({@link #voiding}). */
    public static VisitRecord of(HouseholdVisit v) {
        if (EventVersions.VOID.equals(v.change())) {
            return voiding(v);
        }
        VisitRecord r = new VisitRecord();
        r.householdId = v.householdId();
        r.compoundId = v.compoundId();
        r.round = v.round();
        r.visitedAtMillis = v.visitedAt().toEpochMilli();
        r.outcome = v.outcome() == null ? null : v.outcome().intern();
        r.teamId = v.teamId();
        r.homeQuarantine = v.homeQuarantine();
        r.centralQuarantine = v.centralQuarantine();
        r.changeOf(v, r.visitedAtMillis);
        return r;
    }

    /** The record of a void: no content but the household a district admin named (null: any). */
    public static VisitRecord voiding(HouseholdVisit v) {
        VisitRecord r = new VisitRecord();
        r.changeOf(v, 0);
        r.change = EventVersions.VOID;
        r.householdId = v.householdId();
        return r;
    }

    @Override
    public long occurredAtMillis() {
        return visitedAtMillis;
    }

    @Override
    public void revise(int revision) {
        this.revision = revision;
    }

    @Override
    public String figure() {
        return Figure.ofCompound(compoundId);
    }

    /** A district admin's void names its household: it voids only a visit of that household. */
    @Override
    protected String place() {
        return householdId;
    }

    public String householdRoundKey() {
        return householdId + "|" + round;
    }

    /** The key of its row in {@code household_visits}: a correction can move a visit to another household or round. */
    public String rowKey() {
        return round + "|" + householdId + "|" + eventId;
    }

    /**
     * The row of table {@code household_visits}: the counted content, or (sign -1) the mark that the content of this
     * row no longer counts. Of one event, a take-back is written at version 2r and what replaces it at 2r + 1, r being
     * the number of changes so far, so that the last change wins in every row and the same log writes the same rows.
     */
    @Override
    public Map<String, Object> toRow() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event_id", eventId);
        m.put("household_id", householdId);
        m.put("compound_id", compoundId);
        m.put("round", round);
        m.put("visited_at", CH_TIME.format(Instant.ofEpochMilli(visitedAtMillis)));
        m.put("team_id", teamId == null ? "" : teamId);
        m.put("outcome", outcome);
        m.put("home_quarantine", homeQuarantine);
        m.put("central_quarantine", centralQuarantine);
        m.put("voided", sign < 0 ? 1 : 0);
        m.put("version", 2L * revision + (sign < 0 ? 0 : 1));
        return m;
    }
}
