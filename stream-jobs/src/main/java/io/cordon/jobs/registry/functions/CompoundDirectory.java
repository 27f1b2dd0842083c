package io.cordon.jobs.registry.functions;

import io.cordon.jobs.registry.CompoundChange;
import io.cordon.jobs.registry.CompoundDirectoryRow;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by compound: its number of households (those without a lifetime, and the lifetimes of the others) and its
 * directory fields, taken from its newest household row (by log
 * offset, whatever order the households' changes arrive in). Each change applied is one more version of the row, so
 * a household leaving still writes the newest row, and a replay of the log writes the same final row.
 */
public class CompoundDirectory extends KeyedProcessFunction<String, CompoundChange, CompoundDirectoryRow> {

    private transient ValueState<CompoundDirectoryRow> state;
    /** Household id → "from|until" of the compound's households that have a lifetime. */
    private transient MapState<String, String> bounded;

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("compound", CompoundDirectoryRow.class));
        bounded = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("bounded-households", Types.STRING, Types.STRING));
    }

    @Override
    public void processElement(CompoundChange change, Context ctx, Collector<CompoundDirectoryRow> out)
            throws Exception {
        CompoundDirectoryRow c = state.value();
        if (c == null) {
            c = new CompoundDirectoryRow();
            c.compoundId = change.compoundId;
        }
        if (change.delta <= 0) {
            // leaving, or staying with a new row: take out what the household counted as
            if (bounded.contains(change.householdId)) {
                bounded.remove(change.householdId);
            } else {
                c.households--;
            }
        }
        if (change.delta >= 0) {
            // joining or staying: count it as its row says, every day or on the days of its lifetime
            if (change.activeFrom.isEmpty() && change.activeUntil.isEmpty()) {
                c.households++;
            } else {
                bounded.put(change.householdId, change.activeFrom + "|" + change.activeUntil);
            }
        }
        boundedLifetimes(c);
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

    /** The row's lifetimes from the map, in household-id order so that a replay writes the same row. */
    private void boundedLifetimes(CompoundDirectoryRow c) throws Exception {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : bounded.entries()) {
            sorted.put(e.getKey(), e.getValue());
        }
        c.boundedIds = sorted.keySet().toArray(new String[0]);
        c.boundedFrom = new String[sorted.size()];
        c.boundedUntil = new String[sorted.size()];
        int i = 0;
        for (String lifetime : sorted.values()) {
            int bar = lifetime.indexOf('|');
            c.boundedFrom[i] = lifetime.substring(0, bar);
            c.boundedUntil[i] = lifetime.substring(bar + 1);
            i++;
        }
    }
}
