package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.Json;
import io.cordon.testkit.LocalKafka;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the event log cannot take writes, ingest answers every feed request 503 with Retry-After within seconds (it
 * never hangs: 40 requests at once do not exhaust its workers, and the feed checks keep answering), and /health says
 * Kafka is down.
 */
class EventLogOutageIT {

    @TempDir
    Path dir;

    @Test
    void answers503WithRetryAfterWhenKafkaIsDown() throws Exception {
        LocalKafka kafka = LocalKafka.start(dir.resolve("external-kafka"));
        try (TestStack stack = TestStack.start(dir, Map.of("CORDON_KAFKA_BOOTSTRAP", kafka.bootstrap()))) {
            assertThat(stack.putCheckpoints("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                                    + "K-1,卡口,highway,云南,,,,,\n")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(stack.postArrivals(MalformedArrivals.valid("ok-1", "K-1").toString())
                            .statusCode())
                    .isEqualTo(202);
            stack.stack.stopJobs();
            kafka.close();
            HttpResponse<String> r = stack.postArrivals("[" + MalformedArrivals.valid("down-1", "K-1") + ","
                    + MalformedArrivals.valid("down-2", "K-1") + "]");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/problem+json");
            assertThat(Json.MAPPER.readTree(r.body()).get("detail").asText()).contains("post the whole request again");

            // many requests at once, each of several items: every one answered, none left hanging (15 s is the bound)
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                StringBuilder batch = new StringBuilder("[");
                for (int k = 0; k < 5; k++) {
                    batch.append(k == 0 ? "" : ",").append(MalformedArrivals.valid("many-" + i + "-" + k, "K-1"));
                }
                answers.add(stack.http.sendAsync(
                        HttpRequest.newBuilder(URI.create(stack.stack.ingestUrl() + "/api/v1/checkpoint-events"))
                                .timeout(Duration.ofSeconds(15))
                                .header("Authorization", "Bearer " + TestStack.TOKEN)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        batch.append("]").toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            // meanwhile the feed checks answer (a bad body needs no Kafka)
            HttpResponse<String> bad = stack.send(
                    "POST",
                    stack.stack.ingestUrl() + "/api/v1/checkpoint-events",
                    "application/json",
                    "{\"event_id\": 1}",
                    TestStack.TOKEN);
            assertThat(bad.statusCode()).isEqualTo(400);
            for (var answer : answers) {
                HttpResponse<String> a = answer.join();
                assertThat(a.statusCode()).as(a.body()).isEqualTo(503);
                assertThat(a.headers().firstValue("Retry-After")).isPresent();
            }
            TestStack.eventually(
                    Duration.ofSeconds(15),
                    () -> {
                        try {
                            HttpResponse<String> h =
                                    stack.send("GET", stack.stack.ingestUrl() + "/health", null, null, null);
                            return h.statusCode() == 503 && h.body().contains("kafka");
                        } catch (Exception e) {
                            return false;
                        }
                    },
                    () -> "ingest's /health did not say that Kafka is down");
        }
    }
}
