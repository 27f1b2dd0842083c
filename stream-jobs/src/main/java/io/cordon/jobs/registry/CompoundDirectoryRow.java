package io.cordon.jobs.registry;

import io.cordon.jobs.clickhouse.TableRow;
import io.cordon.jobs.common.FlatPojo;
import java.util.Map;

/**
 * A row of table {@code compounds}: its directory fields and households, versioned by the changes applied to it. The
 * households active on a date D are {@code households} plus those of the bounded lifetimes active on D (API.md,
 * "Registry lifecycle"), which the dashboard counts in SQL for the date it shows: no clock in the job.
 */
public class CompoundDirectoryRow extends FlatPojo<CompoundDirectoryRow> implements TableRow {
    public String compoundId;

    @Column("compound_name")
    public String name = "";

    public String district = "";
    public String street = "";
    public String community = "";
    public String responsibleUnit = "";
    /** The log offset the directory fields were taken from (the newest household row of the compound). */
    @Column(Column.NONE)
    public long fieldsOffset = -1;
    /** Households of the compound with no lifetime (active every day). */
    public long households;
    /** The lifetimes of the others, one entry per household in household-id order ("" for an open bound). */
    public String[] boundedIds = new String[0];

    public String[] boundedFrom = new String[0];
    public String[] boundedUntil = new String[0];
    public long version;

    public CompoundDirectoryRow() {}

    public String key() {
        return compoundId;
    }

    /** The row of table {@code compounds}, its households never below 0. */
    @Override
    public Map<String, Object> toRow() {
        Map<String, Object> m = TableRow.super.toRow();
        m.put("households", Math.max(0, households));
        return m;
    }
}
