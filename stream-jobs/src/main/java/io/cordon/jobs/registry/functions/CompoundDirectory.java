package io.cordon.jobs.registry.functions;

import io.cordon.jobs.registry.CompoundChange;
import io.cordon.jobs.registry.CompoundDirectoryRow;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by compound: its number of households and its directory fields, taken from its newest household row (by log
 * offset, whatever order the households' changes arrive in). Each change applied is one more version of the row, so
 * a household leaving still writes the newest row, and a replay of the log writes the same final row.
 */
public class CompoundDirectory extends KeyedProcessFunction<String, CompoundChange, CompoundDirectoryRow> {

    private transient ValueState<CompoundDirectoryRow> state;

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("compound", CompoundDirectoryRow.class));
    }

    @Override
    public void processElement(CompoundChange change, Context ctx, Collector<CompoundDirectoryRow> out) throws Exception {
        CompoundDirectoryRow c = state.value();
        if (c == null) {
            c = new CompoundDirectoryRow();
            c.compoundId = change.compoundId;
        }
        c.households += change.delta;
        if (change.name != null && change.offset > c.fieldsOffset) {
            c.fieldsOffset = change.offset;
            c.name = change.name;
            c.district = change.district;
            c.street = change.street;
            c.community = change.community;
            c.responsibleUnit = change.responsibleUnit;
        }
        c.version++;
        state.update(c);
        out.collect(c.copy());
    }
}
