package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.EventTimes;
import io.cordon.schemas.Json;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wall's live channel: tiles on connect and on change, one alert per abnormal temperature, scoped. */
class LiveWallIT {

    @TempDir
    static Path dir;

    static TestStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.start(dir);
        assertThat(stack.putCheckpoints("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                                + "W-1,西门,compound_gate,上海,,浦东新区,,,\nW-2,东门,compound_gate,上海,,黄浦区,,,\n")
                        .statusCode())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** A websocket client that queues every text message. */
    static final class Listener implements WebSocket.Listener {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(Json.MAPPER.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        JsonNode next(String type, long seconds) throws InterruptedException {
            long deadline = System.currentTimeMillis() + seconds * 1000;
            while (System.currentTimeMillis() < deadline) {
                JsonNode m = messages.poll(200, TimeUnit.MILLISECONDS);
                if (m != null && m.get("type").asText().equals(type)) {
                    return m;
                }
            }
            return null;
        }
    }

    static Listener connect(String scope) {
        Listener l = new Listener();
        stack.http
                .newWebSocketBuilder()
                .buildAsync(URI.create(stack.stack.dashboardUrl().replace("http", "ws") + "/ws/live?scope=" + scope), l)
                .join();
        return l;
    }

    static String fever(String id, String checkpoint, double t) {
        return "{\"event_id\":\"" + id + "\",\"checkpoint_id\":\"" + checkpoint + "\",\"occurred_at\":\""
                + EventTimes.format(Instant.now().minusSeconds(5), ZoneId.of("Asia/Shanghai"))
                + "\",\"direction\":\"in\","
                + "\"persons\":[{\"temperature_c\":36.5},{\"temperature_c\":" + t + "}],\"decision\":\"turned_back\"}";
    }

    @Test
    void aFeverReachesTheWallOnceAndOnlyWallsWhoseScopeIncludesIt() throws Exception {
        Listener all = connect("all");
        Listener pudong = connect("district:%E6%B5%A6%E4%B8%9C%E6%96%B0%E5%8C%BA");
        Listener other = connect("checkpoint:W-2");
        JsonNode first = all.next("tiles", 10);
        assertThat(first).isNotNull();
        assertThat(first.get("as_of").asText()).isNotBlank();
        assertThat(first.get("tiles").get("abnormal_temperatures").get("today").asLong())
                .isZero();

        HttpResponse<String> r = stack.postArrivals(fever("fever-1", "W-1", 37.8));
        assertThat(r.statusCode()).isEqualTo(202);
        JsonNode alert = all.next("alert", 15);
        assertThat(alert).as("alert on the 'all' wall").isNotNull();
        assertThat(alert.get("kind").asText()).isEqualTo("abnormal_temperature");
        assertThat(alert.get("event_id").asText()).isEqualTo("fever-1");
        assertThat(alert.get("checkpoint_id").asText()).isEqualTo("W-1");
        assertThat(alert.get("temperature_c").asDouble()).isEqualTo(37.8);
        assertThat(OffsetDateTime.parse(alert.get("occurred_at").asText())).isNotNull();
        assertThat(pudong.next("alert", 5)).as("alert on the district wall").isNotNull();

        // the same event posted again is no new fever
        assertThat(stack.postArrivals(fever("fever-1", "W-1", 37.8)).statusCode())
                .isEqualTo(202);
        assertThat(all.next("alert", 3)).isNull();
        assertThat(other.next("alert", 1))
                .as("a wall scoped to another checkpoint")
                .isNull();

        JsonNode tiles = null;
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode m = all.next("tiles", 2);
            if (m != null
                    && m.get("tiles").get("abnormal_temperatures").get("today").asLong() == 1) {
                tiles = m;
                break;
            }
        }
        assertThat(tiles).as("a tiles message with the fever counted").isNotNull();
        assertThat(tiles.get("tiles").get("turned_back_persons").get("last_15m").asLong())
                .isEqualTo(2);
    }

    @Test
    void theWallPageAndItsScriptAreServed() throws Exception {
        HttpResponse<String> page = stack.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Cordon").contains("wall.js");
        for (String asset : List.of("/wall.js", "/wall.css")) {
            assertThat(stack.get(asset).statusCode()).as(asset).isEqualTo(200);
        }
        assertThat(stack.get("/health").body()).startsWith("{\"status\":\"up\",\"version\":");
        HttpResponse<String> openApi = stack.get("/openapi.json");
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(openApi.body()).get("paths").has("/api/v1/snapshot"))
                .isTrue();
    }
}
