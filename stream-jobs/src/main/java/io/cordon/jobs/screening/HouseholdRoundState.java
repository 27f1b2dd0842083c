package io.cordon.jobs.screening;

import io.cordon.schemas.HouseholdVisit;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One household in one round (PRODUCT.md, "Household visits"): resolved once any visit reached it, by phone or in
 * person, or found it vacant; pending revisit while only nobody-home or refused; quarantine counts from its latest
 * reached visit only; overdue when pending and its latest attempt is at or before now − the revisit window.
 * A late visit is placed by its own time, so it can change the latest outcome or the quarantine counts. The state
 * keeps the household's counted visits, so that a visit corrected or voided is taken back and every figure is
 * recomputed from the visits that remain: the household can go back to pending, another visit can become its latest.
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
    /** When it was resolved: its first resolving visit (Long.MAX_VALUE while it is not). */
    public long resolvedAtMillis = Long.MAX_VALUE;
    public int homeQuarantine;
    public int centralQuarantine;
    public boolean overdue;
    /** How many visits were added or taken back: with {@link #overdue}, the row's version. */
    public int changes;
    /** The counted visits of the household in the round (parallel arrays, so Flink serialises them as POJO fields). */
    public String[] eventIds = new String[0];
    public long[] visitedAt = new long[0];
    public String[] outcomes = new String[0];
    public String[] teamIds = new String[0];
    public int[] homeCounts = new int[0];
    public int[] centralCounts = new int[0];

    public HouseholdRoundState() {
    }

    public static HouseholdRoundState first(VisitRecord v) {
        HouseholdRoundState s = new HouseholdRoundState();
        s.householdId = v.householdId;
        s.compoundId = v.compoundId;
        s.round = v.round;
        return s;
    }

    /** Counts a visit (sign +1) or takes a counted one back (sign -1, after a correction or void), then recomputes. */
    public void apply(VisitRecord v) {
        if (v.sign < 0) {
            remove(v.eventId);
        } else {
            remove(v.eventId);
            int n = eventIds.length;
            eventIds = java.util.Arrays.copyOf(eventIds, n + 1);
            visitedAt = java.util.Arrays.copyOf(visitedAt, n + 1);
            outcomes = java.util.Arrays.copyOf(outcomes, n + 1);
            teamIds = java.util.Arrays.copyOf(teamIds, n + 1);
            homeCounts = java.util.Arrays.copyOf(homeCounts, n + 1);
            centralCounts = java.util.Arrays.copyOf(centralCounts, n + 1);
            eventIds[n] = v.eventId;
            visitedAt[n] = v.visitedAtMillis;
            outcomes[n] = v.outcome;
            teamIds[n] = v.teamId;
            homeCounts[n] = v.homeQuarantine;
            centralCounts[n] = v.centralQuarantine;
        }
        changes++;
        overdue = false;
        recompute();
    }

    /** Posted visits only (the first release's path): the same as {@link #apply} of a counted visit. */
    public void add(VisitRecord v) {
        apply(v);
    }

    private void remove(String eventId) {
        int i = java.util.Arrays.asList(eventIds).indexOf(eventId);
        if (i < 0) {
            return;
        }
        eventIds = without(eventIds, i);
        outcomes = without(outcomes, i);
        teamIds = without(teamIds, i);
        long[] at = new long[visitedAt.length - 1];
        int[] home = new int[at.length];
        int[] central = new int[at.length];
        for (int j = 0, k = 0; j < visitedAt.length; j++) {
            if (j != i) {
                at[k] = visitedAt[j];
                home[k] = homeCounts[j];
                central[k] = centralCounts[j];
                k++;
            }
        }
        visitedAt = at;
        homeCounts = home;
        centralCounts = central;
    }

    private static String[] without(String[] a, int i) {
        String[] b = new String[a.length - 1];
        System.arraycopy(a, 0, b, 0, i);
        System.arraycopy(a, i + 1, b, i, a.length - i - 1);
        return b;
    }

    /**
     * The figures from the counted visits, whatever order they came in: the latest attempt is the one with the
     * latest time (ties: the larger event id, so that the order of arrival never matters), quarantine counts are
     * those of the latest reaching visit.
     */
    private void recompute() {
        visits = eventIds.length;
        resolved = false;
        firstVisitedAtMillis = Long.MAX_VALUE;
        lastVisitedAtMillis = Long.MIN_VALUE;
        latestReachedAtMillis = Long.MIN_VALUE;
        resolvedAtMillis = Long.MAX_VALUE;
        lastOutcome = null;
        lastTeamId = null;
        homeQuarantine = 0;
        centralQuarantine = 0;
        int last = -1;
        int reached = -1;
        for (int i = 0; i < visits; i++) {
            firstVisitedAtMillis = Math.min(firstVisitedAtMillis, visitedAt[i]);
            if (last < 0 || later(i, last)) {
                last = i;
            }
            if (HouseholdVisit.resolves(outcomes[i])) {
                resolved = true;
                resolvedAtMillis = Math.min(resolvedAtMillis, visitedAt[i]);
            }
            if (HouseholdVisit.reachesPersons(outcomes[i]) && (reached < 0 || later(i, reached))) {
                reached = i;
            }
        }
        if (last >= 0) {
            lastVisitedAtMillis = visitedAt[last];
            lastOutcome = outcomes[last];
            lastTeamId = teamIds[last];
        }
        if (reached >= 0) {
            latestReachedAtMillis = visitedAt[reached];
            homeQuarantine = homeCounts[reached];
            centralQuarantine = centralCounts[reached];
        }
    }

    private boolean later(int i, int j) {
        return visitedAt[i] > visitedAt[j] || (visitedAt[i] == visitedAt[j] && eventIds[i].compareTo(eventIds[j]) > 0);
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
        s.resolvedAtMillis = resolvedAtMillis;
        s.homeQuarantine = homeQuarantine;
        s.centralQuarantine = centralQuarantine;
        s.overdue = overdue;
        s.changes = changes;
        s.eventIds = eventIds.clone();
        s.visitedAt = visitedAt.clone();
        s.outcomes = outcomes.clone();
        s.teamIds = teamIds.clone();
        s.homeCounts = homeCounts.clone();
        s.centralCounts = centralCounts.clone();
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
        // a household whose every visit was taken back keeps a row with no visits (and 1970 times): "never visited"
        m.put("first_visited_at", VisitRecord.CH_TIME.format(Instant.ofEpochMilli(visits == 0 ? 0 : firstVisitedAtMillis)));
        m.put("last_visited_at", VisitRecord.CH_TIME.format(Instant.ofEpochMilli(visits == 0 ? 0 : lastVisitedAtMillis)));
        m.put("last_outcome", lastOutcome == null ? "" : lastOutcome);
        m.put("last_team_id", lastTeamId == null ? "" : lastTeamId);
        m.put("last_attempt_at", VisitRecord.CH_TIME.format(Instant.ofEpochMilli(visits == 0 ? 0 : lastVisitedAtMillis)));
        m.put("home_quarantine", homeQuarantine);
        m.put("central_quarantine", centralQuarantine);
        m.put("overdue", overdue ? 1 : 0);
        m.put("version", version());
        return m;
    }
}
