package io.cordon.jobs.screening.functions;

import io.cordon.jobs.screening.CompoundDelta;
import io.cordon.jobs.screening.CompoundRoundTotals;
import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by compound and round: sums the households' changes into the compound's totals (and its resolved households
 * per local day) and emits them.
 */
public class CompoundTotalsFunction extends KeyedProcessFunction<String, CompoundDelta, CompoundRoundTotals> {

    private final ZoneId zone;
    private transient ValueState<CompoundRoundTotals> totals;

    /** Days of the progress curve are local days in {@code zone} (CORDON_TIMEZONE). */
    public CompoundTotalsFunction(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public void open(OpenContext openContext) {
        totals = getRuntimeContext().getState(new ValueStateDescriptor<>("compound-round", CompoundRoundTotals.class));
    }

    @Override
    public void processElement(CompoundDelta delta, Context ctx, Collector<CompoundRoundTotals> out) throws Exception {
        CompoundRoundTotals t = totals.value();
        if (t == null) {
            t = new CompoundRoundTotals();
        }
        t.apply(delta, zone);
        totals.update(t);
        out.collect(t.copy());
    }
}
