package io.cordon.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.testkit.HandClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SharedReadTest {

    /** A read answered by hand: what it answers is the instant it was started at. */
    private final HandClock clock = new HandClock(Instant.EPOCH);

    private final List<CompletableFuture<Instant>> reads = new ArrayList<>();
    private final SharedRead<Instant> shared = new SharedRead<>(clock, Duration.ofMillis(500), at -> at, () -> {
        CompletableFuture<Instant> r = new CompletableFuture<>();
        reads.add(r);
        return r;
    });

    private void answer(int read) {
        reads.get(read).complete(clock.instant());
    }

    @Test
    void oneReadServesEveryCallerWithinTheInterval() {
        CompletableFuture<Instant> first = shared.get();
        CompletableFuture<Instant> meanwhile = shared.withoutWaiting();
        assertThat(reads).hasSize(1);
        assertThat(meanwhile)
                .as("nothing read yet: the request waits for the first read")
                .isSameAs(first);
        answer(0);
        clock.set(Instant.ofEpochMilli(400));
        assertThat(shared.get().join()).isEqualTo(Instant.ofEpochMilli(0));
        assertThat(shared.withoutWaiting().join()).isEqualTo(Instant.ofEpochMilli(0));
        assertThat(reads).hasSize(1);
    }

    @Test
    void aRequestDoesNotWaitForAReadAnotherStartedWhileTheLastIsAtMostTwoIntervalsOld() {
        shared.get();
        answer(0);
        clock.set(Instant.ofEpochMilli(600));
        CompletableFuture<Instant> wall = shared.get();
        assertThat(reads).as("expired: a new read").hasSize(2);
        assertThat(wall).as("a wall's refresh waits for it").isNotDone();
        CompletableFuture<Instant> request = shared.withoutWaiting();
        assertThat(request.join())
                .as("a request is answered from the last read")
                .isEqualTo(Instant.ofEpochMilli(0));
        assertThat(reads).as("and starts no read of its own").hasSize(2);
        answer(1);
        assertThat(wall.join()).isEqualTo(Instant.ofEpochMilli(600));
        assertThat(shared.withoutWaiting().join()).isEqualTo(Instant.ofEpochMilli(600));
    }

    @Test
    void aRequestWaitsWhenTheLastReadIsOlderThanTwoIntervals() {
        shared.get();
        answer(0);
        clock.set(Instant.ofEpochMilli(1_001));
        CompletableFuture<Instant> request = shared.withoutWaiting();
        assertThat(reads).hasSize(2);
        assertThat(request)
                .as("figures over two intervals old are not answered")
                .isNotDone();
        answer(1);
        assertThat(request.join()).isEqualTo(Instant.ofEpochMilli(1_001));
    }

    @Test
    void aFailedReadIsNotKeptAndRenewingReadsAgainUnlessAReadIsOut() {
        CompletableFuture<Instant> first = shared.get();
        reads.get(0).completeExceptionally(new IllegalStateException("ClickHouse away"));
        assertThat(first).isCompletedExceptionally();
        CompletableFuture<Instant> again = shared.get();
        assertThat(reads).as("a failure is read again at once").hasSize(2);
        assertThat(shared.renewed()).as("a read is out: renewing shares it").isSameAs(again);
        answer(1);
        shared.renewed();
        assertThat(reads)
                .as("none out: renewing reads again though the last is fresh")
                .hasSize(3);
    }
}
