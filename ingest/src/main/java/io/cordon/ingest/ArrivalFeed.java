package io.cordon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.http.Location;
import io.cordon.schemas.Checkpoint;
import io.cordon.schemas.CheckpointArrival;
import io.cordon.schemas.CheckpointCount;
import io.cordon.schemas.FeverAlert;
import io.cordon.schemas.Json;
import io.cordon.schemas.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checkpoint arrivals: the JSON Schema, then what a schema cannot say (a real instant, not in the future, a
 * registered checkpoint). Accepted items carry the checkpoint's province and hashes in place of ID numbers and
 * plates.
 */
public final class ArrivalFeed extends PlacedFeed<Checkpoint> {

    private final Registry<Checkpoint, Checkpoint> checkpoints;
    private final KeyedHash hash;

    private final double feverThresholdC;

    public ArrivalFeed(Registry<Checkpoint, Checkpoint> checkpoints, KeyedHash hash, double feverThresholdC) {
        super(
                "schemas/checkpoint-arrival.schema.json",
                Topics.CHECKPOINT_ARRIVALS,
                new FeedChecks.Place<>(
                        "occurred_at",
                        "checkpoint_id",
                        checkpoints::get,
                        "checkpoint",
                        "/api/v1/registry/checkpoints",
                        c -> Location.checkpoint(c.checkpointId(), c.district(), c.street())));
        this.checkpoints = checkpoints;
        this.hash = hash;
        this.feverThresholdC = feverThresholdC;
    }

    @Override
    Result accepted(JsonNode item, Instant now, Checkpoint checkpoint, Instant occurredAt) {
        CheckpointArrival arrival = toArrival(item, checkpoint, occurredAt, now);
        String note = text(item, "note");
        // the note may name people: not in the event log, which keeps everything for ever, but beside it for the window
        EventLog.Entry noted = note == null || note.isEmpty()
                ? null
                : new EventLog.Entry(
                        arrival.eventId(),
                        Json.write(Map.of("event_id", arrival.eventId(), "note", note, "received_at", now.toString())));
        return Result.ok(arrival.eventId(), Json.write(arrival), alerts(arrival), noted);
    }

    /**
     * The fever alerts of an arrival, written by ingest to the alert topic right after the arrival itself is durable:
     * a fever reaches the walls without waiting behind the counting (issue "fevers first"). The counting job raises
     * the same alerts (same ids) from the counted arrival; the dashboard delivers each id once.
     */
    private List<EventLog.Entry> alerts(CheckpointArrival a) {
        List<EventLog.Entry> alerts = new ArrayList<>();
        for (int i = 0; i < a.persons().size(); i++) {
            Double t = a.persons().get(i).temperatureC();
            if (CheckpointCount.isFever(t, feverThresholdC)) {
                FeverAlert alert = new FeverAlert(a.eventId(), i, a.checkpointId(), a.occurredAt(), t);
                alerts.add(new EventLog.Entry(alert.key(), Json.write(alert)));
            }
        }
        return alerts;
    }

    private CheckpointArrival toArrival(JsonNode item, Checkpoint checkpoint, Instant occurredAt, Instant now) {
        JsonNode v = item.path("vehicle");
        CheckpointArrival.Vehicle vehicle =
                v.isObject() ? new CheckpointArrival.Vehicle(hash.of(text(v, "plate")), text(v, "kind")) : null;
        List<CheckpointArrival.Person> persons = new ArrayList<>();
        for (JsonNode p : item.get("persons")) {
            JsonNode t = p.path("temperature_c");
            persons.add(new CheckpointArrival.Person(
                    t.isNumber() ? t.asDouble() : null, text(p, "origin_province"), hash.of(text(p, "id_number"))));
        }
        return new CheckpointArrival(
                item.get("event_id").asText(),
                checkpoint.checkpointId(),
                checkpoint.province(),
                occurredAt,
                item.get("direction").asText(),
                vehicle,
                persons,
                item.get("decision").asText(),
                null,
                now,
                null,
                null,
                // the district it counts in: a district admin's correction or void replaces only content of its
                // district
                checkpoint.district(),
                null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode f = node.path(field);
        return f.isTextual() ? f.asText() : null;
    }
}
