package io.cordon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A periodic task that hangs holds one worker: the ticks that fall due meanwhile are skipped, so the shared pool still
 * serves other work (before, each tick queued another run until every worker waited on the hung dependency).
 */
class PeriodicTest {

    final Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(2));

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void aHungTaskHoldsOneWorkerAndTheTicksMeanwhileAreSkipped() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        long timer = Periodic.blocking(vertx, 20, () -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            runs.incrementAndGet();
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300); // about fifteen ticks fall due while the first run hangs

        // the pool's other worker is free for other work
        String answer = assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> vertx.executeBlocking(() -> "served").await());
        assertThat(answer).isEqualTo("served");
        assertThat(most.get()).isEqualTo(1);
        assertThat(runs.get()).isEqualTo(1);

        release.countDown();
        long after = System.nanoTime();
        while (runs.get() < 3 && System.nanoTime() - after < TimeUnit.SECONDS.toNanos(5)) {
            Thread.sleep(10);
        }
        vertx.cancelTimer(timer);
        assertThat(runs.get()).as("runs go on once the hung one ends").isGreaterThanOrEqualTo(3);
        assertThat(most.get()).isEqualTo(1);
    }
}
