package io.cordon.jobs.checkpoints.functions;

import io.cordon.jobs.checkpoints.ArrivalTally;
import io.cordon.jobs.common.ParseEvent;
import io.cordon.schemas.CheckpointArrival;
import io.cordon.schemas.Json;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.flink.util.OutputTag;

/**
 * Reads an event-log record into the tally of what it adds. A record that cannot be read goes to the
 * dead-letter side output and is counted; it never stops the job.
 */
public class ParseArrival extends ParseEvent<ArrivalTally> {

    public static final OutputTag<String> DEAD_LETTERS = new OutputTag<>("arrival-dead-letters") {};

    private final double feverThresholdC;
    private final ZoneId zone;

    public ParseArrival(double feverThresholdC, ZoneId zone) {
        super(DEAD_LETTERS);
        this.feverThresholdC = feverThresholdC;
        this.zone = zone;
    }

    @Override
    protected ArrivalTally parse(String value) {
        CheckpointArrival arrival = Json.read(value, CheckpointArrival.class);
        boolean isVoid = CheckpointArrival.VOID.equals(arrival.change());
        if (arrival.eventId() == null
                || !isVoid
                        && (arrival.checkpointId() == null
                                || arrival.occurredAt() == null
                                || arrival.occurredAt().isBefore(Instant.EPOCH))) {
            throw new IllegalArgumentException("event_id, checkpoint_id and occurred_at are required");
        }
        return ArrivalTally.of(arrival, feverThresholdC, zone);
    }
}
