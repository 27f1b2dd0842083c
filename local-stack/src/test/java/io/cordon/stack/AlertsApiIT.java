package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.EventTimes;
import io.cordon.schemas.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored fever alerts (API.md, "Alerts"): a wall opened after a fever finds it in {@code GET /api/v1/alerts};
 * acknowledging it from one place is seen by every wall and by the list; scopes hold for both routes.
 */
class AlertsApiIT {

    @TempDir
    Path dir;

    @Test
    void aFeverIsListedForLaterWallsAndAcknowledgedForAll() throws Exception {
        try (TestStack stack =
                TestStack.start(dir, Map.of("CORDON_VIEWER_TOKENS", "hq-wall,pd:pd-wall@district:浦东新区"))) {
            assertThat(stack.putCheckpoints("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                                    + "A-1,卡口,highway,上海,,黄浦区,,,\nA-2,卡口,highway,上海,,浦东新区,,,\n")
                            .statusCode())
                    .isEqualTo(200);
            String now = EventTimes.format(Instant.now(), FaultLoad.SHANGHAI);
            assertThat(stack.postArrivals(
                                    CheckpointSnapshotIT.arrival("af-1", "A-1", now, false, "referred", "36.5", "38.7"))
                            .statusCode())
                    .isEqualTo(202);
            JsonNode[] list = new JsonNode[1];
            TestStack.eventually(
                    Duration.ofSeconds(30),
                    () -> {
                        try {
                            list[0] = Json.MAPPER.readTree(
                                    view(stack, "/api/v1/alerts", "hq-wall").body());
                            return list[0].size() == 1;
                        } catch (Exception e) {
                            return false;
                        }
                    },
                    () -> "the fever was not stored: " + list[0]);
            JsonNode alert = list[0].get(0);
            assertThat(alert.get("alert_id").asText()).isEqualTo("af-1/1");
            assertThat(alert.get("status").asText()).isEqualTo("new");
            assertThat(alert.get("temperature_c").asDouble()).isEqualTo(38.7);
            assertThat(alert.get("occurred_at").asText()).endsWith("+08:00");
            // another district's viewer neither sees it nor acknowledges it
            assertThat(Json.MAPPER.readTree(
                            view(stack, "/api/v1/alerts", "pd-wall").body()))
                    .isEmpty();
            assertThat(view(stack, "/api/v1/alerts?scope=all", "pd-wall").statusCode())
                    .isEqualTo(403);
            assertThat(ack(stack, "af-1/1", "pd-wall").statusCode()).isEqualTo(403);
            assertThat(ack(stack, "nope/0", "hq-wall").statusCode()).isEqualTo(404);
            assertThat(view(stack, "/api/v1/alerts?limit=5000", "hq-wall").statusCode())
                    .isEqualTo(400);
            assertThat(view(stack, "/api/v1/alerts?since=yesterday", "hq-wall").statusCode())
                    .isEqualTo(400);
            assertThat(Json.MAPPER.readTree(view(
                                    stack,
                                    "/api/v1/alerts?since="
                                            + URLEncoder.encode(
                                                    Instant.now()
                                                            .plusSeconds(3600)
                                                            .toString(),
                                                    StandardCharsets.UTF_8),
                                    "hq-wall")
                            .body()))
                    .isEmpty();

            ConcurrentLinkedQueue<String> wall = new ConcurrentLinkedQueue<>();
            WebSocket ws = stack.http
                    .newWebSocketBuilder()
                    .buildAsync(
                            URI.create(stack.stack.dashboardUrl().replace("http", "ws") + "/ws/live?token=hq-wall"),
                            new WebSocket.Listener() {
                                @Override
                                public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                                    wall.add(data.toString());
                                    socket.request(1);
                                    return null;
                                }
                            })
                    .join();
            assertThat(ack(stack, "af-1/1", "hq-wall").statusCode()).isEqualTo(204);
            TestStack.eventually(
                    Duration.ofSeconds(10),
                    () -> wall.stream().anyMatch(m -> m.contains("\"alert_acknowledged\"") && m.contains("af-1/1")),
                    () -> "the wall was not told of the acknowledgement");
            TestStack.eventually(
                    Duration.ofSeconds(10),
                    () -> {
                        try {
                            return Json.MAPPER
                                    .readTree(view(stack, "/api/v1/alerts", "hq-wall")
                                            .body())
                                    .get(0)
                                    .get("status")
                                    .asText()
                                    .equals("acknowledged");
                        } catch (Exception e) {
                            return false;
                        }
                    },
                    () -> "the list does not say acknowledged");
            assertThat(ack(stack, "af-1/1", "hq-wall").statusCode())
                    .as("acknowledging again")
                    .isEqualTo(204);
            ws.abort();
        }
    }

    private static HttpResponse<String> view(TestStack stack, String path, String token) throws Exception {
        return stack.send("GET", stack.stack.dashboardUrl() + path, null, null, token);
    }

    private static HttpResponse<String> ack(TestStack stack, String alertId, String token) throws Exception {
        return stack.send("POST", stack.stack.dashboardUrl() + "/api/v1/alerts/" + alertId + "/ack", null, null, token);
    }
}
