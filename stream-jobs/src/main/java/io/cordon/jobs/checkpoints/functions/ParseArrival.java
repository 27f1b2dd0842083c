package io.cordon.jobs.checkpoints.functions;

import io.cordon.jobs.checkpoints.ArrivalTally;
import io.cordon.schemas.CheckpointArrival;
import io.cordon.schemas.Json;
import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Reads an event-log record into the tally of what it adds. A record that cannot be read goes to the
 * dead-letter side output and is counted; it never stops the job.
 */
public class ParseArrival extends ProcessFunction<String, ArrivalTally> {

    public static final OutputTag<String> DEAD_LETTERS = new OutputTag<>("arrival-dead-letters") {};

    private final double feverThresholdC;
    private final ZoneId zone;
    private transient Counter deadLetters;

    public ParseArrival(double feverThresholdC, ZoneId zone) {
        this.feverThresholdC = feverThresholdC;
        this.zone = zone;
    }

    @Override
    public void open(OpenContext openContext) {
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
    }

    @Override
    public void processElement(String value, Context ctx, Collector<ArrivalTally> out) {
        try {
            CheckpointArrival arrival = Json.read(value, CheckpointArrival.class);
            boolean isVoid = io.cordon.schemas.CheckpointArrival.VOID.equals(arrival.change());
            if (arrival.eventId() == null
                    || !isVoid
                            && (arrival.checkpointId() == null
                                    || arrival.occurredAt() == null
                                    || arrival.occurredAt().isBefore(java.time.Instant.EPOCH))) {
                throw new IllegalArgumentException("event_id, checkpoint_id and occurred_at are required");
            }
            out.collect(ArrivalTally.of(arrival, feverThresholdC, zone));
        } catch (RuntimeException e) {
            if (deadLetters != null) {
                deadLetters.inc();
            }
            ctx.output(DEAD_LETTERS, value);
        }
    }
}
