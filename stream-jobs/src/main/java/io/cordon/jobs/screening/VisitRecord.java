package io.cordon.jobs.screening;

import io.cordon.jobs.common.LoggedEvent;
import io.cordon.schemas.HouseholdVisit;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** One visit as the screening job carries it: flat, with interned outcome strings. */
public class VisitRecord implements LoggedEvent {
    static final DateTimeFormatter CH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

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

    public VisitRecord() {
    }

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
        r.receivedAtMillis = v.receivedAt() == null ? r.visitedAtMillis : v.receivedAt().toEpochMilli();
        return r;
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

    /** The row of table {@code household_visits} (first copies only). */
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
        return m;
    }
}
