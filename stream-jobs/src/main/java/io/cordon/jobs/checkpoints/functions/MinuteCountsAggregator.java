package io.cordon.jobs.checkpoints.functions;

import io.cordon.jobs.checkpoints.ArrivalTally;
import io.cordon.jobs.checkpoints.CheckpointMinuteCounts;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by checkpoint and UTC minute of event time: adds each first-seen arrival to its minute and emits the
 * minute's new totals. An arrival days late lands in its own minute, so every past day and cutoff is corrected.
 */
public class MinuteCountsAggregator extends KeyedProcessFunction<String, ArrivalTally, CheckpointMinuteCounts> {

    private transient ValueState<CheckpointMinuteCounts> counts;

    public static String keyOf(ArrivalTally t) {
        return t.checkpointId + "|" + t.minuteEpochSecond();
    }

    @Override
    public void open(OpenContext openContext) {
        counts = getRuntimeContext().getState(new ValueStateDescriptor<>("minute-counts", CheckpointMinuteCounts.class));
    }

    @Override
    public void processElement(ArrivalTally value, Context ctx, Collector<CheckpointMinuteCounts> out) throws Exception {
        CheckpointMinuteCounts c = counts.value();
        if (c == null) {
            c = CheckpointMinuteCounts.empty(value.checkpointId, value.minuteEpochSecond());
        }
        c.add(value);
        counts.update(c);
        out.collect(c.copy());
    }
}
