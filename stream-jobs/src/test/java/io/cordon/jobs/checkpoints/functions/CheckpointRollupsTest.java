package io.cordon.jobs.checkpoints.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.jobs.checkpoints.ArrivalTally;
import io.cordon.jobs.checkpoints.CheckpointTotals;
import io.cordon.jobs.checkpoints.CheckpointTotals.Grain;
import io.cordon.schemas.CheckpointCount;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class CheckpointRollupsTest {

    private static ArrivalTally tally(String id, long millis, long day, long persons) {
        ArrivalTally t = new ArrivalTally();
        t.eventId = id;
        t.checkpointId = "HZ";
        t.occurredAtMillis = millis;
        t.receivedAtMillis = millis + 1000;
        t.localEpochDay = day;
        t.counts[CheckpointCount.REGISTERED_PERSONS.ordinal()] = persons;
        return t;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ArrivalTally, CheckpointTotals> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new CheckpointRollups(), t -> t.checkpointId, Types.STRING);
    }

    private static List<CheckpointTotals> of(List<CheckpointTotals> rows, Grain grain) {
        return rows.stream().filter(r -> r.grain == grain).toList();
    }

    @Test
    void addsEachArrivalToItsMinuteItsDayAndTheCheckpointsTotal() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(tally("a", 60_000, 7, 2), 0);
            h.setProcessingTime(CheckpointRollups.FLUSH_MILLIS); // a flush: the rows so far
            h.processElement(tally("b", 119_999, 7, 3), 0);
            h.setProcessingTime(2 * CheckpointRollups.FLUSH_MILLIS);
            h.processElement(tally("c", 86_400_000L * 3, 10, 4), 0); // another minute and day
            h.setProcessingTime(3 * CheckpointRollups.FLUSH_MILLIS);
            List<CheckpointTotals> out = h.extractOutputValues();
            List<CheckpointTotals> minutes = of(out, Grain.MINUTE);
            assertThat(minutes).extracting(c -> c.period).containsExactly(60L, 60L, 259_200L);
            assertThat(minutes)
                    .extracting(c -> c.count(CheckpointCount.REGISTERED_PERSONS))
                    .containsExactly(2L, 5L, 4L);
            assertThat(minutes).extracting(c -> c.version).containsExactly(1L, 2L, 1L);
            assertThat(of(out, Grain.DAY))
                    .extracting(c -> c.period + ":" + c.arrivals)
                    .containsExactly("7:1", "7:2", "10:1");
            List<CheckpointTotals> all = of(out, Grain.ALL);
            assertThat(all)
                    .extracting(c -> c.count(CheckpointCount.REGISTERED_PERSONS))
                    .containsExactly(2L, 5L, 9L);
            assertThat(all.get(2).lastReceivedAtMillis).isEqualTo(86_400_000L * 3 + 1000);
        }
    }

    @Test
    void aVersionCountsChangesSoATakenBackArrivalStillWritesTheNewestRow() throws Exception {
        try (var h = harness()) {
            h.open();
            CheckpointRollups op = (CheckpointRollups) h.getOperator();
            h.processElement(tally("a", 60_000, 7, 2), 0);
            h.processElement(tally("b", 60_000, 7, 3), 0);
            h.setProcessingTime(CheckpointRollups.FLUSH_MILLIS);
            op.apply(tally("b", 60_000, 7, 3), -1);
            h.setProcessingTime(2 * CheckpointRollups.FLUSH_MILLIS);
            List<CheckpointTotals> minutes = of(h.extractOutputValues(), Grain.MINUTE);
            CheckpointTotals last = minutes.get(minutes.size() - 1);
            assertThat(last.arrivals).isEqualTo(1);
            assertThat(last.count(CheckpointCount.REGISTERED_PERSONS)).isEqualTo(2);
            // three changes applied, in two flushes: the version counts the changes, not the flushes
            assertThat(minutes).extracting(c -> c.version).containsExactly(2L, 3L);
        }
    }

    @Test
    void everythingGatheredIsInTheStateBeforeACheckpointBarrierPasses() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement(tally("a", 60_000, 7, 2), 0);
            h.processElement(tally("b", 61_000, 7, 5), 0);
            assertThat(h.extractOutputValues()).isEmpty(); // gathered, not yet flushed
            h.prepareSnapshotPreBarrier(1);
            snapshot = h.snapshot(1, 1);
            assertThat(of(h.extractOutputValues(), Grain.ALL))
                    .extracting(c -> c.count(CheckpointCount.REGISTERED_PERSONS))
                    .containsExactly(7L);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(tally("c", 62_000, 7, 1), 0);
            h.setProcessingTime(CheckpointRollups.FLUSH_MILLIS);
            CheckpointTotals all = of(h.extractOutputValues(), Grain.ALL).get(0);
            assertThat(all.count(CheckpointCount.REGISTERED_PERSONS)).isEqualTo(8);
            assertThat(all.version).isEqualTo(3);
        }
    }

    @Test
    void keepsItsTotalsAcrossASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement(tally("a", 60_000, 7, 2), 0);
            h.prepareSnapshotPreBarrier(1);
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(tally("b", 61_000, 7, 1), 0);
            h.setProcessingTime(CheckpointRollups.FLUSH_MILLIS);
            List<CheckpointTotals> out = h.extractOutputValues();
            assertThat(of(out, Grain.MINUTE).get(0).count(CheckpointCount.REGISTERED_PERSONS))
                    .isEqualTo(3);
            assertThat(of(out, Grain.ALL).get(0).version).isEqualTo(2);
        }
    }
}
