package io.cordon.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard verticle on its own, without Kafka and with its ClickHouse away: every route checks the token and
 * the scope before it reads anything, answers a wrong parameter with a 400 naming it, and answers 503 (not a hang, not
 * a 500) when the figures cannot be read; /health names ClickHouse. The routes with data run in local-stack.
 */
@ExtendWith(VertxExtension.class)
class DashboardVerticleTest {

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    record Deployed(WebClient client, int port) {
        HttpResponse<Buffer> get(String path, String token) {
            var r = client.get(port, "127.0.0.1", path);
            if (token != null) {
                r.bearerTokenAuthentication(token);
            }
            return r.send().await();
        }
    }

    static Deployed deploy(Vertx vertx) throws Exception {
        DashboardConfig config = DashboardConfig.fromEnv(Map.of(
                "CORDON_DASHBOARD_PORT",
                "0",
                "CORDON_CLICKHOUSE_URL",
                "http://127.0.0.1:" + closedPort(),
                "CORDON_KAFKA_BOOTSTRAP",
                "127.0.0.1:" + closedPort(),
                "CORDON_INGEST_TOKENS",
                "feed",
                "CORDON_VIEWER_TOKENS",
                "hq,pd:pd-secret@district:浦东新区"));
        DashboardVerticle verticle =
                new DashboardVerticle(config, Clock.systemUTC(), DashboardVerticle.Dependencies.WITHOUT_KAFKA);
        vertx.deployVerticle(verticle).await();
        return new Deployed(WebClient.create(vertx), verticle.port());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void tokensAndScopesAreCheckedBeforeAnythingIsRead(Vertx vertx) throws Exception {
        Deployed d = deploy(vertx);
        assertThat(d.get("/api/v1/tiles", null).statusCode()).isEqualTo(401);
        assertThat(d.get("/api/v1/tiles", "guess").statusCode()).isEqualTo(401);
        assertThat(d.get("/api/v1/tiles", "feed").statusCode())
                .as("a feed token reading")
                .isEqualTo(403);
        assertThat(d.get("/api/v1/snapshot?scope=all", "pd-secret").statusCode())
                .isEqualTo(403);
        assertThat(d.get("/api/v1/alerts?scope=" + enc("district:黄浦区"), "pd-secret")
                        .statusCode())
                .isEqualTo(403);
        assertThat(d.get("/api/v1/compounds?district=" + enc("黄浦区"), "pd-secret")
                        .statusCode())
                .isEqualTo(403);
        assertThat(d.get("/api/v1/revisits/overdue?district=" + enc("黄浦区"), "pd-secret")
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<Buffer> bad = d.get("/api/v1/tiles?scope=province:x", "hq");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.bodyAsJsonObject().getString("parameter")).isEqualTo("scope");
        assertThat(d.get("/api/v1/alerts?limit=0", "hq").bodyAsJsonObject().getString("parameter"))
                .isEqualTo("limit");
        assertThat(d.get("/api/v1/snapshot?scope=checkpoint:X", "hq").statusCode())
                .isEqualTo(400);
        assertThat(bad.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void withClickHouseAwayReadsAre503AndHealthSaysWhy(Vertx vertx) throws Exception {
        Deployed d = deploy(vertx);
        HttpResponse<Buffer> tiles = d.get("/api/v1/tiles", "hq");
        assertThat(tiles.statusCode()).isEqualTo(503);
        assertThat(tiles.getHeader("Retry-After")).isNotNull();
        assertThat(d.get("/api/v1/compounds", "pd-secret").statusCode()).isEqualTo(503);
        HttpResponse<Buffer> health = d.get("/health", null);
        for (int i = 0; i < 50 && health.bodyAsString().contains("not asked yet"); i++) {
            Thread.sleep(100);
            health = d.get("/health", null);
        }
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.bodyAsJsonObject().getJsonArray("down")).containsExactly("clickhouse");
        assertThat(d.get("/health/ready", null).statusCode()).isEqualTo(503);
        assertThat(d.get("/health/live", null).statusCode()).isEqualTo(200);
        assertThat(d.get("/health/live", null).bodyAsJsonObject().getString("version"))
                .isEqualTo(health.bodyAsJsonObject().getString("version"))
                .isNotEqualTo("unknown");
        assertThat(d.get("/metrics", null).bodyAsString()).contains("cordon_http_requests_seconds_count");
        assertThat(d.get("/openapi.json", null).statusCode()).isEqualTo(200);
    }

    @Test
    void anAdminTokenIsNeverTakenFromTheUrl(Vertx vertx) throws Exception {
        Deployed d = deploy(vertx);
        // "feed" acts as the admin here (no CORDON_ADMIN_TOKENS): in the header it gets past the token check
        assertThat(d.get("/api/v1/audit", "feed").statusCode()).isNotIn(401, 403);
        HttpResponse<Buffer> inUrl = d.get("/api/v1/audit?token=feed", null);
        assertThat(inUrl.statusCode()).isEqualTo(401);
        assertThat(inUrl.bodyAsString()).doesNotContain("?token=");
        // a viewer's page and websocket still take it from the URL
        assertThat(d.get("/api/v1/tiles?token=hq", null).statusCode()).isNotIn(401, 403);
    }
}
