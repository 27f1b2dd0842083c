package io.cordon.schemas;

import java.time.Instant;
import java.util.List;

/**
 * One vehicle or pedestrian group registered at a checkpoint, as ingest writes it to the event log:
 * validated, enriched with the checkpoint's province and with personal data replaced by keyed hashes. An arrival as
 * posted has no {@code change}, {@code reason}, {@code district} or {@code confinedTo} (all null).
 */
public record CheckpointArrival(
        String eventId,
        String checkpointId,
        String checkpointProvince,
        Instant occurredAt,
        String direction,
        Vehicle vehicle,
        List<Person> persons,
        String decision,
        String note,
        Instant receivedAt,
        String change,
        String reason,
        String district,
        String confinedTo)
        implements CorrectableEvent<CheckpointArrival> {

    public static final String TURNED_BACK = "turned_back";
    /** {@link #change} of a record that replaces an event's content (PUT, API.md "Corrections and voids"). */
    public static final String CORRECTION = "correction";
    /** {@link #change} of a record that voids an event: it counts nowhere any more (DELETE). */
    public static final String VOID = "void";

    @Override
    public boolean countable() {
        return checkpointId != null && CorrectableEvent.known(occurredAt);
    }

    /** The void of an event, of this checkpoint only if named ({@link EventChanges#voiding}). */
    public static CheckpointArrival voiding(
            String eventId, String checkpointId, String reason, Instant receivedAt, String confinedTo) {
        return EventChanges.voiding(
                CheckpointArrival.class, "checkpoint_id", eventId, checkpointId, reason, receivedAt, confinedTo);
    }

    public static final String REFERRED = "referred";

    public CheckpointArrival {
        persons = persons == null ? List.of() : List.copyOf(persons);
    }

    /** A vehicle; its plate is kept only as a keyed hash. */
    public record Vehicle(String plateHash, String kind) {}

    /** A person on an arrival; temperature is null when it was not measured. */
    public record Person(Double temperatureC, String originProvince, String idHash) {}
}
