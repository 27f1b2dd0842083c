package io.cordon.jobs.screening.functions;

import io.cordon.jobs.screening.CompoundDelta;
import io.cordon.jobs.screening.HouseholdRoundState;
import io.cordon.jobs.screening.VisitRecord;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by household and round: applies each counted visit, or the take-back of one (a correction or void), to the
 * household's state, emits the new state and,
 * on the side, how the household's contribution to its compound changed. The revisit timer is an event-time timer
 * at the latest attempt + the revisit window; it fires when the watermark (which follows the clock, see
 * {@code ClockWatermarks}) passes it, and marks the household overdue if it is still pending then. A visit that
 * arrives after its own window has passed is overdue at once. A take-back can restart the deadline (the latest
 * attempt is now an earlier one, perhaps already past its window) or cancel it (nothing pending any more).
 */
public class HouseholdRoundFunction extends KeyedProcessFunction<String, VisitRecord, HouseholdRoundState> {

    public static final OutputTag<CompoundDelta> COMPOUND_DELTAS = new OutputTag<>("compound-deltas") {};

    private final long windowMillis;
    private transient ValueState<HouseholdRoundState> state;
    /** The household's counted visits, one entry each: a visit is one entry written, never the whole list again. */
    private transient MapState<String, HouseholdRoundState.Visit> visits;

    private transient HouseholdRoundState.Visits kept;

    public HouseholdRoundFunction(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("household-round", HouseholdRoundState.class));
        visits = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "household-round-visits", String.class, HouseholdRoundState.Visit.class));
        kept = new HouseholdRoundState.Visits() {
            public HouseholdRoundState.Visit get(String eventId) throws Exception {
                return visits.get(eventId);
            }

            public void put(String eventId, HouseholdRoundState.Visit visit) throws Exception {
                visits.put(eventId, visit);
            }

            public void remove(String eventId) throws Exception {
                visits.remove(eventId);
            }

            public Iterable<Map.Entry<String, HouseholdRoundState.Visit>> all() throws Exception {
                return visits.entries();
            }
        };
    }

    @Override
    public void processElement(VisitRecord visit, Context ctx, Collector<HouseholdRoundState> out) throws Exception {
        HouseholdRoundState s = state.value();
        if (s == null) {
            if (visit.sign < 0) {
                return; // nothing of this household was counted (cannot happen: a take-back follows what it takes back)
            }
            s = HouseholdRoundState.first(visit);
        }
        CompoundDelta before = s.contribution();
        long versionBefore = s.version();
        s.apply(visit, kept);
        long overdueFrom = s.overdueFromMillis(windowMillis);
        if (overdueFrom != Long.MAX_VALUE) {
            if (overdueFrom <= ctx.timerService().currentWatermark()) {
                s.overdue = true;
            } else {
                ctx.timerService().registerEventTimeTimer(overdueFrom);
            }
        }
        update(s, before, versionBefore, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<HouseholdRoundState> out) throws Exception {
        HouseholdRoundState s = state.value();
        if (s == null || s.overdue || s.overdueFromMillis(windowMillis) > timestamp) {
            return; // resolved since, revisited since (a later timer is set), or already overdue
        }
        CompoundDelta before = s.contribution();
        long versionBefore = s.version();
        s.overdue = true;
        update(s, before, versionBefore, ctx, out);
    }

    private void update(
            HouseholdRoundState s,
            CompoundDelta before,
            long versionBefore,
            Context ctx,
            Collector<HouseholdRoundState> out)
            throws Exception {
        state.update(s);
        out.collect(s.copy());
        CompoundDelta delta = CompoundDelta.between(before, s.contribution(), s.version() - versionBefore);
        if (delta != null) {
            ctx.output(COMPOUND_DELTAS, delta);
        }
    }
}
