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

    public CompoundDelta() {
    }

    /** {@code after - before}: what changed; null when nothing did. */
    public static CompoundDelta between(CompoundDelta before, CompoundDelta after) {
        CompoundDelta d = new CompoundDelta();
        d.compoundId = after.compoundId;
        d.round = after.round;
        d.visited = after.visited - before.visited;
        d.resolved = after.resolved - before.resolved;
        d.pending = after.pending - before.pending;
        d.overdue = after.overdue - before.overdue;
        d.homeQuarantine = after.homeQuarantine - before.homeQuarantine;
        d.centralQuarantine = after.centralQuarantine - before.centralQuarantine;
        boolean none = d.visited == 0 && d.resolved == 0 && d.pending == 0 && d.overdue == 0
                && d.homeQuarantine == 0 && d.centralQuarantine == 0;
        return none ? null : d;
    }

    public String compoundRoundKey() {
        return compoundId + "|" + round;
    }
}
