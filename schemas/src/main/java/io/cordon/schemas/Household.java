package io.cordon.schemas;

import java.util.List;

/** A household of the registry, with the place hierarchy kept for drill-down. */
public record Household(
        String householdId,
        String district,
        String street,
        String community,
        String compoundId,
        String compoundName,
        String building,
        String unit,
        String room,
        String responsibleUnit,
        String gridId,
        String activeFrom,
        String activeUntil)
        implements Lifetime {

    public static final List<String> FIELDS = List.of(
            "household_id",
            "district",
            "street",
            "community",
            "compound_id",
            "compound_name",
            "building",
            "unit",
            "room",
            "responsible_unit",
            "grid_id",
            "active_from",
            "active_until");
}
