package io.cordon.jobs.checkpoints;

import io.cordon.jobs.checkpoints.functions.CheckpointRollups;
import io.cordon.jobs.checkpoints.functions.FeverAlerts;
import io.cordon.jobs.common.AuditRow;
import io.cordon.jobs.common.CountedEvent;
import io.cordon.jobs.common.EventVersions;
import io.cordon.jobs.common.ParseEvent;
import io.cordon.jobs.common.ReceivedAtWatermarks;
import io.cordon.schemas.CheckpointArrival;
import java.time.Duration;
import java.time.ZoneId;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The checkpoint counts topology, free of Kafka and ClickHouse: arrival records in; per-checkpoint totals per minute,
 * local day and all time, fever alerts and dead letters out.
 */
public final class CheckpointCountsWorkflow {

    /** The outputs of the workflow; {@code totals} holds rows of the three grains. */
    public record Outputs(
            DataStream<CheckpointTotals> totals,
            DataStream<String> feverAlerts,
            DataStream<String> deadLetters,
            DataStream<AuditRow> refusedChanges,
            DataStream<CountedEvent> countedEvents) {

        public DataStream<CheckpointTotals> totals(CheckpointTotals.Grain grain) {
            return totals.filter(t -> t.grain == grain)
                    .name("totals per " + grain.name().toLowerCase())
                    .uid("checkpoint-totals-" + grain.name().toLowerCase());
        }
    }

    /** The rules the workflow counts by. */
    public record Rules(double feverThresholdC, ZoneId zone, Duration correctionWindow) {}

    private CheckpointCountsWorkflow() {}

    public static Outputs define(DataStream<String> arrivals, Rules rules) {
        // parsing runs at the reader's parallelism, chained to it, so the copies of an event reach the
        // first-seen filter in log order ("first" is the first in its Kafka partition, the same on every replay)
        double feverThresholdC = rules.feverThresholdC();
        ZoneId zone = rules.zone();
        SingleOutputStreamOperator<ArrivalTally> parsed = arrivals.process(new ParseEvent<>(
                        json -> ArrivalTally.of(ParseEvent.read(json, CheckpointArrival.class), feverThresholdC, zone)))
                .returns(ArrivalTally.class)
                .name("parse arrivals")
                .uid("parse-arrivals")
                .setParallelism(arrivals.getParallelism());
        // what of each event counts: its first copy, then what corrections and voids make of it (signed tallies)
        SingleOutputStreamOperator<ArrivalTally> counted = parsed.assignTimestampsAndWatermarks(
                        ReceivedAtWatermarks.<ArrivalTally>strategy())
                .name("received-at time of arrivals")
                .uid("received-at-arrivals")
                .setParallelism(arrivals.getParallelism())
                .keyBy(t -> t.eventId)
                .process(new EventVersions<>(rules.correctionWindow().toMillis(), ArrivalTally.class))
                .returns(ArrivalTally.class)
                .name("counted version of each event")
                .uid("first-seen-arrivals");
        DataStream<CheckpointTotals> totals = counted.keyBy(t -> t.checkpointId)
                .transform("checkpoint totals", TypeInformation.of(CheckpointTotals.class), new CheckpointRollups())
                .uid("checkpoint-rollups");
        DataStream<String> alerts = counted.flatMap(new FeverAlerts())
                .name("fever alerts")
                .uid("fever-alerts")
                .union(counted.getSideOutput(EventVersions.WITHDRAWALS));
        return new Outputs(
                totals,
                alerts,
                parsed.getSideOutput(ParseEvent.DEAD_LETTERS),
                counted.getSideOutput(EventVersions.REFUSED),
                counted.getSideOutput(EventVersions.COUNTED));
    }
}
