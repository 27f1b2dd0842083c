package io.cordon.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A flush never waits behind another one (issue 19, S6): with ClickHouse hung, the flushes a service starts every second
 * return at once instead of piling up on its worker pool.
 */
class InsertQueueTest {

    @Test
    void aFlushBehindAHungOneReturnsAtOnce() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket hung = new ServerSocket(0)) {
            // accepts connections and never answers, as a frozen ClickHouse does
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(hung.accept());
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            InsertQueue queue = new InsertQueue(
                    new ClickHouseHttp("http://127.0.0.1:" + hung.getLocalPort(), "default"), "audit_log");
            queue.add("{\"action\":\"first\"}");
            CompletableFuture<Void> first = CompletableFuture.runAsync(queue::flush);
            while (held.isEmpty()) {
                Thread.sleep(10);
            }
            queue.add("{\"action\":\"second\"}");
            CompletableFuture<Void> second = CompletableFuture.runAsync(queue::flush);
            second.get(10, TimeUnit.SECONDS);
            assertThat(first)
                    .as("the first flush is still waiting on ClickHouse")
                    .isNotDone();
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
