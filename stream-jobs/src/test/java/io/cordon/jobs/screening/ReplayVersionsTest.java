package io.cordon.jobs.screening;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.jobs.screening.functions.HouseholdRoundFunction;
import io.cordon.schemas.HouseholdVisit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * A job started without state replays the log with its watermark already at "now": revisit deadlines that passed one
 * by one in the live run are all behind it at once. The rows it writes must end with the same content and the same
 * version as the live run's, or older rows with higher versions would win in ClickHouse and freeze the figures.
 */
class ReplayVersionsTest {

    static final long WINDOW = Duration.ofHours(6).toMillis();
    static final Instant T0 = Instant.parse("2022-04-10T02:00:00Z");

    static VisitRecord visit(String id, String household, Duration after, String outcome) {
        Instant at = T0.plus(after);
        return VisitRecord.of(new HouseholdVisit(
                id, household, "C1", 1, at, "team", outcome, 3, 0, 0, 0, at, null, null, null, null));
    }

    /** What the function wrote: the household rows and the compound deltas (summed as the compound function does). */
    record Written(List<HouseholdRoundState> households, CompoundRoundTotals compound) {
        HouseholdRoundState last(String household) {
            HouseholdRoundState found = null;
            for (HouseholdRoundState s : households) {
                if (s.householdId.equals(household)) {
                    found = s;
                }
            }
            return found;
        }
    }

    static KeyedOneInputStreamOperatorTestHarness<String, VisitRecord, HouseholdRoundState> harness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, VisitRecord, HouseholdRoundState> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new HouseholdRoundFunction(WINDOW)),
                        VisitRecord::householdRoundKey,
                        Types.STRING);
        h.open();
        return h;
    }

    static Written written(KeyedOneInputStreamOperatorTestHarness<String, VisitRecord, HouseholdRoundState> h) {
        List<HouseholdRoundState> rows = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                rows.add((HouseholdRoundState) r.getValue());
            }
        }
        CompoundRoundTotals compound = new CompoundRoundTotals();
        var deltas = h.getSideOutput(HouseholdRoundFunction.COMPOUND_DELTAS);
        if (deltas != null) {
            deltas.forEach(r -> compound.apply(r.getValue()));
        }
        return new Written(rows, compound);
    }

    static long at(Duration after) {
        return T0.plus(after).toEpochMilli();
    }

    @Test
    void aReplayWithTheWatermarkAlreadyNowWritesTheLiveRunsRowsAndVersions() throws Exception {
        List<VisitRecord> log = List.of(
                visit("a1", "H1", Duration.ZERO, "nobody_home"),
                visit("b1", "H2", Duration.ZERO, "nobody_home"),
                visit("b2", "H2", Duration.ofHours(2), "nobody_home"), // a new deadline: +8h
                visit("a2", "H1", Duration.ofHours(7), "reached"), // after H1 was overdue
                visit("c1", "H3", Duration.ofHours(1), "reached"),
                visit("b3", "H2", Duration.ofHours(9), "reached")); // after H2 was overdue

        // live: the watermark follows the clock, visits come in as they happen, deadlines pass between them
        var live = harness();
        live.processWatermark(at(Duration.ZERO) - 1000);
        live.processElement(log.get(0), at(Duration.ZERO));
        live.processElement(log.get(1), at(Duration.ZERO));
        live.processWatermark(at(Duration.ofHours(1)));
        live.processElement(log.get(4), at(Duration.ofHours(1)));
        live.processWatermark(at(Duration.ofHours(2)));
        live.processElement(log.get(2), at(Duration.ofHours(2)));
        live.processWatermark(at(Duration.ofHours(6)) + 1); // H1 overdue; H2's first deadline is no longer its deadline
        live.processElement(log.get(3), at(Duration.ofHours(7)));
        live.processWatermark(at(Duration.ofHours(8)) + 1); // H2 overdue
        live.processElement(log.get(5), at(Duration.ofHours(9)));
        live.processWatermark(at(Duration.ofHours(30)));

        // replay: the same log, read from the start by a job whose watermark is already a day later
        var replay = harness();
        replay.processWatermark(at(Duration.ofHours(30)));
        for (VisitRecord v : log) {
            replay.processElement(v, v.visitedAtMillis);
        }
        replay.processWatermark(at(Duration.ofHours(31)));

        Written l = written(live);
        Written r = written(replay);
        for (String household : List.of("H1", "H2", "H3")) {
            assertThat(r.last(household).toRow())
                    .as(household)
                    .isEqualTo(l.last(household).toRow());
        }
        assertThat(r.compound.toRow()).isEqualTo(l.compound.toRow());
        assertThat(l.compound.resolved).isEqualTo(3);
        assertThat(l.compound.revisitOverdue).isZero();
        // and the live rows' versions only grew: every newer row wins in ReplacingMergeTree
        long previous = -1;
        for (HouseholdRoundState s : l.households) {
            if (s.householdId.equals("H2")) {
                assertThat(s.version()).isGreaterThan(previous);
                previous = s.version();
            }
        }
        live.close();
        replay.close();
    }

    @Test
    void aCompoundsVersionGrowsWithEveryChangeOfAnyOfItsHouseholds() throws Exception {
        var h = harness();
        h.processWatermark(at(Duration.ZERO) - 1000);
        h.processElement(visit("x1", "H1", Duration.ZERO, "nobody_home"), at(Duration.ZERO));
        h.processElement(visit("x2", "H1", Duration.ofHours(1), "nobody_home"), at(Duration.ofHours(1)));
        var deltas = new ArrayList<>(h.getSideOutput(HouseholdRoundFunction.COMPOUND_DELTAS));
        // the second attempt changes nothing the compound shows, but its version still grows
        assertThat(deltas).hasSize(2);
        assertThat(deltas.get(1).getValue().version).isPositive();
        h.close();
    }
}
