package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.ingest.IngestConfig;
import io.cordon.ingest.IngestVerticle;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.ClickHouseSchema;
import io.cordon.testkit.LocalClickHouse;
import io.cordon.testkit.LocalKafka;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The ingest verticle on its own, on a real ClickHouse and Kafka: deployed on port 0, answering, and undeployed cleanly. */
@ExtendWith(VertxExtension.class)
class IngestOnRealStoresIT {

    @TempDir
    static Path dir;

    static LocalClickHouse clickHouse;
    static LocalKafka kafka;

    @BeforeAll
    static void servers() throws Exception {
        clickHouse = LocalClickHouse.start(dir.resolve("clickhouse"));
        kafka = LocalKafka.start(dir.resolve("kafka"));
        ClickHouseSchema.apply(new ClickHouseHttp(clickHouse.url(), "ingest_test"));
    }

    @AfterAll
    static void stop() {
        kafka.close();
        clickHouse.close();
    }

    @Test
    void answersOnItsRealPortAndClosesItOnUndeploy(Vertx vertx, VertxTestContext test) {
        IngestVerticle ingest = new IngestVerticle(IngestConfig.fromEnv(Map.of(
                "CORDON_INGEST_PORT",
                "0",
                "CORDON_KAFKA_BOOTSTRAP",
                kafka.bootstrap(),
                "CORDON_CLICKHOUSE_URL",
                clickHouse.url(),
                "CORDON_CLICKHOUSE_DATABASE",
                "ingest_test",
                "CORDON_INGEST_TOKENS",
                "t",
                "CORDON_ID_HASH_KEY",
                "a-test-key-of-some-length")));
        WebClient client = WebClient.create(vertx);
        String arrival =
                "{\"event_id\":\"vt-1\",\"checkpoint_id\":\"V-1\",\"occurred_at\":\"2020-02-15T08:15:30+08:00\","
                        + "\"direction\":\"in\",\"persons\":[{\"temperature_c\":36.6}],\"decision\":\"admitted\"}";
        vertx.deployVerticle(ingest)
                .compose(id -> {
                    int port = ingest.port();
                    test.verify(() -> assertThat(port).isPositive());
                    return client.put(port, "127.0.0.1", "/api/v1/registry/checkpoints")
                            .bearerTokenAuthentication("t")
                            .putHeader("Content-Type", "text/csv")
                            .sendBuffer(Buffer.buffer("checkpoint_id,name,kind,province\nV-1,甲,highway,云南\n"))
                            .compose(r -> {
                                test.verify(() -> assertThat(r.bodyAsJsonObject())
                                        .isEqualTo(new JsonObject().put("upserted", 1)));
                                return client.post(port, "127.0.0.1", "/api/v1/checkpoint-events")
                                        .bearerTokenAuthentication("t")
                                        .putHeader("Content-Type", "application/json")
                                        .sendBuffer(Buffer.buffer(arrival));
                            })
                            .compose(r -> {
                                test.verify(() -> {
                                    assertThat(r.statusCode()).isEqualTo(202);
                                    assertThat(r.bodyAsJsonObject().getInteger("accepted"))
                                            .isEqualTo(1);
                                });
                                return vertx.undeploy(id);
                            })
                            .compose(v -> client.get(port, "127.0.0.1", "/health")
                                    .send()
                                    .map(r -> "open")
                                    .otherwise("closed"));
                })
                .onComplete(test.succeeding(state -> test.verify(() -> {
                    assertThat(state).as("the port after undeploy").isEqualTo("closed");
                    test.completeNow();
                })));
    }
}
