package io.cordon.jobs.registry;

/**
 * A household joining ({@code +1}), staying in ({@code 0}) or leaving ({@code -1}) a compound; a join or stay carries
 * the household's lifetime and the household row's directory
 * fields (name, place hierarchy, responsible unit) and the offset of that row.
 */
public class CompoundChange {
    public String compoundId;
    public String householdId;
    /** The household's lifetime ("" for unbounded): only joins and stays carry it. */
    public String activeFrom = "";

    public String activeUntil = "";
    public int delta;
    public long offset;
    public String name;
    public String district;
    public String street;
    public String community;
    public String responsibleUnit;

    public CompoundChange() {}
}
