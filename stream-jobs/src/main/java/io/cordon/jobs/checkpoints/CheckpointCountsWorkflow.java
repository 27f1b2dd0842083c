package io.cordon.jobs.checkpoints;

import io.cordon.jobs.checkpoints.functions.FeverAlerts;
import io.cordon.jobs.common.FirstSeenFilter;
import io.cordon.jobs.checkpoints.functions.MinuteCountsAggregator;
import io.cordon.jobs.checkpoints.functions.ParseArrival;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The checkpoint counts topology, free of Kafka and ClickHouse: arrival records in; per-checkpoint minute totals,
 * fever alerts and dead letters out.
 */
public final class CheckpointCountsWorkflow {

    /** The three outputs of the workflow. */
    public record Outputs(DataStream<CheckpointMinuteCounts> minuteCounts, DataStream<String> feverAlerts,
                          DataStream<String> deadLetters) {
    }

    private CheckpointCountsWorkflow() {
    }

    public static Outputs define(DataStream<String> arrivals, double feverThresholdC) {
        // parsing runs at the reader's parallelism, chained to it, so the copies of an event reach the
        // first-seen filter in log order ("first" is the first in its Kafka partition, the same on every replay)
        SingleOutputStreamOperator<ArrivalTally> parsed = arrivals
                .process(new ParseArrival(feverThresholdC)).name("parse arrivals").uid("parse-arrivals")
                .setParallelism(arrivals.getParallelism());
        DataStream<ArrivalTally> firstSeen = parsed
                .keyBy(t -> t.eventId)
                .process(new FirstSeenFilter<ArrivalTally>()).returns(ArrivalTally.class)
                .name("first copy of each event").uid("first-seen-arrivals");
        DataStream<CheckpointMinuteCounts> minuteCounts = firstSeen
                .keyBy(MinuteCountsAggregator::keyOf)
                .process(new MinuteCountsAggregator()).name("checkpoint minute counts").uid("checkpoint-minute-counts");
        DataStream<String> alerts = firstSeen
                .flatMap(new FeverAlerts()).name("fever alerts").uid("fever-alerts");
        return new Outputs(minuteCounts, alerts, parsed.getSideOutput(ParseArrival.DEAD_LETTERS));
    }
}
