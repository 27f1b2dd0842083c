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
        return VisitRecord.of(new HouseholdVisit(id, "H1", "C1", 1, T.plus(after), "team", outcome, 3, home, 0, home, T));
    }

    @Test
    void takingBackTheResolvingVisitMakesTheHouseholdPendingAgainWithItsEarlierAttemptLatest() {
        VisitRecord first = visit("a", Duration.ZERO, "nobody_home", 0);
        VisitRecord second = visit("b", Duration.ofHours(2), "reached", 2);
        HouseholdRoundState s = HouseholdRoundState.first(first);
        s.apply(first);
        s.apply(second);
        assertThat(s.resolved).isTrue();
        assertThat(s.homeQuarantine).isEqualTo(2);
        long versionResolved = s.version();

        s.apply(second.retraction());
        assertThat(s.visits).isEqualTo(1);
        assertThat(s.resolved).isFalse();
        assertThat(s.pending()).isTrue();
        assertThat(s.lastOutcome).isEqualTo("nobody_home");
        assertThat(s.homeQuarantine).isZero();
        // the revisit deadline restarts from the attempt that is now the latest
        assertThat(s.overdueFromMillis(Duration.ofHours(6).toMillis())).isEqualTo(T.plus(Duration.ofHours(6)).toEpochMilli());
        assertThat(s.version()).isGreaterThan(versionResolved);

        s.apply(first.retraction());
        assertThat(s.visits).isZero();
        assertThat(s.pending()).isFalse();
        assertThat(s.contribution().visited).isZero();
        assertThat(s.toRow()).containsEntry("last_outcome", "").containsEntry("first_visited_at", "1970-01-01 00:00:00");
    }

    @Test
    void theLatestVisitIsChosenByTimeThenIdWhateverTheOrderTheyCameIn() {
        VisitRecord a = visit("a", Duration.ofHours(1), "reached", 1);
        VisitRecord b = visit("b", Duration.ofHours(1), "phone_reached", 3);
        HouseholdRoundState ab = HouseholdRoundState.first(a);
        ab.apply(a);
        ab.apply(b);
        HouseholdRoundState ba = HouseholdRoundState.first(b);
        ba.apply(b);
        ba.apply(a);
        assertThat(ab.lastOutcome).isEqualTo(ba.lastOutcome).isEqualTo("phone_reached");
        assertThat(ab.homeQuarantine).isEqualTo(ba.homeQuarantine).isEqualTo(3);
    }

    @Test
    void aCorrectedVisitReplacesItsContent() {
        VisitRecord posted = visit("a", Duration.ZERO, "reached", 2);
        VisitRecord fixed = visit("a", Duration.ZERO, "refused", 0);
        HouseholdRoundState s = HouseholdRoundState.first(posted);
        s.apply(posted);
        s.apply(posted.retraction());
        s.apply(fixed);
        assertThat(s.visits).isEqualTo(1);
        assertThat(s.resolved).isFalse();
        assertThat(s.lastOutcome).isEqualTo("refused");
        assertThat(s.homeQuarantine).isZero();
    }
}
