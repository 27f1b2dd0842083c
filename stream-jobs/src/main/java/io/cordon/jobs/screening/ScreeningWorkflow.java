package io.cordon.jobs.screening;

import io.cordon.jobs.common.AuditRow;
import io.cordon.jobs.common.ClockWatermarks;
import io.cordon.jobs.common.CountedEvent;
import io.cordon.jobs.common.EventVersions;
import io.cordon.jobs.common.ParseEvent;
import io.cordon.jobs.common.ReceivedAtWatermarks;
import io.cordon.jobs.screening.functions.CompoundTotalsFunction;
import io.cordon.jobs.screening.functions.HouseholdRoundFunction;
import io.cordon.schemas.HouseholdVisit;
import java.time.Duration;
import java.time.ZoneId;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The household screening topology, free of Kafka and ClickHouse: visit records in (with watermarks); the counted
 * version of each visit (signed: corrections and voids take content back), household states and compound totals out,
 * per round.
 */
public final class ScreeningWorkflow {

    /** The outputs of the workflow. */
    public record Outputs(
            DataStream<VisitRecord> visits,
            DataStream<HouseholdRoundState> households,
            DataStream<CompoundRoundTotals> compounds,
            DataStream<String> deadLetters,
            DataStream<AuditRow> refusedChanges,
            DataStream<CountedEvent> countedEvents) {}

    private ScreeningWorkflow() {}

    public static Outputs define(
            DataStream<String> visits, Duration revisitWindow, Duration correctionWindow, ZoneId zone) {
        SingleOutputStreamOperator<VisitRecord> parsed = visits.process(
                        new ParseEvent<>(json -> VisitRecord.of(ParseEvent.read(json, HouseholdVisit.class))))
                .returns(VisitRecord.class)
                .name("parse visits")
                .uid("parse-visits")
                .setParallelism(visits.getParallelism());
        SingleOutputStreamOperator<VisitRecord> firstSeen = parsed.assignTimestampsAndWatermarks(
                        ReceivedAtWatermarks.<VisitRecord>strategy())
                .name("received-at time of visits")
                .uid("received-at-visits")
                .setParallelism(visits.getParallelism())
                .keyBy(v -> v.eventId)
                .process(new EventVersions<>(correctionWindow.toMillis(), VisitRecord.class))
                .returns(VisitRecord.class)
                .name("counted version of each visit")
                .uid("first-seen-visits");
        // the revisit deadlines follow the clock, not the log (see ClockWatermarks)
        SingleOutputStreamOperator<HouseholdRoundState> households = firstSeen
                .assignTimestampsAndWatermarks(
                        ClockWatermarks.<VisitRecord>strategy((v, previous) -> v.visitedAtMillis))
                .name("clock time of visits")
                .uid("clock-time-visits")
                .keyBy(VisitRecord::householdRoundKey)
                .process(new HouseholdRoundFunction(revisitWindow.toMillis()))
                .name("household round state")
                .uid("household-round-state");
        DataStream<CompoundRoundTotals> compounds = households
                .getSideOutput(HouseholdRoundFunction.COMPOUND_DELTAS)
                .keyBy(CompoundDelta::compoundRoundKey)
                .process(new CompoundTotalsFunction(zone))
                .name("compound round totals")
                .uid("compound-round-totals");
        return new Outputs(
                firstSeen,
                households,
                compounds,
                parsed.getSideOutput(ParseEvent.DEAD_LETTERS),
                firstSeen.getSideOutput(EventVersions.REFUSED),
                firstSeen.getSideOutput(EventVersions.COUNTED));
    }
}
