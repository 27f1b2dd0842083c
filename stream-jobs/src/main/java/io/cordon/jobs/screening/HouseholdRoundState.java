package io.cordon.jobs.screening;

import io.cordon.schemas.HouseholdVisit;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One household in one round (PRODUCT.md, "Household visits"): resolved once any visit reached it, by phone or in
 * person, or found it vacant; pending revisit while only nobody-home or refused; quarantine counts from its latest
 * reached visit only; overdue when pending and its latest attempt is at or before now − the revisit window.
 * A late visit is placed by its own time, so it can change the latest outcome or the quarantine counts.
 */
public class HouseholdRoundState {
    public String householdId;
    public String compoundId;
    public int round;
    public int visits;
    public boolean resolved;
    public long firstVisitedAtMillis = Long.MAX_VALUE;
    public long lastVisitedAtMillis = Long.MIN_VALUE;
    public String lastOutcome;
    public String lastTeamId;
    public long latestReachedAtMillis = Long.MIN_VALUE;
    public int homeQuarantine;
    public int centralQuarantine;
    public boolean overdue;

    public HouseholdRoundState() {
    }

    public static HouseholdRoundState first(VisitRecord v) {
        HouseholdRoundState s = new HouseholdRoundState();
        s.householdId = v.householdId;
        s.compoundId = v.compoundId;
        s.round = v.round;
        return s;
    }

    public void add(VisitRecord v) {
        visits++;
        firstVisitedAtMillis = Math.min(firstVisitedAtMillis, v.visitedAtMillis);
        if (v.visitedAtMillis >= lastVisitedAtMillis) {
            lastVisitedAtMillis = v.visitedAtMillis;
            lastOutcome = v.outcome;
            lastTeamId = v.teamId;
        }
        if (HouseholdVisit.resolves(v.outcome)) {
            resolved = true;
        }
        if (HouseholdVisit.reachesPersons(v.outcome) && v.visitedAtMillis >= latestReachedAtMillis) {
            latestReachedAtMillis = v.visitedAtMillis;
            homeQuarantine = v.homeQuarantine;
            centralQuarantine = v.centralQuarantine;
        }
        overdue = false;
    }

    public boolean pending() {
        return visits > 0 && !resolved;
    }

    /** The instant from which this household is overdue, or Long.MAX_VALUE when it cannot be. */
    public long overdueFromMillis(long windowMillis) {
        return pending() ? lastVisitedAtMillis + windowMillis : Long.MAX_VALUE;
    }

    /** Only grows: a new visit adds two, becoming overdue adds one (and a new visit clears it). */
    public long version() {
        return visits * 2L + (overdue ? 1 : 0);
    }

    public CompoundDelta contribution() {
        CompoundDelta d = new CompoundDelta();
        d.compoundId = compoundId;
        d.round = round;
        d.visited = visits > 0 ? 1 : 0;
        d.resolved = resolved ? 1 : 0;
        d.pending = pending() ? 1 : 0;
        d.overdue = overdue ? 1 : 0;
        d.homeQuarantine = homeQuarantine;
        d.centralQuarantine = centralQuarantine;
        return d;
    }

    public HouseholdRoundState copy() {
        HouseholdRoundState s = new HouseholdRoundState();
        s.householdId = householdId;
        s.compoundId = compoundId;
        s.round = round;
        s.visits = visits;
        s.resolved = resolved;
        s.firstVisitedAtMillis = firstVisitedAtMillis;
        s.lastVisitedAtMillis = lastVisitedAtMillis;
        s.lastOutcome = lastOutcome;
        s.lastTeamId = lastTeamId;
        s.latestReachedAtMillis = latestReachedAtMillis;
        s.homeQuarantine = homeQuarantine;
        s.centralQuarantine = centralQuarantine;
        s.overdue = overdue;
        return s;
    }

    public String key() {
        return householdId + "|" + round;
    }

    /** The row of table {@code household_round_state}. */
    public Map<String, Object> toRow() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("household_id", householdId);
        m.put("compound_id", compoundId);
        m.put("round", round);
        m.put("visits", visits);
        m.put("resolved", resolved ? 1 : 0);
        m.put("first_visited_at", VisitRecord.CH_TIME.format(Instant.ofEpochMilli(firstVisitedAtMillis)));
        m.put("last_visited_at", VisitRecord.CH_TIME.format(Instant.ofEpochMilli(lastVisitedAtMillis)));
        m.put("last_outcome", lastOutcome);
        m.put("last_team_id", lastTeamId == null ? "" : lastTeamId);
        m.put("last_attempt_at", VisitRecord.CH_TIME.format(Instant.ofEpochMilli(lastVisitedAtMillis)));
        m.put("home_quarantine", homeQuarantine);
        m.put("central_quarantine", centralQuarantine);
        m.put("overdue", overdue ? 1 : 0);
        m.put("version", version());
        return m;
    }
}
