package io.cordon.jobs.common;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by event id: lets the first copy of each event through and drops every later copy received within the
 * correction window after it, however it differs. Because ingest keys the log by event id and the reader keeps
 * partition order, "first" is the order of the log, the same after any replay.
 *
 * <p>State is bounded: each event keeps one {@code received_at} until the watermark of {@code received_at} (see
 * {@link ReceivedAtWatermarks}) passes its first copy's time plus the window, then it is cleared. Whether a copy
 * is a resend is decided by comparing the two {@code received_at} values, never by whether the timer has fired,
 * so a replay decides the same way. A copy received after the window is a new event (PRODUCT.md counts one
 * {@code event_id} once within the window).
 */
public class FirstSeenFilter<T extends LoggedEvent> extends KeyedProcessFunction<String, T, T> {

    private final long windowMillis;
    private transient ValueState<Long> firstReceivedAt;

    public FirstSeenFilter(long windowMillis) {
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("the correction window must be positive");
        }
        this.windowMillis = windowMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        firstReceivedAt = getRuntimeContext().getState(new ValueStateDescriptor<>("first-received-at", Long.class));
    }

    @Override
    public void processElement(T value, Context ctx, Collector<T> out) throws Exception {
        Long first = firstReceivedAt.value();
        long received = value.receivedAtMillis();
        if (first != null && received < first + windowMillis) {
            return; // a resend within the window
        }
        firstReceivedAt.update(received);
        ctx.timerService().registerEventTimeTimer(received + windowMillis);
        out.collect(value);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) throws Exception {
        Long first = firstReceivedAt.value();
        if (first != null && first + windowMillis <= timestamp) {
            firstReceivedAt.clear();
        }
    }
}
