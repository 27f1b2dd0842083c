package io.cordon.jobs.checkpoints.functions;

import io.cordon.jobs.checkpoints.ArrivalTally;
import io.cordon.jobs.checkpoints.CheckpointTotals;
import io.cordon.jobs.checkpoints.CheckpointTotals.Grain;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Keyed by checkpoint: applies each counted arrival to its UTC minute, its local day and the checkpoint's all-time
 * totals, and emits the new rows. An arrival days late lands in its own minute and day, so every past day and cutoff
 * is corrected. State is one small array per checkpoint and period (compact on RocksDB's disk); a period is never
 * dropped, so a late event of any age is applied to exact totals.
 *
 * <p>Arrivals are gathered in memory per checkpoint and period and applied to state every {@link #FLUSH_MILLIS}, after
 * {@link #MAX_PENDING} arrivals, and always before a checkpoint barrier passes ({@link #prepareSnapshotPreBarrier}), so
 * a checkpoint holds every arrival before it. A burst of arrivals for one checkpoint's minute costs one state read and
 * write, not one per arrival. A row's version counts every change applied to it, however they were gathered, so a
 * replay writes the same rows with the same versions.
 */
public class CheckpointRollups extends AbstractStreamOperator<CheckpointTotals>
        implements OneInputStreamOperator<ArrivalTally, CheckpointTotals> {

    static final long FLUSH_MILLIS = 100;
    static final int MAX_PENDING = 20_000;

    private transient MapState<Long, long[]> minutes;
    private transient MapState<Long, long[]> days;
    private transient ValueState<long[]> all;
    /** Per checkpoint: the changes gathered for each of its periods since the last flush. */
    private transient Map<String, Map<String, CheckpointTotals>> pending;

    private transient int pendingArrivals;

    private transient boolean flushScheduled;

    @Override
    public void open() throws Exception {
        super.open();
        minutes = getKeyedStateStore()
                .getMapState(new MapStateDescriptor<>(
                        "minutes", Types.LONG, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        days = getKeyedStateStore()
                .getMapState(new MapStateDescriptor<>(
                        "days", Types.LONG, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        all = getKeyedStateStore()
                .getState(new ValueStateDescriptor<>("all", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        pending = new LinkedHashMap<>();
    }

    /** Sets the flush timer when the first arrival waits: a quiet operator costs no wake-ups. */
    private void scheduleFlush() {
        flushScheduled = true;
        long now = getProcessingTimeService().getCurrentProcessingTime();
        getProcessingTimeService().registerTimer(now + FLUSH_MILLIS, time -> {
            flushScheduled = false;
            flush();
        });
    }

    @Override
    public void processElement(StreamRecord<ArrivalTally> element) throws Exception {
        apply(element.getValue(), element.getValue().sign);
    }

    /** Gathers an arrival with a sign (1 counts it, -1 takes it back) for its three periods. */
    public void apply(ArrivalTally t, int sign) throws Exception {
        Map<String, CheckpointTotals> periods = pending.computeIfAbsent(t.checkpointId, k -> new HashMap<>());
        gather(periods, t, Grain.MINUTE, t.minuteEpochSecond(), sign);
        gather(periods, t, Grain.DAY, t.localEpochDay, sign);
        gather(periods, t, Grain.ALL, 0, sign);
        if (!flushScheduled) {
            scheduleFlush();
        }
        if (++pendingArrivals >= MAX_PENDING) {
            flush();
        }
    }

    private static void gather(
            Map<String, CheckpointTotals> periods, ArrivalTally t, Grain grain, long period, int sign) {
        periods.computeIfAbsent(grain + "|" + period, k -> CheckpointTotals.empty(t.checkpointId, grain, period))
                .apply(t, sign);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        flush();
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    /** Applies everything gathered to state, one read and write per checkpoint and period, and emits the new rows. */
    void flush() throws Exception {
        for (Map.Entry<String, Map<String, CheckpointTotals>> e : pending.entrySet()) {
            setCurrentKey(e.getKey());
            for (CheckpointTotals delta : e.getValue().values()) {
                CheckpointTotals row;
                switch (delta.grain) {
                    case MINUTE -> {
                        row = CheckpointTotals.fromState(
                                delta.checkpointId, delta.grain, delta.period, minutes.get(delta.period));
                        row.merge(delta);
                        minutes.put(delta.period, row.toState());
                    }
                    case DAY -> {
                        row = CheckpointTotals.fromState(
                                delta.checkpointId, delta.grain, delta.period, days.get(delta.period));
                        row.merge(delta);
                        days.put(delta.period, row.toState());
                    }
                    default -> {
                        row = CheckpointTotals.fromState(delta.checkpointId, delta.grain, 0, all.value());
                        row.merge(delta);
                        all.update(row.toState());
                    }
                }
                output.collect(new StreamRecord<>(row));
            }
        }
        pending.clear();
        pendingArrivals = 0;
    }
}
