package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.dashboard.DashboardConfig;
import io.cordon.dashboard.DashboardVerticle;
import io.cordon.ingest.EventLog;
import io.cordon.schemas.FeverAlert;
import io.cordon.schemas.Json;
import io.cordon.schemas.Topics;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.ClickHouseSchema;
import io.cordon.testkit.FreePorts;
import io.cordon.testkit.LocalClickHouse;
import io.cordon.testkit.LocalKafka;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard started while Kafka is away: its /health says which dependency is down (503), its alert feed keeps
 * trying instead of dying, and once Kafka is there an alert reaches an open wall; ClickHouse stopped is named too.
 */
class DashboardDependenciesIT {

    @TempDir
    Path dir;

    @Test
    void theAlertFeedOutlivesAKafkaThatIsNotThereYetAndHealthSaysWhatIsDown() throws Exception {
        LocalClickHouse clickHouse = LocalClickHouse.start(dir.resolve("clickhouse"));
        Vertx vertx = Vertx.vertx();
        LocalKafka kafka = null;
        HttpClient http = HttpClient.newHttpClient();
        try {
            ClickHouseSchema.apply(new ClickHouseHttp(clickHouse.url(), "deps"));
            int kafkaPort = FreePorts.next();
            int controllerPort = FreePorts.next();
            DashboardVerticle dashboard = new DashboardVerticle(DashboardConfig.fromEnv(Map.of(
                    "CORDON_DASHBOARD_PORT",
                    "0",
                    "CORDON_KAFKA_BOOTSTRAP",
                    "127.0.0.1:" + kafkaPort,
                    "CORDON_CLICKHOUSE_URL",
                    clickHouse.url(),
                    "CORDON_CLICKHOUSE_DATABASE",
                    "deps")));
            vertx.deployVerticle(dashboard).await();
            String base = "http://127.0.0.1:" + dashboard.port();

            TestStack.eventually(
                    Duration.ofSeconds(20),
                    () -> health(http, base).statusCode() == 503
                            && health(http, base).body().contains("alert_feed")
                            && !health(http, base).body().contains("clickhouse"),
                    () -> "health while Kafka is away: " + health(http, base).body());

            kafka = LocalKafka.start(
                    dir.resolve("kafka"),
                    1,
                    Map.of(1, controllerPort),
                    kafkaPort,
                    Uuid.randomUuid().toString(),
                    1);
            EventLog.ensureTopics(kafka.bootstrap(), Topics.Settings.fromEnv(Map.of()));
            TestStack.eventually(
                    Duration.ofSeconds(60),
                    () -> health(http, base).statusCode() == 200,
                    () -> "health once Kafka is there: " + health(http, base).body());
            assertThat(health(http, base).body()).startsWith("{\"status\":\"up\",\"version\":");

            CompletableFuture<String> alert = new CompletableFuture<>();
            WebSocket ws = http.newWebSocketBuilder()
                    .buildAsync(URI.create(base.replace("http", "ws") + "/ws/live"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            if (data.toString().contains("\"alert\"")) {
                                alert.complete(data.toString());
                            }
                            socket.request(1);
                            return null;
                        }
                    })
                    .join();
            try (EventLog log = new EventLog(kafka.bootstrap())) {
                // the feed follows the topic from its end: keep writing until the wall has one
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                int n = 0;
                while (!alert.isDone() && System.nanoTime() < deadline) {
                    FeverAlert a = new FeverAlert("late-kafka-" + n++, 0, "K-1", Instant.now(), 38.4);
                    log.append(vertx, Topics.FEVER_ALERTS, List.of(new EventLog.Entry(a.key(), Json.write(a))))
                            .await();
                    Thread.sleep(300);
                }
            }
            assertThat(alert.get(1, TimeUnit.SECONDS)).contains("late-kafka-");
            ws.abort();

            clickHouse.close();
            TestStack.eventually(
                    Duration.ofSeconds(20),
                    () -> health(http, base).statusCode() == 503
                            && health(http, base).body().contains("clickhouse"),
                    () -> "health without ClickHouse: " + health(http, base).body());
        } finally {
            vertx.close().await();
            if (kafka != null) {
                kafka.close();
            }
            clickHouse.close();
        }
    }

    private static HttpResponse<String> health(HttpClient http, String base) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(base + "/health"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
