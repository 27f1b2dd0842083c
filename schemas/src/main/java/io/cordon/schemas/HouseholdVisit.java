package io.cordon.schemas;

import java.time.Instant;

/**
 * One attempt at one household within a screening round, as ingest writes it to the event log: validated, with
 * the household's compound from the registry, and the key persons reduced to the two counts the screening needs.
 */
public record HouseholdVisit(
        String eventId,
        String householdId,
        String compoundId,
        int round,
        Instant visitedAt,
        String teamId,
        String outcome,
        Integer residents,
        int homeQuarantine,
        int centralQuarantine,
        int keyPersons,
        Instant receivedAt,
        String change,
        String reason,
        String district,
        String confinedTo) {

    /** A visit as posted (no change). */
    public HouseholdVisit(
            String eventId,
            String householdId,
            String compoundId,
            int round,
            Instant visitedAt,
            String teamId,
            String outcome,
            Integer residents,
            int homeQuarantine,
            int centralQuarantine,
            int keyPersons,
            Instant receivedAt) {
        this(
                eventId,
                householdId,
                compoundId,
                round,
                visitedAt,
                teamId,
                outcome,
                residents,
                homeQuarantine,
                centralQuarantine,
                keyPersons,
                receivedAt,
                null,
                null,
                null,
                null);
    }

    /**
     * The record that voids a visit ({@code householdId}: only if the visit is of that household; null: any;
     * {@code confinedTo}: the district of a district admin, whose void takes back only a visit of that district).
     */
    public static HouseholdVisit voiding(
            String eventId, String householdId, String reason, Instant receivedAt, String confinedTo) {
        return EventChanges.voiding(
                HouseholdVisit.class, "household_id", eventId, householdId, reason, receivedAt, confinedTo);
    }

    /**
     * This visit as the correction of its event; {@code confinedTo} is the district of a district admin (null for an
     * admin of the whole city): the correction then replaces only a visit counted in that district.
     */
    public HouseholdVisit asCorrection(String reason, String confinedTo) {
        return EventChanges.correction(this, reason, confinedTo);
    }

    /** Outcomes that resolve a household for the round. */
    public static boolean resolves(String outcome) {
        return "reached".equals(outcome) || "phone_reached".equals(outcome) || "vacant".equals(outcome);
    }

    /** Outcomes whose key persons' measures count (PRODUCT.md: reached or phone_reached visits). */
    public static boolean reachesPersons(String outcome) {
        return "reached".equals(outcome) || "phone_reached".equals(outcome);
    }
}
