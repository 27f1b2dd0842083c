package io.cordon.jobs.registry.functions;

import io.cordon.jobs.registry.CompoundChange;
import io.cordon.jobs.registry.HouseholdEntry;
import io.cordon.jobs.registry.RegistryRow;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by household: writes each upload of a household with the log offset as its version and the time it was
 * first registered, and tells its compound(s) on the side when it joins, stays in or leaves one.
 */
public class HouseholdRegistration extends KeyedProcessFunction<String, RegistryRow, HouseholdEntry> {

    public static final OutputTag<CompoundChange> COMPOUND_CHANGES = new OutputTag<>("compound-changes") {};

    private transient ValueState<String> compound;
    private transient ValueState<Long> registeredAt;

    @Override
    public void open(OpenContext openContext) {
        compound = getRuntimeContext().getState(new ValueStateDescriptor<>("compound", Types.STRING));
        registeredAt = getRuntimeContext().getState(new ValueStateDescriptor<>("registered-at", Types.LONG));
    }

    @Override
    public void processElement(RegistryRow row, Context ctx, Collector<HouseholdEntry> out) throws Exception {
        String previous = compound.value();
        String now = row.field("compound_id");
        if (registeredAt.value() == null) {
            registeredAt.update(row.receivedAtMillis);
        }
        HouseholdEntry entry = new HouseholdEntry();
        entry.householdId = row.id;
        entry.fieldsJson = row.fieldsJson;
        entry.registeredAtMillis = registeredAt.value();
        entry.version = row.offset;
        entry.compoundId = now;
        entry.movedFrom = previous != null && !previous.equals(now) ? previous : null;
        out.collect(entry);
        if (previous != null && !previous.equals(now)) {
            CompoundChange leave = new CompoundChange();
            leave.compoundId = previous;
            leave.householdId = row.id;
            leave.delta = -1;
            leave.offset = row.offset;
            ctx.output(COMPOUND_CHANGES, leave);
        }
        CompoundChange join = new CompoundChange();
        join.compoundId = now;
        join.householdId = row.id;
        join.activeFrom = row.field("active_from");
        join.activeUntil = row.field("active_until");
        join.delta = now.equals(previous) ? 0 : 1;
        join.offset = row.offset;
        join.name = row.field("compound_name");
        join.district = row.field("district");
        join.street = row.field("street");
        join.community = row.field("community");
        join.responsibleUnit = row.field("responsible_unit");
        ctx.output(COMPOUND_CHANGES, join);
        compound.update(now);
    }
}
