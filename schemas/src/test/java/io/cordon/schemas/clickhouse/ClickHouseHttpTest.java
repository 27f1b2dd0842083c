package io.cordon.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClickHouseHttpTest {

    @Test
    void readsSeveralServersFromOneAddress() {
        assertThat(ClickHouseHttp.servers(" http://a:8123/, http://b:8123 ,"))
                .containsExactly("http://a:8123", "http://b:8123");
        assertThat(new ClickHouseHttp("http://a:8123/", "default").baseUrl()).isEqualTo("http://a:8123");
        assertThatThrownBy(() -> ClickHouseHttp.servers(" , ")).hasMessageContaining("names no server");
    }

    @Test
    void handsOverToTheNextReplicaOnlyWhatAnotherReplicaCouldTake() {
        assertThat(ClickHouseException.replicaDown(new CompletionException(new ConnectException("refused"))))
                .isTrue();
        assertThat(ClickHouseException.replicaDown(new ClickHouseException(
                        500, "Code: 242, e.displayText() = DB::Exception: Table is in readonly mode")))
                .isTrue();
        assertThat(ClickHouseException.replicaDown(new ClickHouseException(
                        500, "Code: 225, e.displayText() = DB::Exception: ZooKeeper is not configured")))
                .isTrue();
        // a statement wrong on every server is not handed over
        assertThat(ClickHouseException.replicaDown(
                        new ClickHouseException(400, "Code: 62, e.displayText() = DB::Exception: Syntax error")))
                .isFalse();
        assertThat(ClickHouseException.replicaDown(
                        new ClickHouseException(500, "Code: 2420, e.displayText() = DB::Exception: something else")))
                .isFalse();
    }

    /** Two local HTTP servers speaking ClickHouse's error shape: a read-only one and a healthy one. */
    @Test
    void aStatementRefusedByAReadOnlyReplicaIsAnsweredByTheOtherAndStaysThere() throws IOException {
        AtomicInteger toReadOnly = new AtomicInteger();
        AtomicInteger toHealthy = new AtomicInteger();
        HttpServer readOnly =
                server(500, "Code: 242, e.displayText() = DB::Exception: Table is in readonly mode", toReadOnly);
        HttpServer healthy = server(200, "1\n", toHealthy);
        try {
            ClickHouseHttp clickHouse = new ClickHouseHttp(
                    "http://127.0.0.1:" + readOnly.getAddress().getPort() + ",http://127.0.0.1:"
                            + healthy.getAddress().getPort(),
                    "default");
            assertThat(clickHouse.executeBlocking("SELECT 1")).isEqualTo("1\n");
            assertThat(clickHouse.executeBlocking("SELECT 1")).isEqualTo("1\n");
            assertThat(toReadOnly.get()).isEqualTo(1);
            assertThat(toHealthy.get()).isEqualTo(2);
            assertThat(clickHouse.currentServer())
                    .endsWith(":" + healthy.getAddress().getPort());
            // when every server fails, a server's answer is the error, not the refused connection of one down,
            // whichever was tried last (a quorum insert's "not reached" is what its caller acts on)
            healthy.stop(0);
            assertThatThrownBy(() -> clickHouse.executeBlocking("SELECT 1")).hasMessageContaining("Code: 242");
            ClickHouseHttp answeringFirst = new ClickHouseHttp(
                    "http://127.0.0.1:" + readOnly.getAddress().getPort() + ",http://127.0.0.1:"
                            + healthy.getAddress().getPort(),
                    "default");
            assertThatThrownBy(() -> answeringFirst.executeBlocking("SELECT 1")).hasMessageContaining("Code: 242");
        } finally {
            readOnly.stop(0);
            healthy.stop(0);
        }
    }

    private static HttpServer server(int status, String body, AtomicInteger asked) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            asked.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }
}
