package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.EventTimes;
import io.cordon.testkit.ChildJvm;
import io.cordon.testkit.Feeds;
import io.cordon.testkit.FreePorts;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ingest processes side by side ({@code ./cordon run ingest} twice) against the stack's Kafka and ClickHouse:
 * a registry upload through one is honoured by the other within seconds, households uploaded through both are
 * counted once in their compound, and arrivals posted through both are counted once each.
 */
class TwoIngestProcessesIT {

    @TempDir
    static Path dir;

    static TestStack stack;
    static final List<Process> processes = new ArrayList<>();
    static final List<String> urls = new ArrayList<>();
    static final String HEADER =
            "household_id,district,street,community,compound_id,compound_name,building,unit,room,responsible_unit,grid_id\n";

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.start(dir);
        for (int i = 0; i < 2; i++) {
            int port = FreePorts.next();
            Map<String, String> env = new HashMap<>();
            env.put("CORDON_KAFKA_BOOTSTRAP", stack.stack.env().get("CORDON_KAFKA_BOOTSTRAP"));
            env.put("CORDON_CLICKHOUSE_URL", stack.stack.env().get("CORDON_CLICKHOUSE_URL"));
            env.put("CORDON_INGEST_TOKENS", TestStack.TOKEN);
            env.put("CORDON_ID_HASH_KEY", stack.stack.env().get("CORDON_ID_HASH_KEY"));
            env.put("CORDON_INGEST_PORT", String.valueOf(port));
            ProcessBuilder pb = new ProcessBuilder(ChildJvm.command(
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), ComponentMain.class.getName(), "ingest"));
            pb.environment().putAll(env);
            pb.redirectErrorStream(true)
                    .redirectOutput(dir.resolve("ingest-" + i + ".log").toFile());
            processes.add(pb.start());
            urls.add("http://127.0.0.1:" + port);
        }
        for (String url : urls) {
            TestStack.eventually(Duration.ofSeconds(60), () -> health(url) == 200, () -> url + " never became healthy");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process p : processes) {
            p.destroy();
            p.waitFor();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static int health(String url) {
        try {
            return stack.http
                    .send(
                            HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static HttpResponse<String> send(String url, String method, String path, String type, String body)
            throws Exception {
        return stack.send(method, url + path, type, body, TestStack.TOKEN);
    }

    private static String household(String id, String compound) {
        return id + ",浦东新区,花木街道,联洋社区," + compound + ",联洋小区,1,1,101,单位,G\n";
    }

    @Test
    void anUploadThroughOneProcessIsHonouredByTheOtherAndCountedOnce() throws Exception {
        String a = urls.get(0);
        String b = urls.get(1);
        assertThat(send(
                                a,
                                "PUT",
                                "/api/v1/registry/households",
                                "text/csv",
                                HEADER
                                        + household("TW-1", "TW-C")
                                        + household("TW-2", "TW-C")
                                        + household("TW-3", "TW-C"))
                        .statusCode())
                .isEqualTo(200);
        String at = EventTimes.format(Instant.now().minusSeconds(60), ZoneId.of("Asia/Shanghai"));
        String visit = "{\"event_id\":\"tw-v1\",\"household_id\":\"TW-2\",\"round\":1,\"visited_at\":\"" + at
                + "\",\"outcome\":\"reached\"}";
        Instant uploaded = Instant.now();
        TestStack.eventually(
                Duration.ofSeconds(10),
                () -> {
                    try {
                        return send(b, "POST", "/api/v1/household-visits", "application/json", visit)
                                        .statusCode()
                                == 202;
                    } catch (Exception e) {
                        return false;
                    }
                },
                () -> "the other process never accepted a visit of a household uploaded through the first");
        assertThat(Duration.between(uploaded, Instant.now())).isLessThan(Duration.ofSeconds(5));
        // the same households again through the second process, and one more: the compound has four, not seven
        assertThat(send(
                                b,
                                "PUT",
                                "/api/v1/registry/households",
                                "text/csv",
                                HEADER
                                        + household("TW-1", "TW-C")
                                        + household("TW-2", "TW-C")
                                        + household("TW-3", "TW-C")
                                        + household("TW-4", "TW-C"))
                        .statusCode())
                .isEqualTo(200);
        TestStack.eventually(
                Duration.ofSeconds(30),
                () -> {
                    try {
                        JsonNode row = stack.getJson(
                                        "/api/v1/compounds?round=1&community=" + URLEncoder.encode("联洋社区", "UTF-8"))
                                .get("compounds")
                                .get(0);
                        return row.get("households").asLong() == 4
                                && row.get("resolved").asLong() == 1;
                    } catch (Exception e) {
                        return false;
                    }
                },
                () -> "compound TW-C should have 4 households and 1 resolved");
    }

    @Test
    void arrivalsPostedThroughBothProcessesAreCountedOnceEach() throws Exception {
        String a = urls.get(0);
        String b = urls.get(1);
        assertThat(send(
                                b,
                                "PUT",
                                "/api/v1/registry/checkpoints",
                                "text/csv",
                                "checkpoint_id,name,kind,province,city,district,street,latitude,longitude\nTW-K,双进程卡口,highway,上海,上海,浦东新区,花木,,\n")
                        .statusCode())
                .isEqualTo(200);
        String at = EventTimes.format(Instant.now().minusSeconds(30), ZoneId.of("Asia/Shanghai"));
        TestStack.eventually(
                Duration.ofSeconds(10),
                () -> {
                    try {
                        return send(a, "POST", "/api/v1/checkpoint-events", "application/json", arrival("tw-a0", at))
                                        .statusCode()
                                == 202;
                    } catch (Exception e) {
                        return false;
                    }
                },
                () -> "the first process never knew the checkpoint uploaded through the second");
        for (int i = 1; i < 20; i++) {
            String url = i % 2 == 0 ? a : b;
            assertThat(send(url, "POST", "/api/v1/checkpoint-events", "application/json", arrival("tw-a" + i, at))
                            .statusCode())
                    .isEqualTo(202);
            // every event resent through the other process
            assertThat(send(
                                    url.equals(a) ? b : a,
                                    "POST",
                                    "/api/v1/checkpoint-events",
                                    "application/json",
                                    arrival("tw-a" + i, at))
                            .statusCode())
                    .isEqualTo(202);
        }
        TestStack.eventually(
                Duration.ofSeconds(30),
                () -> {
                    try {
                        JsonNode t = stack.getJson("/api/v1/tiles?scope=checkpoint:TW-K")
                                .get("tiles");
                        return t.get("registered_persons").get("cumulative").asLong() == 40
                                && t.get("registered_vehicles").get("today").asLong() == 20;
                    } catch (Exception e) {
                        return false;
                    }
                },
                () -> "20 arrivals of 2 persons each, counted once");
    }

    private static String arrival(String id, String at) {
        return Feeds.arrival(id)
                .checkpoint("TW-K")
                .at(at)
                .vehicle("沪A00001", "car")
                .person(36.5)
                .person(36.6)
                .json();
    }
}
