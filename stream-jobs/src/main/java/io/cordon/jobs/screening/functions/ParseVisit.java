package io.cordon.jobs.screening.functions;

import io.cordon.jobs.common.EventVersions;
import io.cordon.jobs.screening.VisitRecord;
import io.cordon.schemas.HouseholdVisit;
import io.cordon.schemas.Json;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Reads an event-log record into a visit; one that cannot be read goes to dead letters and is counted. */
public class ParseVisit extends ProcessFunction<String, VisitRecord> {

    public static final OutputTag<String> DEAD_LETTERS = new OutputTag<>("visit-dead-letters") {};

    private transient Counter deadLetters;

    @Override
    public void open(OpenContext openContext) {
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
    }

    @Override
    public void processElement(String value, Context ctx, Collector<VisitRecord> out) {
        try {
            HouseholdVisit v = Json.read(value, HouseholdVisit.class);
            if (EventVersions.VOID.equals(v.change()) && v.eventId() != null) {
                out.collect(VisitRecord.voiding(v));
                return;
            }
            if (v.eventId() == null
                    || v.householdId() == null
                    || v.compoundId() == null
                    || v.visitedAt() == null
                    || v.visitedAt().isBefore(java.time.Instant.EPOCH)
                    || v.outcome() == null
                    || v.round() < 1
                    || v.round() > 99) {
                throw new IllegalArgumentException(
                        "event_id, household_id, compound_id, round, visited_at and outcome are required");
            }
            out.collect(VisitRecord.of(v));
        } catch (RuntimeException e) {
            if (deadLetters != null) {
                deadLetters.inc();
            }
            ctx.output(DEAD_LETTERS, value);
        }
    }
}
