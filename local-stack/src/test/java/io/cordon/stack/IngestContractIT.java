package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.Json;
import io.cordon.schemas.Topics;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest's public contract for arrivals and the checkpoint registry: every bad input gets its status and names its field. */
class IngestContractIT {

    @TempDir
    static Path dir;

    static TestStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.start(dir, Map.of("CORDON_INGEST_MAX_BODY_BYTES", String.valueOf(4 * 1024 * 1024)));
        assertThat(stack.putCheckpoints("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                                + "HZ-ZD-01,会泽站东,highway,云南,曲靖,会泽县,,,\n")
                        .statusCode())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void everyMalformedArrivalIsRejectedNamingItsField() throws Exception {
        List<MalformedArrivals.Case> corpus = MalformedArrivals.corpus("HZ-ZD-01");
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(100);
        assertThat(corpus.stream().map(MalformedArrivals.Case::json).distinct()).hasSize(corpus.size());
        for (MalformedArrivals.Case c : corpus) {
            HttpResponse<String> r = stack.postArrivals(c.json());
            assertThat(r.statusCode()).as(c.description() + ": " + r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/problem+json");
            JsonNode problem = Json.MAPPER.readTree(r.body());
            assertThat(problem.get("detail").asText()).isNotBlank();
            List<String> paths = new ArrayList<>();
            problem.get("errors").forEach(e -> paths.add(e.get("path").asText()));
            assertThat(paths).as(c.description() + ": " + r.body()).contains(c.path());
        }
    }

    @Test
    void aBatchAcceptsItsValidItemsAndNamesEachRejectedOne() throws Exception {
        List<MalformedArrivals.Case> corpus = MalformedArrivals.corpus("HZ-ZD-01");
        StringBuilder body = new StringBuilder("[").append(MalformedArrivals.valid("good-1", "HZ-ZD-01"));
        for (MalformedArrivals.Case c : corpus) {
            body.append(',').append(c.json());
        }
        body.append(',').append(MalformedArrivals.valid("good-2", "HZ-ZD-01")).append(']');
        HttpResponse<String> r = stack.postArrivals(body.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode answer = Json.MAPPER.readTree(r.body());
        assertThat(answer.get("accepted").asInt()).isEqualTo(2);
        assertThat(answer.get("rejected")).hasSize(corpus.size());
        for (int i = 0; i < corpus.size(); i++) {
            JsonNode rejected = answer.get("rejected").get(i);
            assertThat(rejected.get("index").asInt()).isEqualTo(i + 1);
            List<String> paths = new ArrayList<>();
            rejected.get("errors").forEach(e -> paths.add(e.get("path").asText()));
            assertThat(paths)
                    .as(corpus.get(i).description())
                    .contains(corpus.get(i).path());
        }
    }

    @Test
    void ndjsonLinesAreItemsAndAnUnreadableLineIsRejectedAlone() throws Exception {
        String body = MalformedArrivals.valid("nd-1", "HZ-ZD-01") + "\n{broken\n"
                + MalformedArrivals.valid("nd-2", "HZ-ZD-01") + "\n";
        HttpResponse<String> r = stack.send(
                "POST",
                stack.stack.ingestUrl() + "/api/v1/checkpoint-events",
                "application/x-ndjson",
                body,
                TestStack.TOKEN);
        assertThat(r.statusCode()).isEqualTo(202);
        JsonNode answer = Json.MAPPER.readTree(r.body());
        assertThat(answer.get("accepted").asInt()).isEqualTo(2);
        assertThat(answer.get("rejected").get(0).get("index").asInt()).isEqualTo(1);
    }

    @Test
    void tokensAreRequiredAndChecked() throws Exception {
        String url = stack.stack.ingestUrl() + "/api/v1/checkpoint-events";
        String item = MalformedArrivals.valid("tok-1", "HZ-ZD-01").toString();
        for (String token : new String[] {null, "wrong", "", "test-token-extra"}) {
            HttpResponse<String> r = stack.send("POST", url, "application/json", item, token);
            assertThat(r.statusCode()).as("token " + token).isEqualTo(401);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/problem+json");
            assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
        }
        assertThat(stack.send("POST", url, "application/json", item, "second-token")
                        .statusCode())
                .isEqualTo(202);
        assertThat(stack.send("PUT", stack.stack.ingestUrl() + "/api/v1/registry/checkpoints", "text/csv", "x", null)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void otherContentTypesAreRefused() throws Exception {
        String url = stack.stack.ingestUrl() + "/api/v1/checkpoint-events";
        for (String type : new String[] {"text/plain", "application/xml", "text/csv", "multipart/form-data", null}) {
            HttpResponse<String> r = stack.send(
                    "POST", url, type, MalformedArrivals.valid("ct", "HZ-ZD-01").toString(), TestStack.TOKEN);
            assertThat(r.statusCode()).as(String.valueOf(type)).isEqualTo(415);
            assertThat(Json.MAPPER.readTree(r.body()).get("detail").asText()).contains("Content-Type");
        }
        assertThat(stack.send(
                                "POST",
                                url,
                                "application/json; charset=utf-8",
                                MalformedArrivals.valid("ct-ok", "HZ-ZD-01").toString(),
                                TestStack.TOKEN)
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void oversizedBodiesAndBatchesAreRefused() throws Exception {
        StringBuilder big = new StringBuilder("[");
        for (int i = 0; i < 5001; i++) {
            big.append(i == 0 ? "" : ",").append("{\"event_id\":\"b").append(i).append("\"}");
        }
        HttpResponse<String> tooMany = stack.postArrivals(big.append(']').toString());
        assertThat(tooMany.statusCode()).isEqualTo(413);
        assertThat(Json.MAPPER.readTree(tooMany.body()).get("detail").asText()).contains("5000");
        HttpResponse<String> tooBig = stack.postArrivals("[\"" + "x".repeat(5 * 1024 * 1024) + "\"]");
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/problem+json");
    }

    @Test
    void unreadableBodiesAreBadRequests() throws Exception {
        for (String body : new String[] {"", "{", "[]", "\"text\"", "12", "[1,", "{\"a\":}"}) {
            HttpResponse<String> r = stack.postArrivals(body);
            assertThat(r.statusCode()).as("body " + body).isEqualTo(400);
            JsonNode p = Json.MAPPER.readTree(r.body());
            assertThat(p.get("detail").asText()).isNotBlank();
            assertThat(p.get("errors")).isNotEmpty();
        }
    }

    @Test
    void aBadRegistryRowRejectsTheRequestNamingRowAndField() throws Exception {
        String header = "checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n";
        record Bad(String csv, int row, String field) {}
        List<Bad> bad = List.of(
                new Bad(header + "A1,甲,highway,云南,,,,,\nA2,乙,airport,云南,,,,,\n", 2, "kind"),
                new Bad(header + "A1,,highway,云南,,,,,\n", 1, "name"),
                new Bad(header + "A1,甲,highway,,,,,,\n", 1, "province"),
                new Bad(header + "A 1,甲,highway,云南,,,,,\n", 1, "checkpoint_id"),
                new Bad(header + "A1,甲,highway,云南,,,,91,100\n", 1, "latitude"),
                new Bad(header + "A1,甲,highway,云南,,,,26,east\n", 1, "longitude"));
        for (Bad b : bad) {
            HttpResponse<String> r = stack.putCheckpoints(b.csv());
            assertThat(r.statusCode()).as(b.csv()).isEqualTo(400);
            JsonNode p = Json.MAPPER.readTree(r.body());
            assertThat(p.get("detail").asText()).contains("row " + b.row()).contains(b.field());
            assertThat(p.get("errors").get(0).get("row").asInt()).isEqualTo(b.row());
            assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo(b.field());
        }
        HttpResponse<String> missingColumn = stack.putCheckpoints("checkpoint_id,name\nA1,甲\n");
        assertThat(missingColumn.statusCode()).isEqualTo(400);
        assertThat(missingColumn.body()).contains("kind");
        // optional columns may be left out, and a spreadsheet's own columns are ignored
        HttpResponse<String> lenient =
                stack.putCheckpoints("备注,checkpoint_id,kind,name,province\n夜班,L1,railway,乙站,云南\n");
        assertThat(lenient.statusCode()).as(lenient.body()).isEqualTo(200);
        // nothing of a rejected request was stored: A1 is still unknown
        HttpResponse<String> r =
                stack.postArrivals(MalformedArrivals.valid("reg-1", "A1").toString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("/checkpoint_id");
    }

    @Test
    void theRegistryTakesJsonAndUpsertsById() throws Exception {
        String url = stack.stack.ingestUrl() + "/api/v1/registry/checkpoints";
        HttpResponse<String> r = stack.send(
                "PUT",
                url,
                "application/json",
                "[{\"checkpoint_id\":\"J1\",\"name\":\"旧名\",\"kind\":\"railway\",\"province\":\"云南\"}]",
                TestStack.TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        r = stack.send(
                "PUT",
                url,
                "application/json",
                "[{\"checkpoint_id\":\"J1\",\"name\":\"新名\",\"kind\":\"railway\",\"province\":\"云南\",\"latitude\":25.5,\"longitude\":103.1}]",
                TestStack.TOKEN);
        assertThat(r.body()).isEqualTo("{\"upserted\":1}");
        // this instance checks against the upload at once; the registry job writes the table from the registry log
        assertThat(stack.postArrivals(MalformedArrivals.valid("j1-1", "J1").toString())
                        .statusCode())
                .isEqualTo(202);
        TestStack.eventually(
                Duration.ofSeconds(10),
                () -> stack.stack
                        .clickHouse()
                        .executeBlocking("SELECT name FROM checkpoints FINAL WHERE checkpoint_id = 'J1' FORMAT TSV")
                        .strip()
                        .equals("新名"),
                () -> "the checkpoints table should hold J1's newest name");
    }

    @Test
    void aRegistryUploadIsOnTheDashboardOnceItIsAnswered() throws Exception {
        // no waiting here: the answer comes once the registry job has written the upload for the dashboard
        HttpResponse<String> r = stack.send(
                "PUT",
                stack.stack.ingestUrl() + "/api/v1/registry/checkpoints",
                "text/csv",
                "checkpoint_id,name,kind,province,city,district,street,latitude,longitude\nVIS-1,可见站,highway,云南,,会泽县,,,\n",
                TestStack.TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(stack.getJson("/api/v1/snapshot?format=json")
                        .get("checkpoints")
                        .toString())
                .contains("\"VIS-1\"");
        assertThat(stack.get("/api/v1/tiles?scope=checkpoint:VIS-1").statusCode())
                .isEqualTo(200);
        r = stack.send(
                "PUT",
                stack.stack.ingestUrl() + "/api/v1/registry/households",
                "text/csv",
                "household_id,district,street,community,compound_id,compound_name\nVIS-H1,会泽县,古城街道,可见社区,VIS-C,可见小区\n"
                        + "VIS-H2,会泽县,古城街道,可见社区,VIS-C,可见小区\n",
                TestStack.TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        // the compound is listed at once; its count follows within a flush of the registry job
        String path = "/api/v1/compounds?community=" + URLEncoder.encode("可见社区", "UTF-8");
        assertThat(stack.getJson(path).get("compounds")).hasSize(1);
        TestStack.eventually(
                Duration.ofSeconds(5),
                () -> {
                    try {
                        return stack.getJson(path)
                                        .get("compounds")
                                        .get(0)
                                        .get("households")
                                        .asLong()
                                == 2;
                    } catch (Exception e) {
                        return false;
                    }
                },
                () -> "compound VIS-C should count its 2 households");
    }

    @Test
    void idNumbersAndPlatesNeverLeaveIngestInClear() throws Exception {
        assertThat(stack.postArrivals(
                                MalformedArrivals.valid("pii-1", "HZ-ZD-01").toString())
                        .statusCode())
                .isEqualTo(202);
        try (var consumer = new KafkaConsumer<String, String>(
                Map.of(
                        "bootstrap.servers",
                        stack.stack.env().get("CORDON_KAFKA_BOOTSTRAP"),
                        "auto.offset.reset",
                        "earliest",
                        "group.id",
                        "pii-check"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CHECKPOINT_ARRIVALS));
            List<String> values = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 20_000;
            while (values.stream().noneMatch(v -> v.contains("pii-1")) && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(rec -> values.add(rec.value()));
            }
            String record =
                    values.stream().filter(v -> v.contains("pii-1")).findFirst().orElseThrow();
            assertThat(record)
                    .doesNotContain("530326199001011233")
                    .doesNotContain("云D12345")
                    .contains("id_hash")
                    .contains("plate_hash");
        }
        // neither the services' logs nor the event log's own segment files hold it in clear
        byte[] id = "530326199001011233".getBytes(StandardCharsets.UTF_8);
        List<Path> logs;
        try (var files = Files.walk(dir)) {
            logs = files.filter(p -> p.toString().endsWith(".log") && Files.isRegularFile(p))
                    .toList();
        }
        assertThat(logs).isNotEmpty();
        for (Path log : logs) {
            assertThat(indexOf(Files.readAllBytes(log), id)).as(log.toString()).isEqualTo(-1);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
