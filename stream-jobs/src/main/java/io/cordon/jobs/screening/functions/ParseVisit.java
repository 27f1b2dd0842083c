package io.cordon.jobs.screening.functions;

import io.cordon.jobs.common.EventVersions;
import io.cordon.jobs.common.ParseEvent;
import io.cordon.jobs.screening.VisitRecord;
import io.cordon.schemas.HouseholdVisit;
import io.cordon.schemas.Json;
import java.time.Instant;
import org.apache.flink.util.OutputTag;

/** Reads an event-log record into a visit; one that cannot be read goes to dead letters and is counted. */
public class ParseVisit extends ParseEvent<VisitRecord> {

    public static final OutputTag<String> DEAD_LETTERS = new OutputTag<>("visit-dead-letters") {};

    public ParseVisit() {
        super(DEAD_LETTERS);
    }

    @Override
    protected VisitRecord parse(String value) {
        HouseholdVisit v = Json.read(value, HouseholdVisit.class);
        if (EventVersions.VOID.equals(v.change()) && v.eventId() != null) {
            return VisitRecord.voiding(v);
        }
        if (v.eventId() == null
                || v.householdId() == null
                || v.compoundId() == null
                || v.visitedAt() == null
                || v.visitedAt().isBefore(Instant.EPOCH)
                || v.outcome() == null
                || v.round() < 1
                || v.round() > 99) {
            throw new IllegalArgumentException(
                    "event_id, household_id, compound_id, round, visited_at and outcome are required");
        }
        return VisitRecord.of(v);
    }
}
