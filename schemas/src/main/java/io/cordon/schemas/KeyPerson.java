package io.cordon.schemas;

import java.time.LocalDate;
import java.util.List;

/**
 * A key person of the register (一人一档; API.md, "Key persons"): whom a community answers for, under which measure
 * from when until when, and the cadre responsible. As the registry log carries it, the row also holds the areas of the
 * person's household when the row was uploaded (the person's areas) and the keyed hash of the ID number, never the
 * number.
 */
public record KeyPerson(
        String personId,
        String householdId,
        String category,
        String measure,
        String measureFrom,
        String measureUntil,
        String responsible,
        String idHash,
        String compoundId,
        String district,
        String street,
        String community,
        String responsibleUnit) {

    /** The fields of an upload, in API order. */
    public static final List<String> FIELDS = List.of(
            "person_id",
            "household_id",
            "category",
            "measure",
            "measure_from",
            "measure_until",
            "responsible",
            "id_number");

    public static final List<String> MEASURES = List.of("home_quarantine", "central_quarantine", "health_monitoring");

    public static final List<String> CATEGORIES = List.of(
            "returned_from_hubei",
            "returned_from_high_risk_area",
            "out_of_province",
            "close_contact",
            "fever",
            "other");

    /** Whether the person is under the measure on a local day: {@code measure_from <= day < measure_until}. */
    public boolean underMeasureOn(LocalDate day) {
        return Lifetime.activeOn(measureFrom, measureUntil, day);
    }
}
