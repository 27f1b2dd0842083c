package io.cordon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fixed-size memory of ids written lately: a first copy is told from a resend, in two generations. */
class RecentIdsTest {

    @Test
    void aFirstCopyIsToldFromAResendForAGenerationAndMore() {
        RecentIds ids = new RecentIds();
        assertThat(ids.firstSight("e-1")).isTrue();
        assertThat(ids.firstSight("e-1")).isFalse();
        ids.remember("v-1");
        assertThat(ids.firstSight("v-1")).isFalse();
        // a whole generation later, the ids of the one before are still known
        for (int i = 0; i < RecentIds.GENERATION; i++) {
            ids.firstSight("fill-" + i);
        }
        assertThat(ids.firstSight("e-1")).isFalse();
        // two generations later they are forgotten (the counting job still decides what counts)
        for (int i = 0; i < RecentIds.GENERATION; i++) {
            ids.firstSight("more-" + i);
        }
        assertThat(ids.firstSight("e-1")).isTrue();
    }

    @Test
    void newIdsAreFirstCopiesRightAfterAGenerationTurns() {
        RecentIds ids = new RecentIds();
        for (int i = 0; i < RecentIds.GENERATION + 1000; i++) {
            assertThat(ids.firstSight("load-" + i)).isTrue();
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(ids.firstSight("fever-" + i)).as("fever-" + i).isTrue();
        }
    }
}
