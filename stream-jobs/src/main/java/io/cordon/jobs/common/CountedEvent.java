package io.cordon.jobs.common;

import io.cordon.jobs.clickhouse.TableRow;
import java.io.Serializable;

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
        implements Serializable, TableRow {}
