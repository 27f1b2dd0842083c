package io.cordon.jobs.screening;

import io.cordon.jobs.clickhouse.TableRow;
import io.cordon.jobs.common.FlatPojo;
import io.cordon.schemas.HouseholdVisit;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One household in one round (PRODUCT.md, "Household visits"): resolved once any visit reached it, by phone or in
 * person, or found it vacant; pending revisit while only nobody-home or refused; quarantine counts from its latest
 * reached visit only; overdue when pending and its latest attempt is at or before now − the revisit window.
 * A late visit is placed by its own time, so it can change the latest outcome or the quarantine counts. The
 * household's counted visits are kept beside it ({@link Visits}), so that a visit corrected or voided is taken back and
 * every figure is recomputed from the visits that remain: the household can go back to pending, another visit can
 * become its latest. The state itself is a fixed-size summary, whatever the number of visits.
 */
public class HouseholdRoundState extends FlatPojo<HouseholdRoundState> implements TableRow {
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
    /** When it was resolved: its first resolving visit (Long.MAX_VALUE while it is not). */
    public long resolvedAtMillis = Long.MAX_VALUE;

    public int homeQuarantine;
    public int centralQuarantine;
    public boolean overdue;
    /** How many visits were added or taken back: with {@link #overdue}, the row's version. */
    public int changes;
    /** The event id of the latest attempt (ties in time go to the larger id, so the order of arrival never matters). */
    public String lastEventId;
    /** The event id of the latest visit that reached persons (its quarantine counts are the household's). */
    public String reachedEventId;
    /**
     * The counted visits as the first releases kept them, in the state itself (parallel arrays, copied and serialised
     * whole on every visit: a device posting thousands of visits to one household stalled the job). Empty in new state;
     * a state restored with them moves them into {@link Visits} at its next change.
     */
    public String[] eventIds = new String[0];

    public long[] visitedAt = new long[0];
    public String[] outcomes = new String[0];
    public String[] teamIds = new String[0];
    public int[] homeCounts = new int[0];
    public int[] centralCounts = new int[0];

    /** One counted visit of the household in the round, as kept beside the state, by its event id. */
    public static class Visit {
        public long visitedAtMillis;
        public String outcome;
        public String teamId;
        public int homeQuarantine;
        public int centralQuarantine;

        public Visit() {}

        static Visit of(VisitRecord v) {
            Visit x = new Visit();
            x.visitedAtMillis = v.visitedAtMillis;
            x.outcome = v.outcome;
            x.teamId = v.teamId;
            x.homeQuarantine = v.homeQuarantine;
            x.centralQuarantine = v.centralQuarantine;
            return x;
        }
    }

    /**
     * Where a household's counted visits are kept, one entry per event id: Flink map state in the job (a visit added is
     * one entry written, never the whole list), a map in tests.
     */
    public interface Visits {
        Visit get(String eventId) throws Exception;

        void put(String eventId, Visit visit) throws Exception;

        void remove(String eventId) throws Exception;

        Iterable<Map.Entry<String, Visit>> all() throws Exception;

        /** Visits kept in a map (tests, and a state outside Flink). */
        static Visits inMemory() {
            Map<String, Visit> map = new HashMap<>();
            return new Visits() {
                public Visit get(String eventId) {
                    return map.get(eventId);
                }

                public void put(String eventId, Visit visit) {
                    map.put(eventId, visit);
                }

                public void remove(String eventId) {
                    map.remove(eventId);
                }

                public Iterable<Map.Entry<String, Visit>> all() {
                    return map.entrySet();
                }
            };
        }
    }

    public HouseholdRoundState() {}

    public static HouseholdRoundState first(VisitRecord v) {
        HouseholdRoundState s = new HouseholdRoundState();
        s.householdId = v.householdId;
        s.compoundId = v.compoundId;
        s.round = v.round;
        return s;
    }

    /**
     * Counts a visit (sign +1) or takes a counted one back (sign -1, after a correction or void). A visit added updates
     * the figures in constant time; a visit taken back (rare) recomputes them from the visits that remain.
     */
    public void apply(VisitRecord v, Visits kept) throws Exception {
        moveLegacyVisits(kept);
        boolean had = kept.get(v.eventId) != null;
        if (v.sign < 0) {
            if (had) {
                kept.remove(v.eventId);
                recompute(kept);
            }
        } else {
            Visit visit = Visit.of(v);
            kept.put(v.eventId, visit);
            if (had) {
                recompute(kept);
            } else {
                include(v.eventId, visit);
            }
        }
        changes++;
        overdue = false;
    }

    private void moveLegacyVisits(Visits kept) throws Exception {
        if (eventIds.length == 0) {
            return;
        }
        for (int i = 0; i < eventIds.length; i++) {
            Visit x = new Visit();
            x.visitedAtMillis = visitedAt[i];
            x.outcome = outcomes[i];
            x.teamId = teamIds[i];
            x.homeQuarantine = homeCounts[i];
            x.centralQuarantine = centralCounts[i];
            kept.put(eventIds[i], x);
        }
        eventIds = new String[0];
        visitedAt = new long[0];
        outcomes = new String[0];
        teamIds = new String[0];
        homeCounts = new int[0];
        centralCounts = new int[0];
        recompute(kept);
    }

    /**
     * The figures from the counted visits, whatever order they came in: the latest attempt is the one with the
     * latest time (ties: the larger event id, so that the order of arrival never matters), quarantine counts are
     * those of the latest reaching visit.
     */
    private void recompute(Visits kept) throws Exception {
        visits = 0;
        resolved = false;
        firstVisitedAtMillis = Long.MAX_VALUE;
        lastVisitedAtMillis = Long.MIN_VALUE;
        latestReachedAtMillis = Long.MIN_VALUE;
        resolvedAtMillis = Long.MAX_VALUE;
        lastOutcome = null;
        lastTeamId = null;
        lastEventId = null;
        reachedEventId = null;
        homeQuarantine = 0;
        centralQuarantine = 0;
        for (Map.Entry<String, Visit> e : kept.all()) {
            include(e.getKey(), e.getValue());
        }
    }

    /** Adds one visit to the figures. */
    private void include(String eventId, Visit v) {
        visits++;
        firstVisitedAtMillis = Math.min(firstVisitedAtMillis, v.visitedAtMillis);
        if (lastEventId == null || later(v.visitedAtMillis, eventId, lastVisitedAtMillis, lastEventId)) {
            lastEventId = eventId;
            lastVisitedAtMillis = v.visitedAtMillis;
            lastOutcome = v.outcome;
            lastTeamId = v.teamId;
        }
        if (HouseholdVisit.resolves(v.outcome)) {
            resolved = true;
            resolvedAtMillis = Math.min(resolvedAtMillis, v.visitedAtMillis);
        }
        if (HouseholdVisit.reachesPersons(v.outcome)
                && (reachedEventId == null
                        || later(v.visitedAtMillis, eventId, latestReachedAtMillis, reachedEventId))) {
            reachedEventId = eventId;
            latestReachedAtMillis = v.visitedAtMillis;
            homeQuarantine = v.homeQuarantine;
            centralQuarantine = v.centralQuarantine;
        }
    }

    private static boolean later(long at, String id, long thanAt, String thanId) {
        return at > thanAt || (at == thanAt && id.compareTo(thanId) > 0);
    }

    public boolean pending() {
        return visits > 0 && !resolved;
    }

    /** The instant from which this household is overdue, or Long.MAX_VALUE when it cannot be. */
    public long overdueFromMillis(long windowMillis) {
        return pending() ? lastVisitedAtMillis + windowMillis : Long.MAX_VALUE;
    }

    /** Only grows: a visit added or taken back adds two, becoming overdue adds one (and a change clears it). */
    public long version() {
        return changes * 2L + (overdue ? 1 : 0);
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
        d.resolvedAtMillis = resolvedAtMillis;
        return d;
    }

    public String key() {
        return householdId + "|" + round;
    }

    /** The row of table {@code household_round_state}. */
    @Override
    public Map<String, Object> toRow() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("household_id", householdId);
        m.put("compound_id", compoundId);
        m.put("round", round);
        m.put("visits", visits);
        m.put("resolved", resolved ? 1 : 0);
        // a household whose every visit was taken back keeps a row with no visits (and 1970 times): "never visited"
        m.put(
                "first_visited_at",
                VisitRecord.CH_TIME.format(Instant.ofEpochMilli(visits == 0 ? 0 : firstVisitedAtMillis)));
        m.put(
                "last_visited_at",
                VisitRecord.CH_TIME.format(Instant.ofEpochMilli(visits == 0 ? 0 : lastVisitedAtMillis)));
        m.put("last_outcome", lastOutcome == null ? "" : lastOutcome);
        m.put("last_team_id", lastTeamId == null ? "" : lastTeamId);
        m.put(
                "last_attempt_at",
                VisitRecord.CH_TIME.format(Instant.ofEpochMilli(visits == 0 ? 0 : lastVisitedAtMillis)));
        m.put("home_quarantine", homeQuarantine);
        m.put("central_quarantine", centralQuarantine);
        m.put("overdue", overdue ? 1 : 0);
        m.put("version", version());
        return m;
    }
}
