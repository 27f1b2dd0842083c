package io.cordon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.http.Health;
import io.cordon.schemas.EventTimes;
import io.cordon.testkit.Feeds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ingest verticle on its own, with an in-memory event log and registries (no Kafka, no ClickHouse): roles, scopes,
 * the event log failing, health and the rate limit, through HTTP. The same verticle on real Kafka and ClickHouse is
 * tested in local-stack.
 */
@ExtendWith(VertxExtension.class)
class IngestVerticleTest {

    /** An event log in memory that can be made to fail, as Kafka away would. */
    static final class MemoryLog implements EventLogWriter {
        final List<String> written = new ArrayList<>();
        /** What was written, as topic, key and value. */
        final List<String> records = new ArrayList<>();

        final AtomicBoolean failing = new AtomicBoolean();
        long errors;

        @Override
        public synchronized Future<Long> append(Vertx vertx, String topic, List<EventLog.Entry> entries) {
            if (failing.get()) {
                errors++;
                return Future.failedFuture(new IllegalStateException("the event log is away"));
            }
            long first = written.size();
            entries.forEach(e -> written.add(topic + " " + e.key()));
            entries.forEach(e -> records.add(topic + " " + e.key() + " " + e.value()));
            return Future.succeededFuture(first);
        }

        @Override
        public long errors() {
            return errors;
        }

        @Override
        public void close() {}
    }

    static final String CHECKPOINTS = "checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
            + "PD-1,浦东一号,highway,上海,上海,浦东新区,,,\nHP-1,黄浦一号,highway,上海,上海,黄浦区,,,\n";

    static String arrival(String id, String checkpoint) {
        return Feeds.arrival(id)
                .checkpoint(checkpoint)
                .at("2022-04-10T08:15:30+08:00")
                .json();
    }

    record Deployed(WebClient client, int port, MemoryLog log, AtomicBoolean kafkaUp) {
        HttpResponse<Buffer> send(String method, String path, String token, String type, String body) {
            var request = client.request(HttpMethod.valueOf(method), port, "127.0.0.1", path);
            if (token != null) {
                request.bearerTokenAuthentication(token);
            }
            if (type != null) {
                request.putHeader("Content-Type", type);
            }
            return (body == null ? request.send() : request.sendBuffer(Buffer.buffer(body))).await();
        }
    }

    static Deployed deploy(Vertx vertx, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "CORDON_INGEST_PORT",
                "0",
                "CORDON_KAFKA_BOOTSTRAP",
                "unused:9092",
                "CORDON_CLICKHOUSE_URL",
                "http://unused:8123",
                "CORDON_ID_HASH_KEY",
                "a-test-key-of-some-length",
                "CORDON_INGEST_TOKENS",
                "all-feed,pd-feed:pd@district:浦东新区",
                "CORDON_ADMIN_TOKENS",
                "hq-admin"));
        env.putAll(extra);
        MemoryLog log = new MemoryLog();
        AtomicBoolean kafkaUp = new AtomicBoolean(true);
        IngestDependencies deps = IngestDependencies.inMemory(log, "a-test-key-of-some-length");
        deps = new IngestDependencies(
                deps.eventLog(),
                deps.registryLog(),
                deps.checkpoints(),
                deps.households(),
                deps.keyPersons(),
                v -> () -> kafkaUp.get() ? Health.Check.ok() : Health.Check.down("no answer from Kafka"),
                deps.visibility(),
                false,
                deps.countingLag(),
                deps.audit());
        IngestVerticle verticle = new IngestVerticle(IngestConfig.fromEnv(env), Clock.systemUTC(), deps);
        vertx.deployVerticle(verticle).await();
        Deployed d = new Deployed(WebClient.create(vertx), verticle.port(), log, kafkaUp);
        assertThat(d.send("PUT", "/api/v1/registry/checkpoints", "hq-admin", "text/csv", CHECKPOINTS)
                        .statusCode())
                .isEqualTo(200);
        return d;
    }

    @Test
    void aDistrictsFeedTokenWritesItsDistrictOnlyAndTheRegistryNeedsAnAdmin(Vertx vertx) {
        Deployed d = deploy(vertx, Map.of());
        HttpResponse<Buffer> r = d.send(
                "POST",
                "/api/v1/checkpoint-events",
                "pd",
                "application/json",
                "[" + arrival("a1", "PD-1") + "," + arrival("a2", "HP-1") + "]");
        assertThat(r.statusCode()).isEqualTo(202);
        JsonObject answer = r.bodyAsJsonObject();
        assertThat(answer.getInteger("accepted")).isEqualTo(1);
        assertThat(answer.getJsonArray("rejected")
                        .getJsonObject(0)
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("path"))
                .isEqualTo("/checkpoint_id");
        assertThat(d.log.written).contains("cordon.checkpoint-arrivals a1").noneMatch(w -> w.endsWith(" a2"));
        assertThat(d.send("POST", "/api/v1/checkpoint-events", "pd", "application/json", arrival("a3", "HP-1"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(d.send("PUT", "/api/v1/registry/checkpoints", "all-feed", "text/csv", CHECKPOINTS)
                        .statusCode())
                .as("a feed token, admin tokens being configured")
                .isEqualTo(403);
        assertThat(d.send("PUT", "/api/v1/registry/checkpoints", null, "text/csv", CHECKPOINTS)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void theEventLogFailingIsA503ThatSaysToPostAgainAndHealthNamesKafka(Vertx vertx) {
        Deployed d = deploy(vertx, Map.of());
        assertThat(d.send("GET", "/health", null, null, null).bodyAsJsonObject().getString("status"))
                .isEqualTo("up");
        assertThat(d.send("GET", "/health/ready", null, null, null).statusCode())
                .isEqualTo(200);
        d.log.failing.set(true);
        d.kafkaUp.set(false);
        HttpResponse<Buffer> r =
                d.send("POST", "/api/v1/checkpoint-events", "all-feed", "application/json", arrival("b1", "PD-1"));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.getHeader("Retry-After")).isNotNull();
        assertThat(r.bodyAsJsonObject().getString("detail")).contains("post the whole request again");
        HttpResponse<Buffer> health = d.send("GET", "/health", null, null, null);
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.bodyAsJsonObject().getJsonArray("down")).containsExactly("kafka");
        assertThat(health.bodyAsJsonObject().getString("version")).matches("\\d+\\.\\d+\\.\\d+.*");
        // ready follows the dependencies; live does not (restarting ingest would not bring Kafka back)
        assertThat(d.send("GET", "/health/ready", null, null, null).statusCode())
                .isEqualTo(503);
        HttpResponse<Buffer> live = d.send("GET", "/health/live", null, null, null);
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.bodyAsJsonObject().getString("version"))
                .isEqualTo(health.bodyAsJsonObject().getString("version"));
        // Prometheus histograms, which add up across instances, and the counting lag
        assertThat(d.send("GET", "/metrics", null, null, null).bodyAsString())
                .contains("cordon_event_log_errors_total")
                .contains("cordon_http_requests_seconds_bucket{")
                .contains("cordon_feed_batch_seconds_bucket{")
                .contains("cordon_counting_lag_seconds{group=\"cordon-checkpoint-counts\"")
                .doesNotContain("quantile=");
    }

    @Test
    void aTokenOverItsRateIsToldToWait(Vertx vertx) {
        Deployed d = deploy(vertx, Map.of("CORDON_FEED_RATE_LIMIT", "2"));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(d.send(
                            "POST",
                            "/api/v1/checkpoint-events",
                            "all-feed",
                            "application/json",
                            arrival("c" + i, "PD-1"))
                    .statusCode());
        }
        assertThat(statuses).contains(202, 429);
        // the bucket is per token
        assertThat(d.send("POST", "/api/v1/checkpoint-events", "pd", "application/json", arrival("c-pd", "PD-1"))
                        .statusCode())
                .isEqualTo(202);
    }

    static final String HOUSEHOLDS =
            "household_id,district,street,community,compound_id,compound_name,building,unit,room,"
                    + "responsible_unit,grid_id\n";

    @Test
    void aDistrictAdminCannotTakeOverAnotherDistrictsCompound(Vertx vertx) {
        Deployed d = deploy(vertx, Map.of("CORDON_ADMIN_TOKENS", "hq-admin,pd-admin:pd-admin-secret@district:浦东新区"));
        assertThat(d.send(
                                "PUT",
                                "/api/v1/registry/households",
                                "hq-admin",
                                "text/csv",
                                HOUSEHOLDS + "HH-1,黄浦区,外滩街道,中山社区,HC-1,外滩小区,1,1,101,,\n")
                        .statusCode())
                .isEqualTo(200);
        int written = d.log.written.size();
        // 浦东's admin adds a household of its own district in 黄浦's compound: the compound would follow it
        HttpResponse<Buffer> r = d.send(
                "PUT",
                "/api/v1/registry/households",
                "pd-admin-secret",
                "text/csv",
                HOUSEHOLDS + "PH-1,浦东新区,花木街道,联洋社区,PC-1,联洋花园,1,1,101,,\n" + "PH-9,浦东新区,花木街道,联洋社区,HC-1,外滩小区,1,1,909,,\n");
        assertThat(r.statusCode()).isEqualTo(403);
        JsonObject error = r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
        assertThat(error.getInteger("row")).isEqualTo(2);
        assertThat(error.getString("field")).isEqualTo("compound_id");
        assertThat(d.log.written).as("nothing of the request is stored").hasSize(written);
        // its own compounds are its own to write; the city's admin may still move a compound
        assertThat(d.send(
                                "PUT",
                                "/api/v1/registry/households",
                                "pd-admin-secret",
                                "text/csv",
                                HOUSEHOLDS + "PH-1,浦东新区,花木街道,联洋社区,PC-1,联洋花园,1,1,101,,\n")
                        .statusCode())
                .isEqualTo(200);
        assertThat(d.send(
                                "PUT",
                                "/api/v1/registry/households",
                                "hq-admin",
                                "text/csv",
                                HOUSEHOLDS + "PH-9,浦东新区,花木街道,联洋社区,HC-1,外滩小区,1,1,909,,\n")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aHouseholdIdOver255BytesIsRefusedBeforeAnyRowIsStored(Vertx vertx) {
        Deployed d = deploy(vertx, Map.of());
        int written = d.log.written.size();
        String longId = "户".repeat(100); // 100 characters, 300 bytes
        HttpResponse<Buffer> r = d.send(
                "PUT",
                "/api/v1/registry/households",
                "hq-admin",
                "text/csv",
                HOUSEHOLDS
                        + "PH-1,浦东新区,花木街道,联洋社区,PC-1,联洋花园,1,1,101,,\n"
                        + longId + ",浦东新区,花木街道,联洋社区,PC-1,联洋花园,1,1,102,,\n");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("household_id");
        assertThat(d.log.written).hasSize(written);
    }

    static String fever(String id, String checkpoint, double... temperatures) {
        StringBuilder persons = new StringBuilder();
        for (double t : temperatures) {
            persons.append(persons.length() == 0 ? "" : ",")
                    .append("{\"temperature_c\":")
                    .append(t)
                    .append("}");
        }
        return "{\"event_id\":\"" + id + "\",\"checkpoint_id\":\"" + checkpoint
                + "\",\"occurred_at\":\"2022-04-10T08:15:30+08:00\"," + "\"direction\":\"in\",\"persons\":[" + persons
                + "],\"decision\":\"admitted\"}";
    }

    @Test
    void aResendOrAPostOfAVoidedIdRaisesNoFeverAheadOfTheCounting(Vertx vertx) {
        Deployed d = deploy(vertx, Map.of());
        assertThat(d.send(
                                "POST",
                                "/api/v1/checkpoint-events",
                                "all-feed",
                                "application/json",
                                fever("f1", "PD-1", 38.2))
                        .statusCode())
                .isEqualTo(202);
        assertThat(d.log.written).contains("cordon.fever-alerts f1#0");
        // a resend with another feverish person: it does not count, so it raises nothing
        assertThat(d.send(
                                "POST",
                                "/api/v1/checkpoint-events",
                                "all-feed",
                                "application/json",
                                fever("f1", "PD-1", 38.2, 39.0))
                        .statusCode())
                .isEqualTo(202);
        assertThat(d.log.written).doesNotContain("cordon.fever-alerts f1#1");
        // an arrival first posted without a fever, resent with one
        d.send("POST", "/api/v1/checkpoint-events", "all-feed", "application/json", fever("f2", "PD-1", 36.5));
        d.send("POST", "/api/v1/checkpoint-events", "all-feed", "application/json", fever("f2", "PD-1", 38.8));
        assertThat(d.log.written).noneMatch(w -> w.startsWith("cordon.fever-alerts f2#"));
        // voided before it came
        assertThat(d.send("DELETE", "/api/v1/checkpoint-events/f3?reason=test", "hq-admin", null, null)
                        .statusCode())
                .isEqualTo(202);
        d.send("POST", "/api/v1/checkpoint-events", "all-feed", "application/json", fever("f3", "PD-1", 38.5));
        assertThat(d.log.written)
                .contains("cordon.checkpoint-arrivals f3")
                .noneMatch(w -> w.startsWith("cordon.fever-alerts f3#"));
        // two copies of one id in one batch: the first one's alert only
        d.send(
                "POST",
                "/api/v1/checkpoint-events",
                "all-feed",
                "application/json",
                "[" + fever("f4", "PD-1", 38.1) + "," + fever("f4", "PD-1", 36.0, 38.9) + "]");
        assertThat(d.log.written).contains("cordon.fever-alerts f4#0").doesNotContain("cordon.fever-alerts f4#1");
    }

    @Test
    void anArrivalsNoteIsKeptBesideTheEventLogNeverInIt(Vertx vertx) {
        Deployed d = deploy(vertx, Map.of());
        // an arrival of a few minutes ago, so that it can still be corrected
        String withNote = arrival("n1", "PD-1")
                .replace(
                        "2022-04-10T08:15:30+08:00",
                        EventTimes.format(Instant.now().minusSeconds(300), ZoneId.of("Asia/Shanghai")))
                .replace("\"decision\"", "\"note\":\"张三 from room 402\",\"decision\"");
        assertThat(d.send("POST", "/api/v1/checkpoint-events", "all-feed", "application/json", withNote)
                        .statusCode())
                .isEqualTo(202);
        assertThat(d.log.records)
                .anySatisfy(r ->
                        assertThat(r).startsWith("cordon.arrival-notes n1 ").contains("张三 from room 402"));
        assertThat(d.log.records)
                .filteredOn(r -> r.startsWith("cordon.checkpoint-arrivals n1 "))
                .hasSize(1)
                .allSatisfy(r -> assertThat(r).doesNotContain("张三"));
        // a correction's note likewise
        String corrected = withNote.replace("room 402", "room 403").substring(0, withNote.length() - 1)
                + ",\"correction_reason\":\"typo\"}";
        assertThat(d.send("PUT", "/api/v1/checkpoint-events/n1", "hq-admin", "application/json", corrected)
                        .statusCode())
                .isEqualTo(202);
        assertThat(d.log.records)
                .anySatisfy(r ->
                        assertThat(r).startsWith("cordon.arrival-notes n1 ").contains("room 403"));
        assertThat(d.log.records)
                .filteredOn(r -> r.startsWith("cordon.checkpoint-arrivals n1 "))
                .allSatisfy(r -> assertThat(r).doesNotContain("张三"));
    }
}
