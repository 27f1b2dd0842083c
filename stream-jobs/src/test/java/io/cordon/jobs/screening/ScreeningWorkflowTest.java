package io.cordon.jobs.screening;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.HouseholdVisit;
import io.cordon.schemas.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ScreeningWorkflowTest {

    /** The operation's zone (UTC+8): the progress curve's days are its local days. */
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static String visit(
            String id, String household, String compound, int round, String at, String outcome, int home) {
        return Json.write(new HouseholdVisit(
                id,
                household,
                compound,
                round,
                Instant.parse(at),
                "team-1",
                outcome,
                3,
                home,
                0,
                home,
                Instant.parse(at),
                null,
                null,
                null,
                null));
    }

    @Test
    void compoundTotalsCountHouseholdsOnceAndKeepRoundsApart() throws Exception {
        List<String> events = List.of(
                visit("v1", "H1", "C1", 1, "2020-02-01T10:00:00Z", "nobody_home", 0),
                visit("v2", "H1", "C1", 1, "2020-02-01T12:00:00Z", "reached", 2),
                visit("v2", "H1", "C1", 1, "2020-02-01T12:00:00Z", "nobody_home", 0), // resent, other content
                visit("v3", "H2", "C1", 1, "2020-02-01T10:00:00Z", "refused", 0),
                visit("v4", "H3", "C1", 1, "2020-02-01T10:00:00Z", "vacant", 0),
                visit("v5", "H1", "C1", 2, "2020-02-08T10:00:00Z", "nobody_home", 0),
                visit("v6", "H4", "C2", 1, "2020-02-01T10:00:00Z", "phone_reached", 1),
                // 00:30 on 2 February in the operation's zone, though 1 February in UTC
                visit("v7", "H6", "C2", 1, "2020-02-01T16:30:00Z", "reached", 0),
                // a late visit found H1 reached the evening before (23:00 local): H1 was resolved on 31 January
                visit("v8", "H1", "C1", 1, "2020-01-31T15:00:00Z", "reached", 2),
                "not json");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        ScreeningWorkflow.Outputs out = ScreeningWorkflow.define(
                env.fromData(events).setParallelism(1), Duration.ofHours(6), Duration.ofDays(30), ZONE);
        Map<String, CompoundRoundTotals> latest = new HashMap<>();
        try (CloseableIterator<CompoundRoundTotals> it = out.compounds().executeAndCollect()) {
            it.forEachRemaining(c -> latest.merge(c.key(), c, (a, b) -> a.version >= b.version ? a : b));
        }
        CompoundRoundTotals c1r1 = latest.get("C1|1");
        assertThat(c1r1.visited).isEqualTo(3);
        assertThat(c1r1.resolved).isEqualTo(2);
        assertThat(c1r1.pendingRevisit).isEqualTo(1);
        assertThat(c1r1.homeQuarantine).isEqualTo(2);
        CompoundRoundTotals c1r2 = latest.get("C1|2");
        assertThat(c1r2.visited).isEqualTo(1);
        assertThat(c1r2.resolved).isZero();
        assertThat(c1r2.pendingRevisit).isEqualTo(1);
        assertThat(latest.get("C2|1").resolved).isEqualTo(2);
        // resolved households by the local day of their first resolving visit (the progress curve)
        assertThat(c1r1.resolvedDays).containsExactly("2020-01-31", "2020-02-01");
        assertThat(c1r1.resolvedByDay).containsExactly(1, 1);
        assertThat(latest.get("C2|1").resolvedDays).containsExactly("2020-02-01", "2020-02-02");
        assertThat(latest.get("C2|1").resolvedByDay).containsExactly(1, 1);
        assertThat(c1r2.resolvedDays).isEmpty();
        // the end of a bounded input moves the watermark to the end of time: every pending household is overdue
        assertThat(c1r1.revisitOverdue).isEqualTo(1);
        assertThat(c1r2.revisitOverdue).isEqualTo(1);
    }

    private static String corrected(
            String id,
            String household,
            String compound,
            int round,
            String at,
            String outcome,
            int home,
            String receivedAt) {
        return Json.write(new HouseholdVisit(
                        id,
                        household,
                        compound,
                        round,
                        Instant.parse(at),
                        "team-2",
                        outcome,
                        3,
                        home,
                        0,
                        home,
                        Instant.parse(receivedAt),
                        null,
                        null,
                        null,
                        null)
                .asCorrection("wrong household", null));
    }

    private static String voided(String id, String household, String receivedAt) {
        return Json.write(HouseholdVisit.voiding(id, household, "test visit", Instant.parse(receivedAt), null));
    }

    @Test
    void correctionsAndVoidsAreTakenBackFromHouseholdsAndCompounds() throws Exception {
        List<String> events = List.of(
                visit("v1", "H1", "C1", 1, "2020-02-01T10:00:00Z", "nobody_home", 0),
                visit("v2", "H1", "C1", 1, "2020-02-01T12:00:00Z", "reached", 2),
                visit("v3", "H2", "C1", 1, "2020-02-01T10:00:00Z", "reached", 1),
                visit("v4", "H3", "C1", 1, "2020-02-01T10:00:00Z", "vacant", 0),
                // v2 was posted for the wrong household: it was H5 of compound C2
                corrected("v2", "H5", "C2", 1, "2020-02-01T12:00:00Z", "reached", 2, "2020-02-01T13:00:00Z"),
                visit("v2", "H1", "C1", 1, "2020-02-01T12:00:00Z", "reached", 2), // a device's resend: changes nothing
                // v3 is voided: H2 is never visited again
                voided("v3", null, "2020-02-01T13:00:00Z"),
                // a void naming another household does not touch v4
                voided("v4", "H9", "2020-02-01T13:00:00Z"),
                // voided before it was ever posted: the post is ignored
                voided("v7", null, "2020-02-01T09:00:00Z"),
                visit("v7", "H4", "C1", 1, "2020-02-01T10:00:00Z", "reached", 4));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        ScreeningWorkflow.Outputs out = ScreeningWorkflow.define(
                env.fromData(events).setParallelism(1), Duration.ofHours(6), Duration.ofDays(30), ZONE);
        Map<String, CompoundRoundTotals> latest = new HashMap<>();
        try (CloseableIterator<CompoundRoundTotals> it = out.compounds().executeAndCollect()) {
            it.forEachRemaining(c -> latest.merge(c.key(), c, (a, b) -> a.version >= b.version ? a : b));
        }
        CompoundRoundTotals c1 = latest.get("C1|1");
        // H1: only v1 (nobody home) is left, so it is pending again; H2 has no visit; H3 vacant; H4's visit never
        // counted
        assertThat(c1.visited).isEqualTo(2);
        assertThat(c1.resolved).isEqualTo(1);
        assertThat(c1.pendingRevisit).isEqualTo(1);
        assertThat(c1.homeQuarantine).isZero();
        // H1's and H2's resolutions were taken back with their visits; H3's stays
        assertThat(c1.resolvedDays).containsExactly("2020-02-01");
        assertThat(c1.resolvedByDay).containsExactly(1);
        CompoundRoundTotals c2 = latest.get("C2|1");
        assertThat(c2.visited).isEqualTo(1);
        assertThat(c2.resolved).isEqualTo(1);
        assertThat(c2.homeQuarantine).isEqualTo(2);
        assertThat(c2.resolvedDays).containsExactly("2020-02-01");
        assertThat(c2.resolvedByDay).containsExactly(1);
    }
}
