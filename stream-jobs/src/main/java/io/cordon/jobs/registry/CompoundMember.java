package io.cordon.jobs.registry;

import io.cordon.jobs.clickhouse.TableRow;
import java.util.List;
import java.util.Map;

/**
 * A household's row of table {@code compound_households}, ordered by compound so that one compound's households are read
 * without a pass over the whole registry: the household in its compound, or, after a move, a row saying that it left
 * the compound it was in ({@link #present} false, at the move's version, so that it replaces the older row there).
 */
public class CompoundMember implements TableRow {
    public String compoundId;
    public boolean present;
    public HouseholdEntry household;

    public CompoundMember() {}

    CompoundMember(String compoundId, boolean present, HouseholdEntry household) {
        this.compoundId = compoundId;
        this.present = present;
        this.household = household;
    }

    /** The rows one upload of a household writes: where it is, and where it moved from if it moved. */
    public static List<CompoundMember> of(HouseholdEntry h) {
        CompoundMember in = new CompoundMember(h.compoundId, true, h);
        return h.movedFrom == null ? List.of(in) : List.of(new CompoundMember(h.movedFrom, false, h), in);
    }

    public String key() {
        return compoundId + '\u0000' + household.householdId;
    }

    @Override
    public Map<String, Object> toRow() {
        Map<String, Object> m = household.toRow();
        m.put("compound_id", compoundId);
        m.put("present", present ? 1 : 0);
        return m;
    }
}
