package io.cordon.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.testkit.HandClock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadCacheTest {

    @Test
    void oneReadServesEveryCallerUntilItExpiresOrFails() {
        HandClock clock = new HandClock(Instant.EPOCH);
        ReadCache<String> cache = new ReadCache<>(clock, 5_000);
        AtomicInteger reads = new AtomicInteger();
        CompletableFuture<String> out = new CompletableFuture<>();

        CompletableFuture<String> first = cache.get(now -> {
            reads.incrementAndGet();
            return out;
        });
        clock.set(Instant.ofEpochMilli(4_999));
        assertThat(cache.get(now -> CompletableFuture.completedFuture("again")))
                .as("the read still out is shared")
                .isSameAs(first);
        assertThat(reads).hasValue(1);

        clock.set(Instant.ofEpochMilli(5_000));
        assertThat(cache.get(now -> CompletableFuture.completedFuture("at " + now))
                        .join())
                .isEqualTo("at 5000");

        clock.set(Instant.ofEpochMilli(10_000));
        CompletableFuture<String> failed = cache.get(now -> CompletableFuture.failedFuture(new RuntimeException("x")));
        assertThat(failed).isCompletedExceptionally();
        clock.set(Instant.ofEpochMilli(10_001));
        assertThat(cache.get(now -> CompletableFuture.completedFuture("after a failure"))
                        .join())
                .as("a failed read is not kept")
                .isEqualTo("after a failure");
    }
}
