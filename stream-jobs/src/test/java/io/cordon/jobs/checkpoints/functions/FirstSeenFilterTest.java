package io.cordon.jobs.checkpoints.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.jobs.checkpoints.ArrivalTally;
import io.cordon.jobs.common.FirstSeenFilter;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class FirstSeenFilterTest {

    private static ArrivalTally tally(String id, long persons) {
        ArrivalTally t = new ArrivalTally();
        t.eventId = id;
        t.checkpointId = "HZ";
        t.registeredPersons = persons;
        return t;
    }

    @Test
    void letsOnlyTheFirstCopyOfAnEventThrough() throws Exception {
        try (var harness = new KeyedOneInputStreamOperatorTestHarness<String, ArrivalTally, ArrivalTally>(
                new KeyedProcessOperator<>(new FirstSeenFilter<ArrivalTally>()), t -> t.eventId, Types.STRING)) {
            harness.open();
            harness.processElement(tally("a", 2), 0);
            harness.processElement(tally("a", 5), 0);
            harness.processElement(tally("b", 1), 0);
            harness.processElement(tally("a", 2), 0);
            assertThat(harness.extractOutputValues()).extracting(t -> t.eventId + ":" + t.registeredPersons)
                    .containsExactly("a:2", "b:1");
        }
    }
}
