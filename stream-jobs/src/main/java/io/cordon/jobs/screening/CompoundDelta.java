package io.cordon.jobs.screening;

/** A change of one household's contribution to its compound's totals in a round (may be negative). */
public class CompoundDelta {
    public String compoundId;
    public int round;
    public int visited;
    public int resolved;
    public int pending;
    public int overdue;
    public int homeQuarantine;
    public int centralQuarantine;
    /**
     * When the household was resolved (its first resolving visit; Long.MAX_VALUE when it is not): in a contribution,
     * now; in a change, after it, with {@link #resolvedAtBeforeMillis} before it. The compound's resolved households
     * per day (the screening progress curve) move from the one day to the other.
     */
    public long resolvedAtMillis = Long.MAX_VALUE;

    public long resolvedAtBeforeMillis = Long.MAX_VALUE;
    /** How much the household's version grew ({@link HouseholdRoundState#version()}): the compound's version is their sum. */
    public long version;

    public CompoundDelta() {}

    /**
     * {@code after - before}, and how much the household's version grew: null when neither the contribution nor the
     * version changed. A change of version alone is still sent, so that a compound's version is the sum of its
     * households' versions, which depends only on the visits and the revisit deadlines passed, never on the order
     * or timing in which they were processed: a job replaying the log from scratch writes the same versions.
     */
    public static CompoundDelta between(CompoundDelta before, CompoundDelta after, long versionGrowth) {
        CompoundDelta d = new CompoundDelta();
        d.compoundId = after.compoundId;
        d.round = after.round;
        d.visited = after.visited - before.visited;
        d.resolved = after.resolved - before.resolved;
        d.pending = after.pending - before.pending;
        d.overdue = after.overdue - before.overdue;
        d.homeQuarantine = after.homeQuarantine - before.homeQuarantine;
        d.centralQuarantine = after.centralQuarantine - before.centralQuarantine;
        d.resolvedAtMillis = after.resolvedAtMillis;
        d.resolvedAtBeforeMillis = before.resolvedAtMillis;
        d.version = versionGrowth;
        boolean none = d.visited == 0
                && d.resolved == 0
                && d.pending == 0
                && d.overdue == 0
                && d.homeQuarantine == 0
                && d.centralQuarantine == 0
                && versionGrowth == 0
                && d.resolvedAtMillis == d.resolvedAtBeforeMillis;
        return none ? null : d;
    }

    public String compoundRoundKey() {
        return compoundId + "|" + round;
    }
}
