package io.cordon.schemas;

import java.time.Instant;
import java.util.List;

/**
 * One follow-up of one key person (a call, a visit, a WeChat message), as ingest writes it to the event log: validated,
 * with the person's household and areas from the register (so that the jobs can tell whose it is without the register).
 */
public record FollowUp(
        String eventId,
        String personId,
        Instant followedAt,
        String method,
        Boolean reached,
        Double temperatureC,
        List<String> symptoms,
        String teamId,
        Instant receivedAt,
        String householdId,
        String compoundId,
        String district,
        String street,
        String community,
        String responsibleUnit,
        String responsible,
        String change,
        String reason,
        String confinedTo) {

    public static final List<String> METHODS = List.of("phone", "visit", "wechat", "other");

    /** A posted follow-up of a person registered in a household of these areas. */
    public static FollowUp posted(
            String eventId,
            String personId,
            Instant followedAt,
            String method,
            boolean reached,
            Double temperatureC,
            List<String> symptoms,
            String teamId,
            Instant receivedAt,
            String householdId,
            String compoundId,
            String district,
            String street,
            String community,
            String responsibleUnit,
            String responsible) {
        return new FollowUp(
                eventId,
                personId,
                followedAt,
                method,
                reached,
                temperatureC,
                symptoms,
                teamId,
                receivedAt,
                householdId,
                compoundId,
                district,
                street,
                community,
                responsibleUnit,
                responsible,
                null,
                null,
                null);
    }

    /** This follow-up as the correction of its event, confined to a scoped admin's scope (null: the whole city). */
    public FollowUp asCorrection(String why, String confined) {
        return EventChanges.correction(this, why, confined);
    }

    /** The record that voids a follow-up ({@code personId}: only a follow-up of that person; null: any). */
    public static FollowUp voiding(
            String eventId, String personId, String reason, Instant receivedAt, String confinedTo) {
        return EventChanges.voiding(FollowUp.class, "person_id", eventId, personId, reason, receivedAt, confinedTo);
    }
}
