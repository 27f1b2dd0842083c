package io.cordon.dashboard.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which claim to freeze a date came first, from the claims as each replica has them. */
class FreezeClaimTest {

    @Test
    void theEarliestStampWinsTiesGoToTheSmallerIdAndEveryReplicaCounts() {
        // replica 1 has its own claim only (the other's not replicated yet); replica 2 has both
        String r1 = "1700000001000\tb-claim\n";
        String r2 = "1700000002000\ta-claim\n1700000001000\tb-claim\n";
        assertThat(FreezeClaims.earliestClaim(List.of(r1, r2))).isEqualTo("b-claim");
        assertThat(FreezeClaims.earliestClaim(List.of("1700000002000\ta-claim\n", r1)))
                .isEqualTo("b-claim");
        assertThat(FreezeClaims.earliestClaim(List.of("5\tz\n5\tc\n", "5\tm\n")))
                .isEqualTo("c");
        assertThat(FreezeClaims.earliestClaim(List.of("", ""))).isNull();
    }

    @Test
    void aClaimThisDashboardGaveUpDoesNotHoldItsNextTry() {
        String both = "1700000001000\tfailed-try\n1700000009000\tnext-try\n";
        assertThat(FreezeClaims.earliestClaim(List.of(both))).isEqualTo("failed-try");
        assertThat(FreezeClaims.earliestClaim(List.of(both), Set.of("failed-try")))
                .isEqualTo("next-try");
    }
}
