package io.cordon.jobs.common;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by event id: lets the first copy of each event through and drops every later one, however it differs.
 * Because ingest keys the log by event id and the reader keeps partition order, "first" is the order of the log,
 * the same after any replay. Used by every feed.
 */
public class FirstSeenFilter<T> extends KeyedProcessFunction<String, T, T> {

    private transient ValueState<Boolean> seen;

    @Override
    public void open(OpenContext openContext) {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Boolean.class));
    }

    @Override
    public void processElement(T value, Context ctx, Collector<T> out) throws Exception {
        if (seen.value() == null) {
            seen.update(Boolean.TRUE);
            out.collect(value);
        }
    }
}
