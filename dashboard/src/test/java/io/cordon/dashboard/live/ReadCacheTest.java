package io.cordon.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadCacheTest {

    /** A clock that moves only when told. */
    static final class Hand extends Clock {
        long millis;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    @Test
    void oneReadServesEveryCallerUntilItExpiresOrFails() {
        Hand clock = new Hand();
        ReadCache<String> cache = new ReadCache<>(clock, 5_000);
        AtomicInteger reads = new AtomicInteger();
        CompletableFuture<String> out = new CompletableFuture<>();

        CompletableFuture<String> first = cache.get(now -> {
            reads.incrementAndGet();
            return out;
        });
        clock.millis = 4_999;
        assertThat(cache.get(now -> CompletableFuture.completedFuture("again")))
                .as("the read still out is shared")
                .isSameAs(first);
        assertThat(reads).hasValue(1);

        clock.millis = 5_000;
        assertThat(cache.get(now -> CompletableFuture.completedFuture("at " + now))
                        .join())
                .isEqualTo("at 5000");

        clock.millis = 10_000;
        CompletableFuture<String> failed = cache.get(now -> CompletableFuture.failedFuture(new RuntimeException("x")));
        assertThat(failed).isCompletedExceptionally();
        clock.millis = 10_001;
        assertThat(cache.get(now -> CompletableFuture.completedFuture("after a failure"))
                        .join())
                .as("a failed read is not kept")
                .isEqualTo("after a failure");
    }
}
