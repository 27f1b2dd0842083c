package io.cordon.jobs.checkpoints.functions;

import io.cordon.jobs.checkpoints.ArrivalTally;
import io.cordon.jobs.checkpoints.CheckpointTotals;
import io.cordon.jobs.checkpoints.CheckpointTotals.Grain;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by checkpoint: applies each counted arrival to its UTC minute, its local day and the checkpoint's all-time
 * totals, and emits the three new rows. An arrival days late lands in its own minute and day, so every past day and
 * cutoff is corrected. State is one small array per checkpoint and period (compact on RocksDB's disk); a period is
 * never dropped, so a late event of any age is applied to exact totals.
 */
public class CheckpointRollups extends KeyedProcessFunction<String, ArrivalTally, CheckpointTotals> {

    private transient MapState<Long, long[]> minutes;
    private transient MapState<Long, long[]> days;
    private transient ValueState<long[]> all;

    @Override
    public void open(OpenContext openContext) {
        minutes = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("minutes", Types.LONG, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        days = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("days", Types.LONG, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        all = getRuntimeContext().getState(
                new ValueStateDescriptor<>("all", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    @Override
    public void processElement(ArrivalTally value, Context ctx, Collector<CheckpointTotals> out) throws Exception {
        apply(value, 1, out);
    }

    /** Applies an arrival with a sign (1 counts it, -1 takes it back) to its three periods. */
    void apply(ArrivalTally t, int sign, Collector<CheckpointTotals> out) throws Exception {
        long minute = t.minuteEpochSecond();
        CheckpointTotals m = CheckpointTotals.fromState(t.checkpointId, Grain.MINUTE, minute, minutes.get(minute));
        m.apply(t, sign);
        minutes.put(minute, m.toState());
        out.collect(m);
        CheckpointTotals d = CheckpointTotals.fromState(t.checkpointId, Grain.DAY, t.localEpochDay, days.get(t.localEpochDay));
        d.apply(t, sign);
        days.put(t.localEpochDay, d.toState());
        out.collect(d);
        CheckpointTotals a = CheckpointTotals.fromState(t.checkpointId, Grain.ALL, 0, all.value());
        a.apply(t, sign);
        all.update(a.toState());
        out.collect(a);
    }
}
