package io.cordon.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.jobs.checkpoints.ArrivalTally;
import io.cordon.schemas.CheckpointArrival;
import io.cordon.schemas.CheckpointCount;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class EventVersionsTest {

    private static final long WINDOW = Duration.ofDays(30).toMillis();
    private static final long T0 = 1_600_000_000_000L;

    private static ArrivalTally copy(String id, long persons, long receivedAt) {
        ArrivalTally t = new ArrivalTally();
        t.eventId = id;
        t.checkpointId = "HZ";
        t.receivedAtMillis = receivedAt;
        t.counts[CheckpointCount.REGISTERED_PERSONS.ordinal()] = persons;
        return t;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ArrivalTally, ArrivalTally> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new EventVersions<>(WINDOW, ArrivalTally.class)),
                t -> t.eventId,
                Types.STRING);
    }

    private static void receive(
            KeyedOneInputStreamOperatorTestHarness<String, ArrivalTally, ArrivalTally> h, ArrivalTally t)
            throws Exception {
        h.processElement(t, t.receivedAtMillis);
    }

    private static String seen(KeyedOneInputStreamOperatorTestHarness<String, ArrivalTally, ArrivalTally> h) {
        return String.join(
                ",",
                h.extractOutputValues().stream()
                        .map(t -> t.eventId + ":" + t.count(CheckpointCount.REGISTERED_PERSONS))
                        .toList());
    }

    @Test
    void countedEventsKeepWhatCouldChangeAFrozenReportOnly() throws Exception {
        long minute = T0 - T0 % 60_000; // a whole minute: a possible cutoff
        try (var h = harness()) {
            h.open();
            // live: happened at :10, received 0.3 s later, in the same minute: no report's cutoff can fall between
            ArrivalTally live = copy("live", 1, minute + 10_300);
            live.occurredAtMillis = minute + 10_000;
            receive(h, live);
            // happened at :59.9, received after the next minute began: a report cut off then and frozen at once lists
            // it
            ArrivalTally straddling = copy("straddling", 1, minute + 60_200);
            straddling.occurredAtMillis = minute + 59_900;
            receive(h, straddling);
            // late by hours
            ArrivalTally late = copy("late", 1, minute + 60_500);
            late.occurredAtMillis = minute - 3 * 3_600_000;
            receive(h, late);
            // a correction of the live one, received two minutes later: the take-back and the new content are both kept
            ArrivalTally corrected = copy("live", 4, minute + 130_000);
            corrected.occurredAtMillis = minute + 10_000;
            corrected.change = CheckpointArrival.CORRECTION;
            receive(h, corrected);
            assertThat(h.getSideOutput(EventVersions.COUNTED))
                    .extracting(r -> r.getValue().eventId() + ":" + r.getValue().sign())
                    .containsExactly("straddling:1", "late:1", "live:-1", "live:1");
        }
        // the rule itself, at its edges: the first whole minute after the event's second must come before the receipt
        ArrivalTally edge = copy("e", 1, 0);
        edge.occurredAtMillis = minute + 59_999; // stored as second :59
        edge.receivedAtMillis = minute + 60_000;
        assertThat(AuditRows.mayChangeAFrozenReport(edge, edge))
                .isFalse(); // a freeze at the minute itself comes before it
        edge.receivedAtMillis = minute + 60_001;
        assertThat(AuditRows.mayChangeAFrozenReport(edge, edge)).isTrue();
    }

    @Test
    void letsOnlyTheFirstCopyOfAnEventThrough() throws Exception {
        try (var h = harness()) {
            h.open();
            receive(h, copy("a", 2, T0));
            receive(h, copy("a", 5, T0 + 1000));
            receive(h, copy("b", 1, T0 + 2000));
            receive(h, copy("a", 2, T0 + 3000));
            assertThat(seen(h)).isEqualTo("a:2,b:1");
        }
    }

    @Test
    void aResendOneMillisecondBeforeTheWindowEndsIsDroppedAndOneAtItsEndIsANewEvent() throws Exception {
        try (var h = harness()) {
            h.open();
            receive(h, copy("a", 2, T0));
            receive(h, copy("a", 3, T0 + WINDOW - 1));
            assertThat(seen(h)).isEqualTo("a:2");
            receive(h, copy("a", 4, T0 + WINDOW));
            assertThat(seen(h)).isEqualTo("a:2,a:4");
        }
    }

    @Test
    void theDecisionFollowsReceivedAtNotWhetherTheStateWasAlreadyCleared() throws Exception {
        // live: the watermark passed the window before the late copy came, so the state is gone
        String live;
        try (var h = harness()) {
            h.open();
            receive(h, copy("a", 2, T0));
            h.processWatermark(T0 + WINDOW + 1);
            receive(h, copy("a", 3, T0 + WINDOW + 5));
            live = seen(h);
        }
        // replay: the same log read fast, the watermark still behind
        try (var h = harness()) {
            h.open();
            receive(h, copy("a", 2, T0));
            receive(h, copy("a", 3, T0 + WINDOW + 5));
            assertThat(seen(h)).isEqualTo(live).isEqualTo("a:2,a:3");
        }
    }

    @Test
    void anEventWhoseWindowClosedBeforeItCameIsCountedAndNotKept() throws Exception {
        try (var h = harness()) {
            h.open();
            receive(h, copy("now", 1, T0 + WINDOW + 10));
            h.processWatermark(T0 + WINDOW);
            receive(h, copy("old", 2, T0)); // its window ends at T0 + WINDOW: closed
            receive(h, copy("edge", 4, T0 + 1)); // its window ends 1 ms after the watermark: kept
            assertThat(seen(h)).isEqualTo("now:1,old:2,edge:4");
            assertThat(h.numEventTimeTimers()).isEqualTo(2); // "now" and "edge" only
            assertThat(h.numKeyedStateEntries()).isEqualTo(4); // their first received_at and counted content
            receive(h, copy("edge", 5, T0 + 2)); // a resend of the kept one: dropped
            assertThat(seen(h)).isEqualTo("now:1,old:2,edge:4");
        }
    }

    @Test
    void stateStaysFlatOnceTheWindowIsFull() throws Exception {
        try (var h = harness()) {
            h.open();
            long day = Duration.ofDays(1).toMillis();
            int[] sizes = new int[90];
            for (int d = 0; d < 90; d++) {
                for (int i = 0; i < 100; i++) {
                    receive(h, copy("d" + d + "-" + i, 1, T0 + d * day + i));
                }
                h.processWatermark(T0 + d * day + 100 - ReceivedAtWatermarks.SKEW.toMillis());
                sizes[d] = h.numKeyedStateEntries() / 2; // per event: its first received_at and its counted content
            }
            // 30 days of events are kept (plus the day being received), never more
            assertThat(sizes[29]).isEqualTo(30 * 100);
            assertThat(sizes[30]).isBetween(30 * 100, 31 * 100);
            assertThat(sizes[89]).isEqualTo(sizes[60]).isLessThanOrEqualTo(31 * 100);
            assertThat(h.extractOutputValues()).hasSize(9000);
        }
    }

    @Test
    void keepsWhatItSawAcrossASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            receive(h, copy("a", 2, T0));
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            receive(h, copy("a", 9, T0 + 10));
            receive(h, copy("b", 1, T0 + 20));
            assertThat(seen(h)).isEqualTo("b:1");
        }
    }
}
