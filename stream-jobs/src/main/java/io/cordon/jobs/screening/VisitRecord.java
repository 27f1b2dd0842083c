package io.cordon.jobs.screening;

import io.cordon.jobs.common.EventVersions;
import io.cordon.jobs.common.VersionedEvent;
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
public class VisitRecord implements VersionedEvent<VisitRecord> {
    static final DateTimeFormatter CH_TIME = ClickHouseSql.DATE_TIME;

    public String eventId;
    public String householdId;
    public String compoundId;
    public int round;
    public long visitedAtMillis;
    public String outcome;
    public String teamId;
    public int homeQuarantine;
    public int centralQuarantine;
    public long receivedAtMillis;
    /** Null for a posted visit, or "correction" / "void". */
    public String change;

    public String reason;
    /** The district of its household when ingest took it (null in records logged before it was stamped). */
    public String district;
    /** The scope of the district admin who corrected or voided it (null: a post, or an admin of the whole city). */
    public String confinedTo;
    /** +1 counts the visit, -1 takes it back. */
    public int sign = 1;
    /** How many times the event's counted content has changed (0 for its first copy): orders its table rows. */
    public int revision;

    public VisitRecord() {}

    public static VisitRecord of(HouseholdVisit v) {
        VisitRecord r = new VisitRecord();
        r.eventId = v.eventId();
        r.householdId = v.householdId();
        r.compoundId = v.compoundId();
        r.round = v.round();
        r.visitedAtMillis = v.visitedAt().toEpochMilli();
        r.outcome = v.outcome() == null ? null : v.outcome().intern();
        r.teamId = v.teamId();
        r.homeQuarantine = v.homeQuarantine();
        r.centralQuarantine = v.centralQuarantine();
        r.receivedAtMillis =
                v.receivedAt() == null ? r.visitedAtMillis : v.receivedAt().toEpochMilli();
        r.change = v.change();
        r.reason = v.reason();
        r.district = v.district();
        r.confinedTo = v.confinedTo();
        return r;
    }

    /** The record of a void: no content but the household a district admin named (null: any). */
    public static VisitRecord voiding(HouseholdVisit v) {
        VisitRecord r = new VisitRecord();
        r.eventId = v.eventId();
        r.householdId = v.householdId();
        r.receivedAtMillis = v.receivedAt() == null ? 0 : v.receivedAt().toEpochMilli();
        r.change = EventVersions.VOID;
        r.reason = v.reason();
        r.confinedTo = v.confinedTo();
        return r;
    }

    @Override
    public String change() {
        return change;
    }

    @Override
    public String reason() {
        return reason;
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

    @Override
    public void count() {
        sign = 1;
    }

    @Override
    public VisitRecord retraction() {
        VisitRecord r = copy();
        r.sign = -sign;
        return r;
    }

    /** A district admin's void names its household: it voids only a visit of that household. */
    @Override
    public boolean voids(VisitRecord counted) {
        return householdId == null || householdId.equals(counted.householdId);
    }

    public VisitRecord copy() {
        VisitRecord r = new VisitRecord();
        r.eventId = eventId;
        r.householdId = householdId;
        r.compoundId = compoundId;
        r.round = round;
        r.visitedAtMillis = visitedAtMillis;
        r.outcome = outcome;
        r.teamId = teamId;
        r.homeQuarantine = homeQuarantine;
        r.centralQuarantine = centralQuarantine;
        r.receivedAtMillis = receivedAtMillis;
        r.change = change;
        r.reason = reason;
        r.district = district;
        r.confinedTo = confinedTo;
        r.sign = sign;
        r.revision = revision;
        return r;
    }

    @Override
    public String confinedTo() {
        return confinedTo;
    }

    @Override
    public String district() {
        return district;
    }

    @Override
    public boolean within(String scope, VisitRecord change) {
        return district == null || district.isEmpty() || !VersionedEvent.isDistrictScope(scope)
                ? householdId.equals(change.householdId)
                : VersionedEvent.isDistrict(scope, district);
    }

    @Override
    public String eventKey() {
        return eventId;
    }

    @Override
    public long receivedAtMillis() {
        return receivedAtMillis;
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
