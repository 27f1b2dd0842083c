package io.cordon.jobs.screening.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.jobs.screening.CompoundDelta;
import io.cordon.jobs.screening.HouseholdRoundState;
import io.cordon.jobs.screening.VisitRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HouseholdRoundFunctionTest {

    private static final long H = Duration.ofHours(1).toMillis();
    private static final long WINDOW = 6 * H;
    private KeyedOneInputStreamOperatorTestHarness<String, VisitRecord, HouseholdRoundState> harness;

    private static VisitRecord visit(String id, long at, String outcome, int home, int central) {
        VisitRecord v = new VisitRecord();
        v.eventId = id;
        v.householdId = "H1";
        v.compoundId = "C1";
        v.round = 1;
        v.visitedAtMillis = at;
        v.outcome = outcome;
        v.teamId = "t";
        v.homeQuarantine = home;
        v.centralQuarantine = central;
        return v;
    }

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new HouseholdRoundFunction(WINDOW)),
                VisitRecord::householdRoundKey,
                Types.STRING);
        harness.open();
    }

    private List<CompoundDelta> deltas() {
        List<CompoundDelta> list = new ArrayList<>();
        var q = harness.getSideOutput(HouseholdRoundFunction.COMPOUND_DELTAS);
        if (q != null) {
            q.forEach(r -> list.add(((StreamRecord<CompoundDelta>) r).getValue()));
        }
        return list;
    }

    private HouseholdRoundState last() {
        List<HouseholdRoundState> out = harness.extractOutputValues();
        return out.get(out.size() - 1);
    }

    @Test
    void aNobodyHomeVisitIsPendingThenOverdueWhenTheWatermarkPassesTheWindow() throws Exception {
        harness.processWatermark(10 * H);
        harness.processElement(visit("v1", 12 * H, "nobody_home", 0, 0), 0);
        assertThat(last().pending()).isTrue();
        assertThat(last().overdue).isFalse();
        harness.processWatermark(18 * H - 1);
        assertThat(last().overdue).isFalse();
        harness.processWatermark(18 * H); // exactly last attempt + 6 h: "at or before T - 6h"
        assertThat(last().overdue).isTrue();
        assertThat(deltas())
                .extracting(d -> d.visited + "/" + d.pending + "/" + d.overdue)
                .containsExactly("1/1/0", "0/0/1");
    }

    @Test
    void aRevisitWithinTheWindowResetsTheDeadline() throws Exception {
        harness.processWatermark(10 * H);
        harness.processElement(visit("v1", 12 * H, "refused", 0, 0), 0);
        harness.processElement(visit("v2", 17 * H, "nobody_home", 0, 0), 0);
        harness.processWatermark(18 * H);
        assertThat(last().overdue).isFalse();
        harness.processWatermark(23 * H);
        assertThat(last().overdue).isTrue();
    }

    @Test
    void reachingAnOverdueHouseholdResolvesItAndClearsOverdue() throws Exception {
        harness.processWatermark(10 * H);
        harness.processElement(visit("v1", 12 * H, "nobody_home", 0, 0), 0);
        harness.processWatermark(19 * H);
        harness.processElement(visit("v2", 19 * H, "phone_reached", 2, 1), 0);
        HouseholdRoundState s = last();
        assertThat(s.resolved).isTrue();
        assertThat(s.overdue).isFalse();
        assertThat(s.homeQuarantine).isEqualTo(2);
        List<CompoundDelta> d = deltas();
        CompoundDelta lastDelta = d.get(d.size() - 1);
        assertThat(lastDelta.resolved).isEqualTo(1);
        assertThat(lastDelta.pending).isEqualTo(-1);
        assertThat(lastDelta.overdue).isEqualTo(-1);
        assertThat(lastDelta.homeQuarantine).isEqualTo(2);
        assertThat(lastDelta.centralQuarantine).isEqualTo(1);
    }

    @Test
    void aLateVisitWhoseWindowHasPassedIsOverdueAtOnce() throws Exception {
        harness.processWatermark(100 * H);
        harness.processElement(visit("v1", 12 * H, "nobody_home", 0, 0), 0);
        assertThat(last().overdue).isTrue();
    }

    @Test
    void onlyTheLatestReachedVisitCountsForQuarantineEvenWhenAnOlderOneArrivesLate() throws Exception {
        harness.processElement(visit("v2", 20 * H, "reached", 0, 1), 0);
        harness.processElement(visit("v1", 10 * H, "reached", 3, 0), 0); // arrives late, happened earlier
        HouseholdRoundState s = last();
        assertThat(s.homeQuarantine).isZero();
        assertThat(s.centralQuarantine).isEqualTo(1);
        assertThat(s.lastVisitedAtMillis).isEqualTo(20 * H);
        assertThat(s.visits).isEqualTo(2);
    }

    @Test
    void vacantResolvesWithoutQuarantineAndLaterNobodyHomeDoesNotUnresolve() throws Exception {
        harness.processElement(visit("v1", 10 * H, "vacant", 0, 0), 0);
        harness.processElement(visit("v2", 11 * H, "nobody_home", 0, 0), 0);
        assertThat(last().resolved).isTrue();
        assertThat(last().pending()).isFalse();
        harness.processWatermark(100 * H);
        assertThat(last().overdue).isFalse();
    }
}
