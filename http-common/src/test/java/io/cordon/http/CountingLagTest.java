package io.cordon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The counting lag while Kafka does not answer: unknown, one worker at most, and it closes at once (a dashboard
 * stopping while the event log hung used to wait minutes behind twenty queued measurements).
 */
class CountingLagTest {

    @Test
    void withKafkaAwayTheLagIsUnknownAndClosingDoesNotWait() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // nothing listens there once closed
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(2));
        try {
            CountingLag lag =
                    new CountingLag("127.0.0.1:" + port, "cordon.checkpoint-arrivals", "cordon-counts").start(vertx);
            Thread.sleep(4_500); // a measurement is waiting on Kafka; ticks have fallen due meanwhile
            assertThat(lag.get().known()).isFalse();
            assertThat(assertTimeoutPreemptively(
                            Duration.ofSeconds(10),
                            () -> vertx.executeBlocking(() -> "free").await()))
                    .isEqualTo("free");
            assertTimeoutPreemptively(Duration.ofSeconds(8), lag::close);
        } finally {
            vertx.close().await();
        }
    }
}
