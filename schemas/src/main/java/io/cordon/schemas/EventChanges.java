package io.cordon.schemas;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The records of a {@code PUT} and a {@code DELETE} of any feed's event (API.md, "Corrections and voids"), written once
 * for the three feeds: a correction is the event's record as posted, marked with its change, reason and the scope it is
 * confined to; a void carries no content, only the event, the place a scoped admin named and why.
 */
public final class EventChanges {

    private EventChanges() {}

    /**
     * {@code posted} as the correction of its event; {@code confinedTo} is the scope of a scoped admin (null for an
     * admin of the whole city): the correction then replaces only content counted in that scope.
     */
    @SuppressWarnings("unchecked")
    public static <T extends Record> T correction(T posted, String reason, String confinedTo) {
        ObjectNode record = Json.MAPPER.valueToTree(posted);
        return (T) marked(record, CheckpointArrival.CORRECTION, reason, confinedTo, posted.getClass());
    }

    /**
     * The record that voids an event. {@code placeField} names the feed's place ({@code checkpoint_id},
     * {@code household_id}, {@code person_id}); {@code place} is the place a scoped admin named (the void then takes
     * back only an event of that place) or null (any).
     */
    public static <T extends Record> T voiding(
            Class<T> type,
            String placeField,
            String eventId,
            String place,
            String reason,
            Instant receivedAt,
            String confinedTo) {
        ObjectNode record =
                Json.MAPPER.createObjectNode().put("event_id", eventId).put(placeField, place);
        record.set("received_at", Json.MAPPER.valueToTree(receivedAt));
        return marked(record, CheckpointArrival.VOID, reason, confinedTo, type);
    }

    private static <T> T marked(ObjectNode record, String change, String reason, String confinedTo, Class<T> type) {
        record.put("change", change).put("reason", reason).put("confined_to", confinedTo);
        try {
            return Json.MAPPER.treeToValue(record, type);
        } catch (Exception e) {
            throw new IllegalStateException("cannot mark a " + type.getSimpleName() + " as " + change, e);
        }
    }
}
