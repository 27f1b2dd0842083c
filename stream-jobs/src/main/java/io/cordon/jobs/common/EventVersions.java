package io.cordon.jobs.common;

import io.cordon.schemas.FeverAlert;
import io.cordon.schemas.Json;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by event id: what of each event is counted, as its posts, corrections and voids arrive (API.md, "Corrections
 * and voids"). Emits signed records: {@code +1} counts content, {@code -1} takes counted content back.
 *
 * <ul>
 *   <li>A post of an id never seen counts it; a post of an id seen (counted, corrected or voided) changes nothing:
 *       a resend.</li>
 *   <li>A correction takes the counted content back and counts the new one; of an id never seen, it counts it; after
 *       a void, it counts it again (the last PUT or DELETE wins).</li>
 *   <li>A void takes the counted content back; of an id never seen, it is remembered, so that a later post of it is
 *       ignored.</li>
 *   <li>A correction or void of counted content that happened more than the window before it was received is refused
 *       ({@link #REFUSED}, for the audit log): ingest cannot always check the old content's time.</li>
 *   <li>A scoped admin's correction or void ({@link VersionedEvent#confinedTo}) of counted content outside its scope is
 *       refused the same way: ingest checks only the new content, the old one is known here. A scoped change of an id
 *       never posted claims it only for its own scope: a later post of the id from outside that scope is counted
 *       (and takes back what the change counted), so that no district can hide another's event in advance.</li>
 * </ul>
 *
 * State is kept for the correction window from the first copy's {@code received_at} (its watermark, see
 * {@link ReceivedAtWatermarks}, clears it); a copy received later is a new event. An event whose window the watermark
 * has already passed when it comes is counted and not kept. Ingest stamps {@code received_at} as it writes, and the
 * watermark is the slowest partition's, so no event that came through ingest is that late; a history written straight
 * into the log after newer events (the city benchmark's) is, and a copy of such an event counts again. For every
 * other event, each decision depends only on the order of the log and on {@code received_at}, so a replay decides the
 * same way. When counted content is replaced, the fever alerts it raised and what replaces it does not are withdrawn
 * ({@link #WITHDRAWALS}, {@link VersionedEvent#feversWithdrawnBy}); those it adds are raised by the counted content
 * downstream.
 */
public class EventVersions<T extends VersionedEvent<T>> extends KeyedProcessFunction<String, T, T> {

    /** Corrections and voids refused by the window: audit-log rows. */
    public static final OutputTag<AuditRow> REFUSED = new OutputTag<>("refused-changes") {};

    /**
     * What was counted or taken back, and when the record that did it was received: rows of {@code counted_events}, for
     * what could be a change of a frozen report ({@link AuditRows#mayChangeAFrozenReport}).
     */
    public static final OutputTag<CountedEvent> COUNTED = new OutputTag<>("counted-events") {};

    /** Withdrawn fever alerts, as JSON for the alert topic. */
    public static final OutputTag<String> WITHDRAWALS = new OutputTag<>("alert-withdrawals") {};

    public static final String VOID = "void";
    public static final String CORRECTION = "correction";

    private final long windowMillis;
    private final Class<T> type;
    private transient ValueState<Long> firstReceivedAt;
    private transient ValueState<T> counted;
    private transient ValueState<Integer> revisions;
    /** A scoped admin's change of an id no post of which was seen yet (read only when a post of a seen id comes). */
    private transient ValueState<T> unposted;

    public EventVersions(long windowMillis, Class<T> type) {
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("the correction window must be positive");
        }
        this.windowMillis = windowMillis;
        this.type = type;
    }

    @Override
    public void open(OpenContext openContext) {
        firstReceivedAt = getRuntimeContext().getState(new ValueStateDescriptor<>("first-received-at", Long.class));
        counted = getRuntimeContext().getState(new ValueStateDescriptor<>("counted", type));
        revisions = getRuntimeContext().getState(new ValueStateDescriptor<>("revisions", Integer.class));
        unposted = getRuntimeContext().getState(new ValueStateDescriptor<>("unposted-scoped-change", type));
    }

    @Override
    public void processElement(T t, Context ctx, Collector<T> out) throws Exception {
        Long first = firstReceivedAt.value();
        long received = t.receivedAtMillis();
        if (first != null && received >= first + windowMillis) {
            // after the window, the id stands for a new event (its state would have been cleared by now)
            first = null;
            counted.clear();
            revisions.clear();
            unposted.clear();
        }
        if (first == null && received + windowMillis <= ctx.timerService().currentWatermark()) {
            // its window closed before it came (the log had it received more than the window behind the others, as a
            // history loaded straight into the log is): counted, and nothing kept, since its timer would clear it at
            // the next watermark anyway; kept, a city's 87 days of such history made 20M timers due at once
            if (!VOID.equals(t.change())) {
                count(t, out, ctx, false);
            }
            return;
        }
        if (first == null) {
            firstReceivedAt.update(received);
            ctx.timerService().registerEventTimeTimer(received + windowMillis);
            if (t.confinedTo() != null) {
                unposted.update(t);
            }
            if (VOID.equals(t.change())) {
                return; // voided before it was seen: a later post of it is ignored
            }
            count(t, out, ctx, true);
            return;
        }
        if (t.change() == null) {
            T claim = unposted.value();
            if (claim == null && t.district() != null) {
                // a resend, or another district's event posted under an id already counted (ids are devices' own, and
                // guessable): an id is one event, so it is not counted, but it is said where both districts read it
                T before = counted.value();
                if (before != null
                        && before.district() != null
                        && !before.district().equals(t.district())) {
                    ctx.output(REFUSED, AuditRows.idTaken(t, before));
                }
                return;
            }
            if (claim == null || t.within(claim.confinedTo(), claim)) {
                unposted.clear();
                return; // a resend, or the post of an id its own area changed first: the first copy, or the change,
                // stands
            }
            // the first post of an id that a scoped admin changed first, from outside its scope: the change could not
            // claim another area's event, so the post counts and what the change counted is taken back
            unposted.clear();
            ctx.output(REFUSED, AuditRows.outsideScope(claim, t));
            replace(counted.value(), t, false, ctx, out);
            return;
        }
        if (t.confinedTo() == null) {
            unposted.clear(); // an admin of the whole city has the last word
        }
        // read only here: a new event (most of them) and a resend need no counted content, and at a city's scale each
        // read of a key the state does not hold searches RocksDB's files
        T before = counted.value();
        boolean voiding = VOID.equals(t.change());
        if (before != null
                && (voiding && !t.voids(before) || t.confinedTo() != null && !before.within(t.confinedTo(), t))) {
            // a district's void names the place it may void, and a scoped change replaces only content of its scope
            ctx.output(REFUSED, AuditRows.outsideScope(t, before));
            return;
        }
        if (before != null && before.occurredAtMillis() < received - windowMillis) {
            ctx.output(REFUSED, AuditRows.refused(t, before, windowMillis));
            return; // the counted content is older than the window: it can no longer be changed
        }
        replace(before, t, voiding, ctx, out);
    }

    /** Takes {@code before} back (if any) and counts {@code t} in its place (unless it voids), as the next revision. */
    private void replace(T before, T t, boolean voiding, Context ctx, Collector<T> out) throws Exception {
        Integer applied = revisions.value();
        int revision = applied == null ? 1 : applied + 1;
        revisions.update(revision);
        t.revise(revision);
        if (before != null) {
            T back = before.retraction();
            back.revise(revision);
            back.takenBackAt(t.receivedAtMillis());
            out.collect(back);
            if (AuditRows.mayChangeAFrozenReport(before, t)) {
                ctx.output(COUNTED, AuditRows.counted(before, t, -1));
            }
            for (FeverAlert alert : before.feversWithdrawnBy(voiding ? null : t)) {
                ctx.output(WITHDRAWALS, Json.write(alert.withdrawal()));
            }
            counted.clear();
        }
        if (!voiding) {
            count(t, out, ctx, true);
        }
    }

    private void count(T t, Collector<T> out, Context ctx, boolean keep) throws Exception {
        t.count();
        if (keep) {
            counted.update(t);
        }
        out.collect(t);
        if (AuditRows.mayChangeAFrozenReport(t, t)) {
            ctx.output(COUNTED, AuditRows.counted(t, t, 1));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) throws Exception {
        Long first = firstReceivedAt.value();
        if (first != null && first + windowMillis <= timestamp) {
            firstReceivedAt.clear();
            counted.clear();
            revisions.clear();
            unposted.clear();
        }
    }
}
