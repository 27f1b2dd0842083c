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
        Instant receivedAt) {

    public static final String TURNED_BACK = "turned_back";
    public static final String REFERRED = "referred";

    public CheckpointArrival {
        persons = persons == null ? List.of() : List.copyOf(persons);
    }

    /** A vehicle; its plate is kept only as a keyed hash. */
    public record Vehicle(String plateHash, String kind) {
    }

    /** A person on an arrival; temperature is null when it was not measured. */
    public record Person(Double temperatureC, String originProvince, String idHash) {
    }
}
