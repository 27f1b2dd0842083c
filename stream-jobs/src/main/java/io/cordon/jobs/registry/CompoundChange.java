package io.cordon.jobs.registry;

/**
 * A household joining ({@code +1}) or leaving ({@code -1}) a compound; a join carries the household row's directory
 * fields (name, place hierarchy, responsible unit) and the offset of that row.
 */
public class CompoundChange {
    public String compoundId;
    public int delta;
    public long offset;
    public String name;
    public String district;
    public String street;
    public String community;
    public String responsibleUnit;

    public CompoundChange() {
    }
}
