package io.cordon.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.http.AccessTokens;
import io.cordon.http.BearerAuth;
import io.cordon.http.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bound on heavy reads (API.md, "Integrity across districts"): a read past CORDON_MAX_CONCURRENT_READS waits its
 * turn and then runs, or is answered 503 with Retry-After once it has waited too long; one caller beyond its share gets
 * 429 at once, while another caller's read still goes ahead.
 */
@ExtendWith(VertxExtension.class)
class ReadGateTest {

    /** A server whose reads hold their answer until the test lets them go. */
    record Server(int port, List<RoutingContext> held, ReadGate gate) {}

    static Server serve(Vertx vertx, int permits, long maxWaitMillis) {
        AccessTokens tokens =
                AccessTokens.fromEnv(Map.of("CORDON_VIEWER_TOKENS", "a:aaaaaaaaaaaaaaaa,b:bbbbbbbbbbbbbbbb"));
        ReadGate gate = new ReadGate(vertx, permits, maxWaitMillis);
        List<RoutingContext> held = new CopyOnWriteArrayList<>();
        Router router = Router.router(vertx);
        router.get("/read")
                .handler(new BearerAuth(tokens, "test", true).require(Role.VIEWER))
                .handler(gate)
                .handler(held::add);
        int port = vertx.createHttpServer()
                .requestHandler(router)
                .listen(0)
                .await()
                .actualPort();
        return new Server(port, held, gate);
    }

    static Future<HttpResponse<Buffer>> read(WebClient client, Server s, String token) {
        return client.get(s.port(), "127.0.0.1", "/read")
                .bearerTokenAuthentication(token)
                .send();
    }

    static void awaitHeld(Server s, int n) throws InterruptedException {
        for (int i = 0; i < 200 && s.held().size() < n; i++) {
            Thread.sleep(10);
        }
        assertThat(s.held()).hasSize(n);
    }

    @Test
    void aReadBeyondTheBoundWaitsItsTurnAndOneCallerBeyondItsShareIsToldToWait(Vertx vertx) throws Exception {
        Server s = serve(vertx, 2, 10_000);
        WebClient client = WebClient.create(vertx);
        var a1 = read(client, s, "aaaaaaaaaaaaaaaa");
        var a2 = read(client, s, "aaaaaaaaaaaaaaaa");
        awaitHeld(s, 2);
        HttpResponse<Buffer> a3 = read(client, s, "aaaaaaaaaaaaaaaa").await();
        assertThat(a3.statusCode()).isEqualTo(429);
        assertThat(a3.getHeader("Retry-After")).isNotNull();
        var b1 = read(client, s, "bbbbbbbbbbbbbbbb");
        Thread.sleep(100);
        assertThat(s.held()).as("b waits while both places are taken").hasSize(2);
        assertThat(s.gate().waiting()).isEqualTo(1);
        vertx.runOnContext(v -> s.held().get(0).response().end("done"));
        awaitHeld(s, 3);
        assertThat(a1.await().statusCode()).isEqualTo(200);
        vertx.runOnContext(v -> {
            s.held().get(1).response().end("done");
            s.held().get(2).response().end("done");
        });
        assertThat(a2.await().statusCode()).isEqualTo(200);
        assertThat(b1.await().statusCode()).isEqualTo(200);
        assertThat(s.gate().running()).isZero();
    }

    @Test
    void noReadStartsWhileTheReadsSettleOnAnotherReplica(Vertx vertx) throws Exception {
        Server s = serve(vertx, 2, 10_000);
        boolean[] settling = {true};
        s.gate().waitingFor(() -> settling[0]);
        WebClient client = WebClient.create(vertx);
        HttpResponse<Buffer> refused = read(client, s, "aaaaaaaaaaaaaaaa").await();
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("2");
        assertThat(refused.bodyAsString()).contains("replica");
        assertThat(s.held()).isEmpty();
        settling[0] = false;
        var again = read(client, s, "aaaaaaaaaaaaaaaa");
        awaitHeld(s, 1);
        vertx.runOnContext(v -> s.held().get(0).response().end("done"));
        assertThat(again.await().statusCode()).isEqualTo(200);
    }

    @Test
    void aReadThatWaitedTooLongIsA503WithRetryAfter(Vertx vertx) throws Exception {
        Server s = serve(vertx, 1, 300);
        WebClient client = WebClient.create(vertx);
        var first = read(client, s, "aaaaaaaaaaaaaaaa");
        awaitHeld(s, 1);
        HttpResponse<Buffer> late = read(client, s, "bbbbbbbbbbbbbbbb").await();
        assertThat(late.statusCode()).isEqualTo(503);
        assertThat(late.getHeader("Retry-After")).isNotNull();
        assertThat(late.bodyAsString()).contains("CORDON_MAX_CONCURRENT_READS");
        vertx.runOnContext(v -> s.held().get(0).response().end("done"));
        assertThat(first.await().statusCode()).isEqualTo(200);
        // the place it waited for is free again
        var again = read(client, s, "bbbbbbbbbbbbbbbb");
        awaitHeld(s, 2);
        vertx.runOnContext(v -> s.held().get(1).response().end("done"));
        assertThat(again.await().statusCode()).isEqualTo(200);
    }
}
