package io.cordon.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.jobs.checkpoints.ArrivalTally;
import io.cordon.jobs.screening.VisitRecord;
import io.cordon.schemas.CheckpointArrival;
import io.cordon.schemas.HouseholdVisit;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ParseEventTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static <T> OneInputStreamOperatorTestHarness<String, T> harness(ParseEvent<T> parse) throws Exception {
        OneInputStreamOperatorTestHarness<String, T> h =
                new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(parse));
        h.open();
        return h;
    }

    @Test
    void aRecordThatCannotBeCountedIsADeadLetterAndTheRestGoOn() throws Exception {
        var h = harness(new ParseEvent<>(
                json -> ArrivalTally.of(ParseEvent.read(json, CheckpointArrival.class), 37.3, SHANGHAI)));
        List<String> records = List.of(
                "{\"event_id\":\"a1\",\"checkpoint_id\":\"CP1\",\"occurred_at\":\"2026-03-01T08:00:00Z\"}",
                "{\"event_id\":\"a2\",\"occurred_at\":\"2026-03-01T08:00:00Z\"}", // no checkpoint
                "{\"event_id\":\"a3\",\"checkpoint_id\":\"CP1\",\"occurred_at\":\"1969-12-31T23:59:59Z\"}",
                "{\"checkpoint_id\":\"CP1\",\"occurred_at\":\"2026-03-01T08:00:00Z\"}", // no id
                "not json",
                "{\"event_id\":\"a1\",\"change\":\"void\"}"); // a void needs only its id
        for (String r : records) {
            h.processElement(new StreamRecord<>(r, 0));
        }
        assertThat(h.extractOutputValues()).extracting(t -> t.eventId).containsExactly("a1", "a1");
        assertThat(h.getSideOutput(ParseEvent.DEAD_LETTERS))
                .extracting(StreamRecord::getValue)
                .containsExactly(records.get(1), records.get(2), records.get(3), records.get(4));
    }

    @Test
    void aVisitMustNameItsHouseholdCompoundRoundTimeAndOutcome() throws Exception {
        var h = harness(new ParseEvent<>(json -> VisitRecord.of(ParseEvent.read(json, HouseholdVisit.class))));
        String whole = "{\"event_id\":\"v1\",\"household_id\":\"H1\",\"compound_id\":\"C1\",\"round\":1,"
                + "\"visited_at\":\"2026-03-01T08:00:00Z\",\"outcome\":\"reached\"}";
        h.processElement(new StreamRecord<>(whole, 0));
        h.processElement(new StreamRecord<>(whole.replace("\"round\":1", "\"round\":100"), 0));
        h.processElement(new StreamRecord<>(whole.replace(",\"outcome\":\"reached\"", ""), 0));
        h.processElement(new StreamRecord<>("{\"event_id\":\"v1\",\"change\":\"void\",\"household_id\":\"H1\"}", 0));
        assertThat(h.extractOutputValues())
                .extracting(v -> v.eventId + "/" + v.change + "/" + v.householdId)
                .containsExactly("v1/null/H1", "v1/void/H1");
        assertThat(h.getSideOutput(ParseEvent.DEAD_LETTERS)).hasSize(2);
    }
}
