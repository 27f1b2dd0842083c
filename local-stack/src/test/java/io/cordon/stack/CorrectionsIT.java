package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.EventTimes;
import io.cordon.schemas.Json;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrong arrival corrected and then voided (API.md, "Corrections and voids"): the tiles follow at once, a fever the
 * correction removes is withdrawn from the walls and from the stored alerts, a resend after the void counts nothing,
 * and the rules on reasons, ids, the window and scopes hold.
 */
class CorrectionsIT {

    @TempDir
    Path dir;

    @Test
    void aCorrectionReplacesAnArrivalAndAVoidTakesItBackEverywhere() throws Exception {
        try (TestStack stack = TestStack.start(
                dir, Map.of("CORDON_ADMIN_TOKENS", "hq:hq-admin,pd:pd-admin@district:浦东新区,hp:hp-admin@district:黄浦区"))) {
            stack.adminToken = "hq-admin";
            assertThat(stack.putCheckpoints("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                                    + "CR-1,卡口,highway,上海,,浦东新区,,,\nCR-2,卡口,highway,上海,,黄浦区,,,\n")
                            .statusCode())
                    .isEqualTo(200);
            ConcurrentLinkedQueue<String> wall = new ConcurrentLinkedQueue<>();
            WebSocket ws = stack.http
                    .newWebSocketBuilder()
                    .buildAsync(
                            URI.create(stack.stack.dashboardUrl().replace("http", "ws") + "/ws/live"),
                            new WebSocket.Listener() {
                                @Override
                                public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                                    wall.add(data.toString());
                                    socket.request(1);
                                    return null;
                                }
                            })
                    .join();
            String at = EventTimes.format(Instant.now().minusSeconds(60), FaultLoad.SHANGHAI);
            assertThat(stack.postArrivals(
                                    CheckpointSnapshotIT.arrival("cr-e1", "CR-1", at, false, "turned_back", "38.2"))
                            .statusCode())
                    .isEqualTo(202);
            awaitTiles(stack, 1, 1, 1);
            TestStack.eventually(
                    Duration.ofSeconds(20),
                    () -> wall.stream().anyMatch(m -> m.contains("\"alert\"") && m.contains("cr-e1/0")),
                    () -> "the fever alert never reached the wall");

            String corrected = CheckpointSnapshotIT.arrival("cr-e1", "CR-1", at, false, "admitted", "36.5");
            String body =
                    corrected.substring(0, corrected.length() - 1) + ",\"correction_reason\":\"wrong thermometer\"}";
            HttpResponse<String> r = put(stack, "cr-e1", body, "hq-admin");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            assertThat(r.body()).isEqualTo("{\"corrected\":\"cr-e1\"}");
            awaitTiles(stack, 1, 0, 0);
            TestStack.eventually(
                    Duration.ofSeconds(20),
                    () -> wall.stream().anyMatch(m -> m.contains("\"alert_withdrawn\"") && m.contains("cr-e1/0")),
                    () -> "the withdrawal never reached the wall");
            TestStack.eventually(
                    Duration.ofSeconds(10),
                    () -> {
                        try {
                            JsonNode alerts = Json.MAPPER.readTree(
                                    stack.get("/api/v1/alerts").body());
                            return alerts.size() == 1
                                    && alerts.get(0).get("status").asText().equals("withdrawn");
                        } catch (Exception e) {
                            return false;
                        }
                    },
                    () -> "the stored alert is not withdrawn");
            assertThat(stack.send("POST", stack.stack.dashboardUrl() + "/api/v1/alerts/cr-e1/0/ack", null, null, null)
                            .statusCode())
                    .isEqualTo(409);

            r = stack.send(
                    "DELETE",
                    stack.stack.ingestUrl() + "/api/v1/checkpoint-events/cr-e1?reason=test%20run",
                    null,
                    null,
                    "hq-admin");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            assertThat(r.body()).isEqualTo("{\"voided\":\"cr-e1\"}");
            awaitTiles(stack, 0, 0, 0);
            // a resend after the void changes nothing
            assertThat(stack.postArrivals(
                                    CheckpointSnapshotIT.arrival("cr-e1", "CR-1", at, false, "turned_back", "38.2"))
                            .statusCode())
                    .isEqualTo(202);
            Thread.sleep(2000);
            awaitTiles(stack, 0, 0, 0);

            // the rules
            assertThat(put(stack, "cr-e2", corrected, "hq-admin").statusCode())
                    .as("no reason")
                    .isEqualTo(400);
            HttpResponse<String> mismatch = put(stack, "cr-other", body, "hq-admin");
            assertThat(mismatch.statusCode()).isEqualTo(400);
            assertThat(mismatch.body()).contains("/event_id");
            String old = CheckpointSnapshotIT.arrival(
                    "cr-e3",
                    "CR-1",
                    EventTimes.format(Instant.now().minus(Duration.ofDays(40)), FaultLoad.SHANGHAI),
                    false,
                    "admitted",
                    "36.5");
            HttpResponse<String> tooOld = put(
                    stack, "cr-e3", old.substring(0, old.length() - 1) + ",\"correction_reason\":\"x\"}", "hq-admin");
            assertThat(tooOld.statusCode()).isEqualTo(422);
            assertThat(tooOld.body()).contains("P30D");
            assertThat(put(stack, "cr-e1", body, TestStack.TOKEN).statusCode())
                    .as("a feed token")
                    .isEqualTo(403);
            String huangpu = CheckpointSnapshotIT.arrival("cr-e4", "CR-2", at, false, "admitted", "36.5");
            assertThat(put(
                                    stack,
                                    "cr-e4",
                                    huangpu.substring(0, huangpu.length() - 1) + ",\"correction_reason\":\"x\"}",
                                    "pd-admin")
                            .statusCode())
                    .as("a district's admin, another district's checkpoint")
                    .isEqualTo(403);
            assertThat(stack.send(
                                    "DELETE",
                                    stack.stack.ingestUrl() + "/api/v1/checkpoint-events/cr-e4?reason=x",
                                    null,
                                    null,
                                    "pd-admin")
                            .statusCode())
                    .as("a district's admin must name the checkpoint")
                    .isEqualTo(400);
            assertThat(stack.send(
                                    "DELETE",
                                    stack.stack.ingestUrl()
                                            + "/api/v1/checkpoint-events/cr-e4?reason=x&checkpoint_id=CR-2",
                                    null,
                                    null,
                                    "pd-admin")
                            .statusCode())
                    .isEqualTo(403);
            assertThat(stack.send(
                                    "DELETE",
                                    stack.stack.ingestUrl() + "/api/v1/checkpoint-events/cr-e4",
                                    null,
                                    null,
                                    "hq-admin")
                            .statusCode())
                    .as("no reason")
                    .isEqualTo(400);
            // the audit log holds the correction and the void with their reasons and the admin's label
            TestStack.eventually(
                    Duration.ofSeconds(15),
                    () -> {
                        try {
                            String audit = stack.send(
                                            "GET", stack.stack.dashboardUrl() + "/api/v1/audit", null, null, "hq-admin")
                                    .body();
                            return audit.contains("\"action\":\"correction\"")
                                    && audit.contains("wrong thermometer")
                                    && audit.contains("\"action\":\"void\"")
                                    && audit.contains("test run")
                                    && audit.contains("\"actor\":\"hq\"");
                        } catch (Exception e) {
                            return false;
                        }
                    },
                    () -> "the audit log lacks the correction or the void");
            // a district's admin reads its district's entries only (the correction was of a checkpoint of 浦东新区)
            String pd = stack.send("GET", stack.stack.dashboardUrl() + "/api/v1/audit", null, null, "pd-admin")
                    .body();
            assertThat(pd).contains("\"action\":\"correction\"").doesNotContain("registry_upsert");

            // a void of an arrival older than the window: ingest cannot know its time, the job refuses it and says so
            // in
            // the audit log, which the district's admin who asked reads (the row names the checkpoint's figure)
            assertThat(stack.postArrivals(CheckpointSnapshotIT.arrival(
                                    "cr-e5",
                                    "CR-1",
                                    EventTimes.format(Instant.now().minus(Duration.ofDays(40)), FaultLoad.SHANGHAI),
                                    false,
                                    "admitted",
                                    "36.5"))
                            .statusCode())
                    .isEqualTo(202);
            awaitTiles(stack, 1, 0, 0);
            assertThat(stack.send(
                                    "DELETE",
                                    stack.stack.ingestUrl()
                                            + "/api/v1/checkpoint-events/cr-e5?reason=too%20late&checkpoint_id=CR-1",
                                    null,
                                    null,
                                    "pd-admin")
                            .statusCode())
                    .isEqualTo(202);
            TestStack.eventually(
                    Duration.ofSeconds(20),
                    () -> {
                        try {
                            return stack.send(
                                            "GET",
                                            stack.stack.dashboardUrl() + "/api/v1/audit?action=void_refused",
                                            null,
                                            null,
                                            "pd-admin")
                                    .body()
                                    .contains("cr-e5");
                        } catch (Exception e) {
                            return false;
                        }
                    },
                    () -> "the refused void is not in 浦东新区's audit log");
            awaitTiles(stack, 1, 0, 0);
            assertThat(stack.send(
                                    "GET",
                                    stack.stack.dashboardUrl() + "/api/v1/audit?action=void_refused",
                                    null,
                                    null,
                                    "hp-admin")
                            .body())
                    .as("another district's admin")
                    .doesNotContain("cr-e5");
            assertThat(stack.send(
                                    "GET",
                                    stack.stack.dashboardUrl() + "/api/v1/audit?action=correction_refused",
                                    null,
                                    null,
                                    "hq-admin")
                            .statusCode())
                    .isEqualTo(200);
            ws.abort();
        }
    }

    private static HttpResponse<String> put(TestStack stack, String id, String body, String token) throws Exception {
        return stack.send(
                "PUT", stack.stack.ingestUrl() + "/api/v1/checkpoint-events/" + id, "application/json", body, token);
    }

    /** Waits until CR-1's cumulative persons, turned-back persons and abnormal temperatures are these. */
    private static void awaitTiles(TestStack stack, long persons, long turnedBack, long fevers)
            throws InterruptedException {
        long[] seen = new long[3];
        TestStack.eventually(
                Duration.ofSeconds(30),
                () -> {
                    try {
                        JsonNode t = stack.getJson("/api/v1/tiles?scope=checkpoint:CR-1")
                                .get("tiles");
                        seen[0] = t.get("registered_persons").get("cumulative").asLong();
                        seen[1] = t.get("turned_back_persons").get("cumulative").asLong();
                        seen[2] =
                                t.get("abnormal_temperatures").get("cumulative").asLong();
                        return seen[0] == persons && seen[1] == turnedBack && seen[2] == fevers;
                    } catch (Exception e) {
                        return false;
                    }
                },
                () -> "tiles " + Arrays.toString(seen) + ", expected " + persons + "/" + turnedBack + "/" + fevers);
    }
}
