package io.cordon.schemas;

import java.time.Instant;

/**
 * One attempt at one household within a screening round, as ingest writes it to the event log: validated, with
 * the household's compound from the registry, and the key persons reduced to the two counts the screening needs. A
 * visit as posted has no {@code change}, {@code reason}, {@code district} or {@code confinedTo} (all null).
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
        String confinedTo)
        implements CorrectableEvent<HouseholdVisit> {

    @Override
    public boolean countable() {
        return householdId != null
                && compoundId != null
                && CorrectableEvent.known(visitedAt)
                && outcome != null
                && round >= 1
                && round <= 99;
    }

    /** The void of an event, of this household only if named ({@link EventChanges#voiding}). */
    public static HouseholdVisit voiding(
            String eventId, String householdId, String reason, Instant receivedAt, String confinedTo) {
        return EventChanges.voiding(
                HouseholdVisit.class, "household_id", eventId, householdId, reason, receivedAt, confinedTo);
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
