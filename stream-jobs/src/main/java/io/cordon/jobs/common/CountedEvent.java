package io.cordon.jobs.common;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A row of {@code counted_events}: an event's content counted ({@code sign} 1) or taken back (-1) in a figure
 * ({@link io.cordon.schemas.Figure}) by a post, a correction or a void, as received at {@code receivedAt}; its counts by
 * key ({@link io.cordon.schemas.CheckpointCount#byKey}), empty for a visit. A frozen report's changes name these.
 */
public record CountedEvent(
        String eventId,
        String figure,
        String occurredAt,
        String receivedAt,
        long receivedMs,
        String change,
        int sign,
        String counts)
        implements Serializable {

    /** The row by the table's columns. */
    public Map<String, Object> toRow() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event_id", eventId);
        m.put("figure", figure);
        m.put("occurred_at", occurredAt);
        m.put("received_at", receivedAt);
        m.put("received_ms", receivedMs);
        m.put("change", change);
        m.put("sign", sign);
        m.put("counts", counts);
        return m;
    }
}
