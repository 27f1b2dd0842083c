package io.cordon.schemas;

import java.time.Instant;
import java.util.List;

/**
 * One follow-up of one key person (a call, a visit, a WeChat message), as ingest writes it to the event log: validated,
 * with the person's household and areas from the register (so that the jobs can tell whose it is without the register).
 * A follow-up as posted has no {@code change}, {@code reason} or {@code confinedTo} (all null).
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
        String confinedTo)
        implements CorrectableEvent<FollowUp> {

    public static final List<String> METHODS = List.of("phone", "visit", "wechat", "other");

    @Override
    public boolean countable() {
        return personId != null && CorrectableEvent.known(followedAt) && reached != null;
    }

    /** The void of an event, of this person only if named ({@link EventChanges#voiding}). */
    public static FollowUp voiding(
            String eventId, String personId, String reason, Instant receivedAt, String confinedTo) {
        return EventChanges.voiding(FollowUp.class, "person_id", eventId, personId, reason, receivedAt, confinedTo);
    }
}
