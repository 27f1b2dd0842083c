package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The demo's checkpoint simulator against an ingest whose tokens are written as a deployment writes them ({@code
 * label:secret@scope}): it registers with the admin token's secret and posts with the feed token's (before, it sent
 * the whole first entry of CORDON_INGEST_TOKENS as its bearer, so {@code ./cordon demo} with tokens set stopped at once).
 */
class SimulatorTokensTest {

    @Test
    void theSimulatorSendsTheSecretsOfTheAdminAndFeedTokens() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer ingest = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ingest.createContext("/", exchange -> {
            seen.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                            + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"accepted\":1,\"rejected\":[]}".getBytes();
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("PUT") ? 200 : 202, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        ingest.start();
        try (Simulator simulator = Simulator.start(
                "http://127.0.0.1:" + ingest.getAddress().getPort(),
                Map.of(
                        "CORDON_INGEST_TOKENS", "gate-1:feed-secret-0123456789@district:浦东新区,other-secret-0123456",
                        "CORDON_ADMIN_TOKENS", "hq:admin-secret-0123456789@all",
                        "CORDON_SIM_SPEED", "20000"))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (seen.stream().noneMatch(s -> s.startsWith("POST")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            ingest.stop(0);
        }
        assertThat(seen).contains("PUT /api/v1/registry/checkpoints Bearer admin-secret-0123456789");
        assertThat(seen).contains("POST /api/v1/checkpoint-events Bearer feed-secret-0123456789");
        assertThat(seen).allMatch(s -> s.endsWith("admin-secret-0123456789") || s.endsWith("feed-secret-0123456789"));
    }
}
