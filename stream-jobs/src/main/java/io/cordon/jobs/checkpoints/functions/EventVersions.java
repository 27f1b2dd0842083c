package io.cordon.jobs.checkpoints.functions;

import io.cordon.jobs.checkpoints.ArrivalTally;
import io.cordon.schemas.CheckpointArrival;
import io.cordon.schemas.FeverAlert;
import io.cordon.schemas.Json;
import java.time.Instant;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by event id: what of each event is counted, as its posts, corrections and voids arrive (API.md, "Corrections
 * and voids"). Emits signed tallies: {@code +1} counts content, {@code -1} takes counted content back.
 *
 * <ul>
 *   <li>A post of an id never seen counts it; a post of an id seen (counted, corrected or voided) changes nothing:
 *       a resend.</li>
 *   <li>A correction takes the counted content back and counts the new one; of an id never seen, it counts it; after
 *       a void, it counts it again (the last PUT or DELETE wins).</li>
 *   <li>A void takes the counted content back; of an id never seen, it is remembered, so that a later post of it is
 *       ignored.</li>
 * </ul>
 *
 * Fever alerts that a correction or void removes are withdrawn ({@link #WITHDRAWALS}); those it adds are raised by the
 * counted content downstream. State is kept, as by {@code FirstSeenFilter}, for the correction window from the first
 * copy's {@code received_at} (its watermark clears it); a copy received later is a new event. Every decision depends on
 * the order of the log and on {@code received_at}, so a replay decides the same way.
 */
public class EventVersions extends KeyedProcessFunction<String, ArrivalTally, ArrivalTally> {

    /** Withdrawn fever alerts, as JSON for the alert topic. */
    public static final OutputTag<String> WITHDRAWALS = new OutputTag<>("alert-withdrawals") {
    };

    private final long windowMillis;
    private transient ValueState<Long> firstReceivedAt;
    private transient ValueState<ArrivalTally> counted;

    public EventVersions(long windowMillis) {
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("the correction window must be positive");
        }
        this.windowMillis = windowMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        firstReceivedAt = getRuntimeContext().getState(new ValueStateDescriptor<>("first-received-at", Long.class));
        counted = getRuntimeContext().getState(new ValueStateDescriptor<>("counted", ArrivalTally.class));
    }

    @Override
    public void processElement(ArrivalTally t, Context ctx, Collector<ArrivalTally> out) throws Exception {
        Long first = firstReceivedAt.value();
        if (first != null && t.receivedAtMillis >= first + windowMillis) {
            // after the window, the id stands for a new event (its state would have been cleared by now)
            first = null;
            counted.clear();
        }
        ArrivalTally before = counted.value();
        if (first == null) {
            firstReceivedAt.update(t.receivedAtMillis);
            ctx.timerService().registerEventTimeTimer(t.receivedAtMillis + windowMillis);
            if (CheckpointArrival.VOID.equals(t.change)) {
                return; // voided before it was seen: a later post of it is ignored
            }
            count(t, out);
            return;
        }
        if (t.change == null) {
            return; // a resend: the first copy, or the correction, stands
        }
        if (CheckpointArrival.VOID.equals(t.change) && t.checkpointId != null && before != null
                && !t.checkpointId.equals(before.checkpointId)) {
            return; // a district's void names the checkpoint it may void: the event is of another one
        }
        if (before != null) {
            out.collect(before.retraction());
            withdraw(before, CheckpointArrival.VOID.equals(t.change) ? null : t, ctx);
            counted.clear();
        }
        if (CheckpointArrival.CORRECTION.equals(t.change)) {
            count(t, out);
        }
    }

    private void count(ArrivalTally t, Collector<ArrivalTally> out) throws Exception {
        t.sign = 1;
        counted.update(t);
        out.collect(t);
    }

    /** Withdraws the alerts of the counted content whose person is no fever in what replaces it (null: nothing). */
    private static void withdraw(ArrivalTally before, ArrivalTally after, Context ctx) {
        for (int i = 0; i < before.feverPersonIndexes.length; i++) {
            int person = before.feverPersonIndexes[i];
            boolean stays = after != null && Arrays.stream(after.feverPersonIndexes).anyMatch(p -> p == person);
            if (!stays) {
                ctx.output(WITHDRAWALS, Json.write(new FeverAlert(before.eventId, person, before.checkpointId,
                        Instant.ofEpochMilli(before.occurredAtMillis), before.feverTemperatures[i]).withdrawal()));
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ArrivalTally> out) throws Exception {
        Long first = firstReceivedAt.value();
        if (first != null && first + windowMillis <= timestamp) {
            firstReceivedAt.clear();
            counted.clear();
        }
    }
}
