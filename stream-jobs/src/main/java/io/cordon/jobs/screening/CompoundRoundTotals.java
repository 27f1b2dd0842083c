package io.cordon.jobs.screening;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A compound's screening totals in a round, over the households visited so far; the registry's household count
 * completes them (never visited = households − visited). {@code version} is the sum of its households' versions
 * (see {@link CompoundDelta#between}): it grows with every change and a replay of the log reaches the same value.
 */
public class CompoundRoundTotals {
    public String compoundId;
    public int round;
    public long visited;
    public long resolved;
    public long pendingRevisit;
    public long revisitOverdue;
    public long homeQuarantine;
    public long centralQuarantine;
    public long version;

    public CompoundRoundTotals() {
    }

    public void apply(CompoundDelta d) {
        compoundId = d.compoundId;
        round = d.round;
        visited += d.visited;
        resolved += d.resolved;
        pendingRevisit += d.pending;
        revisitOverdue += d.overdue;
        homeQuarantine += d.homeQuarantine;
        centralQuarantine += d.centralQuarantine;
        version += d.version;
    }

    public CompoundRoundTotals copy() {
        CompoundRoundTotals c = new CompoundRoundTotals();
        c.compoundId = compoundId;
        c.round = round;
        c.visited = visited;
        c.resolved = resolved;
        c.pendingRevisit = pendingRevisit;
        c.revisitOverdue = revisitOverdue;
        c.homeQuarantine = homeQuarantine;
        c.centralQuarantine = centralQuarantine;
        c.version = version;
        return c;
    }

    public String key() {
        return compoundId + "|" + round;
    }

    /** The row of table {@code compound_round_state}. */
    public Map<String, Object> toRow() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("compound_id", compoundId);
        m.put("round", round);
        m.put("visited", visited);
        m.put("resolved", resolved);
        m.put("pending_revisit", pendingRevisit);
        m.put("revisit_overdue", revisitOverdue);
        m.put("home_quarantine", homeQuarantine);
        m.put("central_quarantine", centralQuarantine);
        m.put("version", version);
        return m;
    }
}
