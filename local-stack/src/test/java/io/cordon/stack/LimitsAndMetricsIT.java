package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits that keep one client from taking a service from the others: feed requests per token (429 with
 * Retry-After), walls per token and in all; and the Prometheus metrics of both services.
 */
class LimitsAndMetricsIT {

    @TempDir
    Path dir;

    @Test
    void aTokenOverItsRateOrItsWallsIsToldToWaitAndTheOthersGoOn() throws Exception {
        try (TestStack stack = TestStack.start(
                dir,
                Map.of(
                        "CORDON_FEED_RATE_LIMIT",
                        "5",
                        "CORDON_VIEWER_TOKENS",
                        "wall-a,wall-b,wall-c",
                        "CORDON_WS_MAX_CLIENTS_PER_TOKEN",
                        "2",
                        "CORDON_WS_MAX_CLIENTS",
                        "3"))) {
            assertThat(stack.putCheckpoints("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                                    + "R-1,卡口,highway,云南,,,,,\n")
                            .statusCode())
                    .isEqualTo(200);
            int tooMany = 0;
            for (int i = 0; i < 30; i++) {
                HttpResponse<String> r = stack.postArrivals(
                        MalformedArrivals.valid("rate-" + i, "R-1").toString());
                if (r.statusCode() == 429) {
                    tooMany++;
                    assertThat(r.headers().firstValue("Retry-After")).isPresent();
                    assertThat(r.headers().firstValue("Content-Type").orElse(""))
                            .isEqualTo("application/problem+json");
                } else {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                }
            }
            assertThat(tooMany).as("requests over 5/s (a bucket of 10)").isGreaterThan(0);
            // another token is not held back by the first one's rate
            assertThat(stack.send(
                                    "POST",
                                    stack.stack.ingestUrl() + "/api/v1/checkpoint-events",
                                    "application/json",
                                    MalformedArrivals.valid("rate-other", "R-1").toString(),
                                    "second-token")
                            .statusCode())
                    .isEqualTo(202);

            String ws = stack.stack.dashboardUrl().replace("http", "ws") + "/ws/live?token=";
            List<WebSocket> open = new ArrayList<>();
            try {
                open.add(connect(stack, ws + "wall-a"));
                open.add(connect(stack, ws + "wall-a"));
                assertThat(refused(stack, ws + "wall-a"))
                        .as("a third wall of one token")
                        .isEqualTo(429);
                open.add(connect(stack, ws + "wall-b"));
                assertThat(refused(stack, ws + "wall-c"))
                        .as("a fourth wall in all")
                        .isEqualTo(503);
            } finally {
                open.forEach(WebSocket::abort);
            }

            HttpResponse<String> ingestMetrics =
                    stack.send("GET", stack.stack.ingestUrl() + "/metrics", null, null, null);
            assertThat(ingestMetrics.statusCode()).isEqualTo(200);
            assertThat(ingestMetrics.body())
                    .contains("cordon_http_requests_seconds_count{")
                    .contains("route=\"/api/v1/checkpoint-events\"")
                    .contains("status=\"429\"")
                    .contains("cordon_event_log_errors_total")
                    .contains("cordon_feed_batch_seconds");
            HttpResponse<String> dashboardMetrics = stack.get("/metrics");
            assertThat(dashboardMetrics.statusCode()).isEqualTo(200);
            assertThat(dashboardMetrics.body())
                    .contains("cordon_websocket_clients")
                    .contains("cordon_clickhouse_query_seconds")
                    .contains("cordon_alert_lag_seconds")
                    .contains("route=\"/ws/live\"");
            // the shared read's time and its parts, each from the read's start: none after the whole
            HttpResponse<String> tiles = stack.view("/api/v1/tiles", "wall-c");
            assertThat(tiles.statusCode()).as(tiles.body()).isEqualTo(200);
            long read = Long.parseLong(
                    tiles.headers().firstValue("X-Cordon-Figures-Read-Ms").orElseThrow());
            String parts =
                    tiles.headers().firstValue("X-Cordon-Figures-Read-Parts").orElseThrow();
            assertThat(parts).matches("registry=\\d+;windows=\\d+;areas=\\d+;key_persons=\\d+");
            for (String part : parts.split(";")) {
                assertThat(Long.parseLong(part.substring(part.indexOf('=') + 1)))
                        .as(part)
                        .isLessThanOrEqualTo(read);
            }
            // no secret, ID or plate is a label
            assertThat(ingestMetrics.body() + dashboardMetrics.body())
                    .doesNotContain("wall-a")
                    .doesNotContain(TestStack.TOKEN);
        }
    }

    private static WebSocket connect(TestStack stack, String url) {
        return stack.http
                .newWebSocketBuilder()
                .buildAsync(URI.create(url), new WebSocket.Listener() {})
                .join();
    }

    private static int refused(TestStack stack, String url) {
        try {
            connect(stack, url).abort();
            throw new AssertionError("the websocket was accepted");
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }
}
