package io.cordon.jobs.screening;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.HouseholdVisit;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A household's figures are those of the visits that remain counted, whatever was taken back and in what order. */
class HouseholdRoundStateTest {

    static final Instant T = Instant.parse("2022-04-10T02:00:00Z");

    static VisitRecord visit(String id, Duration after, String outcome, int home) {
        return VisitRecord.of(new HouseholdVisit(
                id, "H1", "C1", 1, T.plus(after), "team", outcome, 3, home, 0, home, T, null, null, null, null));
    }

    @Test
    void takingBackTheResolvingVisitMakesTheHouseholdPendingAgainWithItsEarlierAttemptLatest() throws Exception {
        var kept = HouseholdRoundState.Visits.inMemory();
        VisitRecord first = visit("a", Duration.ZERO, "nobody_home", 0);
        VisitRecord second = visit("b", Duration.ofHours(2), "reached", 2);
        HouseholdRoundState s = HouseholdRoundState.first(first);
        s.apply(first, kept);
        s.apply(second, kept);
        assertThat(s.resolved).isTrue();
        assertThat(s.homeQuarantine).isEqualTo(2);
        long versionResolved = s.version();

        s.apply(second.retraction(), kept);
        assertThat(s.visits).isEqualTo(1);
        assertThat(s.resolved).isFalse();
        assertThat(s.pending()).isTrue();
        assertThat(s.lastOutcome).isEqualTo("nobody_home");
        assertThat(s.homeQuarantine).isZero();
        // the revisit deadline restarts from the attempt that is now the latest
        assertThat(s.overdueFromMillis(Duration.ofHours(6).toMillis()))
                .isEqualTo(T.plus(Duration.ofHours(6)).toEpochMilli());
        assertThat(s.version()).isGreaterThan(versionResolved);

        s.apply(first.retraction(), kept);
        assertThat(s.visits).isZero();
        assertThat(s.pending()).isFalse();
        assertThat(s.contribution().visited).isZero();
        assertThat(s.toRow())
                .containsEntry("last_outcome", "")
                .containsEntry("first_visited_at", "1970-01-01 00:00:00");
    }

    @Test
    void theLatestVisitIsChosenByTimeThenIdWhateverTheOrderTheyCameIn() throws Exception {
        VisitRecord a = visit("a", Duration.ofHours(1), "reached", 1);
        VisitRecord b = visit("b", Duration.ofHours(1), "phone_reached", 3);
        var abKept = HouseholdRoundState.Visits.inMemory();
        var baKept = HouseholdRoundState.Visits.inMemory();
        HouseholdRoundState ab = HouseholdRoundState.first(a);
        ab.apply(a, abKept);
        ab.apply(b, abKept);
        HouseholdRoundState ba = HouseholdRoundState.first(b);
        ba.apply(b, baKept);
        ba.apply(a, baKept);
        assertThat(ab.lastOutcome).isEqualTo(ba.lastOutcome).isEqualTo("phone_reached");
        assertThat(ab.homeQuarantine).isEqualTo(ba.homeQuarantine).isEqualTo(3);
    }

    @Test
    void aCorrectedVisitReplacesItsContent() throws Exception {
        var kept = HouseholdRoundState.Visits.inMemory();
        VisitRecord posted = visit("a", Duration.ZERO, "reached", 2);
        VisitRecord fixed = visit("a", Duration.ZERO, "refused", 0);
        HouseholdRoundState s = HouseholdRoundState.first(posted);
        s.apply(posted, kept);
        s.apply(posted.retraction(), kept);
        s.apply(fixed, kept);
        assertThat(s.visits).isEqualTo(1);
        assertThat(s.resolved).isFalse();
        assertThat(s.lastOutcome).isEqualTo("refused");
        assertThat(s.homeQuarantine).isZero();
    }

    @Test
    void aThousandVisitsToOneHouseholdKeepTheStateOfFixedSize() throws Exception {
        var kept = HouseholdRoundState.Visits.inMemory();
        HouseholdRoundState s = HouseholdRoundState.first(visit("v0", Duration.ZERO, "nobody_home", 0));
        for (int i = 0; i < 1000; i++) {
            s.apply(
                    visit("v" + i, Duration.ofMinutes(i), i == 500 ? "reached" : "nobody_home", i == 500 ? 4 : 0),
                    kept);
        }
        assertThat(s.visits).isEqualTo(1000);
        assertThat(s.eventIds).isEmpty();
        assertThat(s.resolved).isTrue();
        assertThat(s.lastOutcome).isEqualTo("nobody_home");
        assertThat(s.homeQuarantine).isEqualTo(4);
        // the reaching visit taken back: recomputed from the 999 that remain
        s.apply(visit("v500", Duration.ofMinutes(500), "reached", 4).retraction(), kept);
        assertThat(s.visits).isEqualTo(999);
        assertThat(s.resolved).isFalse();
        assertThat(s.homeQuarantine).isZero();
    }

    @Test
    void aStateRestoredWithItsVisitsInlineMovesThemOutAtItsNextChange() throws Exception {
        var kept = HouseholdRoundState.Visits.inMemory();
        HouseholdRoundState s = HouseholdRoundState.first(visit("a", Duration.ZERO, "reached", 1));
        // as the second release kept it: the visits in the state's own arrays
        s.eventIds = new String[] {"a"};
        s.visitedAt = new long[] {T.toEpochMilli()};
        s.outcomes = new String[] {"reached"};
        s.teamIds = new String[] {"team"};
        s.homeCounts = new int[] {1};
        s.centralCounts = new int[] {0};
        s.visits = 1;
        s.apply(visit("b", Duration.ofHours(1), "refused", 0), kept);
        assertThat(s.eventIds).isEmpty();
        assertThat(kept.get("a")).isNotNull();
        assertThat(s.visits).isEqualTo(2);
        assertThat(s.resolved).isTrue();
        assertThat(s.homeQuarantine).isEqualTo(1);
        assertThat(s.lastOutcome).isEqualTo("refused");
    }
}
