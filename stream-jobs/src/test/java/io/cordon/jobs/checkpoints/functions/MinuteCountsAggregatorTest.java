package io.cordon.jobs.checkpoints.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.jobs.checkpoints.ArrivalTally;
import io.cordon.jobs.checkpoints.CheckpointMinuteCounts;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class MinuteCountsAggregatorTest {

    private static ArrivalTally tally(String id, long millis, long persons) {
        ArrivalTally t = new ArrivalTally();
        t.eventId = id;
        t.checkpointId = "HZ";
        t.occurredAtMillis = millis;
        t.receivedAtMillis = millis + 1000;
        t.registeredPersons = persons;
        return t;
    }

    @Test
    void emitsGrowingTotalsWhoseVersionIsTheNumberOfEvents() throws Exception {
        try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new MinuteCountsAggregator()), MinuteCountsAggregator::keyOf, Types.STRING)) {
            harness.open();
            harness.processElement(tally("a", 60_000, 2), 0);
            harness.processElement(tally("b", 119_999, 3), 0);
            List<CheckpointMinuteCounts> out = harness.extractOutputValues();
            assertThat(out).extracting(c -> c.arrivals).containsExactly(1L, 2L);
            assertThat(out).extracting(c -> c.registeredPersons).containsExactly(2L, 5L);
            assertThat(out.get(1).lastReceivedAtMillis).isEqualTo(120_999);
            assertThat(out.get(1).minuteEpochSecond).isEqualTo(60);
        }
    }

    @Test
    void keepsItsTotalsAcrossASnapshotAndRestore() throws Exception {
        var snapshot = (org.apache.flink.runtime.checkpoint.OperatorSubtaskState) null;
        try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new MinuteCountsAggregator()), MinuteCountsAggregator::keyOf, Types.STRING)) {
            harness.open();
            harness.processElement(tally("a", 60_000, 2), 0);
            snapshot = harness.snapshot(1, 1);
        }
        try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new MinuteCountsAggregator()), MinuteCountsAggregator::keyOf, Types.STRING)) {
            harness.initializeState(snapshot);
            harness.open();
            harness.processElement(tally("b", 61_000, 1), 0);
            assertThat(harness.extractOutputValues()).extracting(c -> c.arrivals).containsExactly(2L);
        }
    }
}
