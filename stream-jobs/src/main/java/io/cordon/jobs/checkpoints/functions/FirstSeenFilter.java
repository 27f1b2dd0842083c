package io.cordon.jobs.checkpoints.functions;

import io.cordon.jobs.checkpoints.ArrivalTally;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by event id: lets the first copy of each event through and drops every later one, however it differs.
 * Because ingest keys the log by event id, "first" is the order of the log, the same after any replay.
 */
public class FirstSeenFilter extends KeyedProcessFunction<String, ArrivalTally, ArrivalTally> {

    private transient ValueState<Boolean> seen;

    @Override
    public void open(OpenContext openContext) {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Boolean.class));
    }

    @Override
    public void processElement(ArrivalTally value, Context ctx, Collector<ArrivalTally> out) throws Exception {
        if (seen.value() == null) {
            seen.update(Boolean.TRUE);
            out.collect(value);
        }
    }
}
