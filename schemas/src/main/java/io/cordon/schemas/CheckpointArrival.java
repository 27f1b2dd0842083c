package io.cordon.schemas;

import java.time.Instant;
import java.util.List;

/**
 * One vehicle or pedestrian group registered at a checkpoint, as ingest writes it to the event log:
 * validated, enriched with the checkpoint's province and with personal data replaced by keyed hashes.
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
        String confinedTo) {

    public static final String TURNED_BACK = "turned_back";
    /** {@link #change} of a record that replaces an event's content (PUT, API.md "Corrections and voids"). */
    public static final String CORRECTION = "correction";
    /** {@link #change} of a record that voids an event: it counts nowhere any more (DELETE). */
    public static final String VOID = "void";

    /** An arrival as posted (no change), its checkpoint's district not stamped. */
    public CheckpointArrival(
            String eventId,
            String checkpointId,
            String checkpointProvince,
            Instant occurredAt,
            String direction,
            Vehicle vehicle,
            List<Person> persons,
            String decision,
            String note,
            Instant receivedAt) {
        this(
                eventId,
                checkpointId,
                checkpointProvince,
                occurredAt,
                direction,
                vehicle,
                persons,
                decision,
                note,
                receivedAt,
                null,
                null,
                null,
                null);
    }

    /**
     * The record that voids an event ({@code checkpointId}: only if the event is of that checkpoint; null: any;
     * {@code confinedTo}: the district of a district admin, whose void takes back only an event of that district).
     */
    public static CheckpointArrival voiding(
            String eventId, String checkpointId, String reason, Instant receivedAt, String confinedTo) {
        return EventChanges.voiding(
                CheckpointArrival.class, "checkpoint_id", eventId, checkpointId, reason, receivedAt, confinedTo);
    }

    /**
     * This arrival as the correction of its event; {@code confinedTo} is the district of a district admin (null for an
     * admin of the whole city): the correction then replaces only content counted in that district.
     */
    public CheckpointArrival asCorrection(String reason, String confinedTo) {
        return EventChanges.correction(this, reason, confinedTo);
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
