package io.cordon.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import io.cordon.schemas.clickhouse.Tables;
import io.cordon.testkit.LocalClickHouse;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's rooms against a real ClickHouse (a private server from the testkit), without Kafka or the jobs: the
 * rows the jobs would write are inserted by hand, and every figure read through the API is checked against them, for
 * a token of all and for a district's tokens (which must see nothing of the other district).
 */
class DashboardStoreTest {

    /** Deleted by JUnit after the class, with everything the servers wrote. */
    @TempDir
    static Path scratch;

    private static final String PD = "浦东新区";
    private static final String HP = "黄浦区";
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static LocalClickHouse server;
    private static ClickHouseHttp clickHouse;
    private static Vertx vertx;
    private static WebClient client;
    private static int port;
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZONE);

    @BeforeAll
    static void start() throws Exception {
        server = LocalClickHouse.withSchema(scratch.resolve("clickhouse"));
        clickHouse = server.client();
        seed();
        vertx = Vertx.vertx();
        DashboardConfig config = DashboardConfig.fromEnv(Map.of(
                "CORDON_DASHBOARD_PORT",
                "0",
                "CORDON_CLICKHOUSE_URL",
                server.url(),
                "CORDON_TIMEZONE",
                ZONE.getId(),
                "CORDON_KAFKA_BOOTSTRAP",
                "127.0.0.1:9",
                "CORDON_VIEWER_TOKENS",
                "hq:hq-viewer-0123456789,pd:pd-viewer-0123456789@district:" + PD,
                "CORDON_ADMIN_TOKENS",
                "hq-admin:hq-admin-0123456789,pd-admin:pd-admin-0123456789@district:" + PD
                        + ",hp-admin:hp-admin-0123456789@district:" + HP));
        DashboardVerticle verticle =
                new DashboardVerticle(config, Clock.systemUTC(), DashboardVerticle.Dependencies.WITHOUT_KAFKA);
        vertx.deployVerticle(verticle).await();
        port = verticle.port();
        client = WebClient.create(vertx);
    }

    @AfterAll
    static void stop() {
        if (vertx != null) {
            vertx.close().await();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Two checkpoints in two districts, their counts, alerts, audit rows and a frozen report, as the jobs write them. */
    private static void seed() {
        String version = String.valueOf(System.currentTimeMillis());
        insert(
                "checkpoints",
                List.of(
                        new JsonObject()
                                .put("checkpoint_id", "CK-PD")
                                .put("name", "申江路道口")
                                .put("kind", "road")
                                .put("province", "上海")
                                .put("city", "上海")
                                .put("district", PD)
                                .put("street", "张江镇")
                                .put("version", version),
                        new JsonObject()
                                .put("checkpoint_id", "CK-HP")
                                .put("name", "外滩道口")
                                .put("kind", "road")
                                .put("province", "上海")
                                .put("city", "上海")
                                .put("district", HP)
                                .put("street", "外滩街道")
                                .put("version", version)));
        String minute = ClickHouseSql.DATE_TIME.format(NOW.truncatedTo(ChronoUnit.MINUTES));
        String received = ClickHouseSql.DATE_TIME.format(NOW);
        insert(
                "checkpoint_minute_totals",
                List.of(
                        counts("CK-PD", 7, 2)
                                .put("minute", minute)
                                .put("last_received_at", received)
                                .put("version", version),
                        counts("CK-HP", 11, 3)
                                .put("minute", minute)
                                .put("last_received_at", received)
                                .put("version", version)));
        insert(
                "checkpoint_day_totals",
                List.of(
                        counts("CK-PD", 40, 5)
                                .put("day", TODAY.toString())
                                .put("last_received_at", received)
                                .put("version", version),
                        counts("CK-HP", 60, 6)
                                .put("day", TODAY.toString())
                                .put("last_received_at", received)
                                .put("version", version)));
        insert(
                "checkpoint_totals",
                List.of(
                        counts("CK-PD", 400, 9)
                                .put("last_received_at", received)
                                .put("version", version),
                        counts("CK-HP", 600, 12)
                                .put("last_received_at", received)
                                .put("version", version)));
        String at = ClickHouseSql.DATE_TIME.format(NOW.minusSeconds(60));
        insert(
                "fever_alerts",
                List.of(
                        alert("pd-fever", "CK-PD", at, version),
                        alert("hp-fever", "CK-HP", at, version),
                        alert("pd-voided", "CK-PD", at, version).put("status", "withdrawn")));
        insert(
                "audit_log",
                List.of(
                        audit("correction", PD, "pd-admin", "{}"),
                        audit("void", HP, "hp-admin", "{}"),
                        // a change of Pudong's arrival that Huangpu's admin tried: filed under Huangpu, readable by
                        // both
                        audit("correction_refused", HP, "hp-admin", "{\"figure\":\"checkpoints/CK-PD\"}")));
        insert(
                Tables.REPORTS,
                List.of(
                        new JsonObject()
                                .put("date", TODAY.toString())
                                .put("scope", "district:" + PD)
                                .put("format", "json")
                                .put("cutoff", "00:00")
                                .put("frozen_at", received)
                                .put("sha256", "x")
                                .put("body", "{}"),
                        new JsonObject()
                                .put("date", TODAY.toString())
                                .put("scope", "district:" + HP)
                                .put("format", "json")
                                .put("cutoff", "00:00")
                                .put("frozen_at", received)
                                .put("sha256", "y")
                                .put("body", "{}"),
                        new JsonObject()
                                .put("date", TODAY.toString())
                                .put("scope", "all")
                                .put("format", "json")
                                .put("cutoff", "00:00")
                                .put("frozen_at", received)
                                .put("sha256", "z")
                                .put("body", "{}")));
    }

    /** A row of the seven counts: persons registered and abnormal temperatures as given, every other count 1. */
    private static JsonObject counts(String checkpoint, long persons, long fevers) {
        return new JsonObject()
                .put("checkpoint_id", checkpoint)
                .put("arrivals", persons)
                .put("registered_vehicles", 1)
                .put("registered_persons", persons)
                .put("out_of_province_persons", 1)
                .put("turned_back_vehicles", 1)
                .put("turned_back_persons", 1)
                .put("abnormal_temperatures", fevers)
                .put("referred_persons", 1);
    }

    private static JsonObject alert(String event, String checkpoint, String at, String version) {
        return new JsonObject()
                .put("alert_id", event + "/0")
                .put("event_id", event)
                .put("person_index", 0)
                .put("checkpoint_id", checkpoint)
                .put("occurred_at", at)
                .put("temperature_c", 38.6)
                .put("delivered_at", at)
                .put("status", "active")
                .put("acknowledged_by", "")
                .put("acknowledged_at", "1970-01-01 00:00:00")
                .put("version", version);
    }

    private static JsonObject audit(String action, String district, String actor, String detail) {
        return new JsonObject()
                .put("at", ClickHouseSql.DATE_TIME.format(NOW.minusSeconds(30)))
                .put("action", action)
                .put("actor", actor)
                .put("district", district)
                .put("target", action + "-target")
                .put("reason", "")
                .put("detail", detail);
    }

    private static void insert(String table, List<JsonObject> rows) {
        clickHouse
                .insertJsonEachRow(table, rows.stream().map(JsonObject::encode).toList())
                .join();
    }

    /** A read; the alerts and the audit read from an hour back (their default, the local midnight, may be a minute ago). */
    private static HttpResponse<Buffer> get(String path, String token) {
        if (path.startsWith("/api/v1/alerts") || path.startsWith("/api/v1/audit")) {
            path += (path.contains("?") ? "&" : "?") + "since="
                    + enc(NOW.minusSeconds(3600).toString());
        }
        return client.get(port, "127.0.0.1", path)
                .bearerTokenAuthentication(token)
                .send()
                .await();
    }

    private static HttpResponse<Buffer> post(String path, String token) {
        return client.post(port, "127.0.0.1", path)
                .bearerTokenAuthentication(token)
                .send()
                .await();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static long tile(JsonObject tiles, String key, String window) {
        return tiles.getJsonObject("tiles").getJsonObject(key).getLong(window);
    }

    @Test
    void tilesSumTheRowsOfTheScopeAndADistrictSeesOnlyItsOwn() {
        JsonObject all = get("/api/v1/tiles", "hq-viewer-0123456789").bodyAsJsonObject();
        assertThat(tile(all, "registered_persons", "cumulative")).isEqualTo(1000);
        assertThat(tile(all, "registered_persons", "today")).isEqualTo(100);
        assertThat(tile(all, "registered_persons", "last_15m")).isEqualTo(18);
        assertThat(tile(all, "abnormal_temperatures", "cumulative")).isEqualTo(21);
        assertThat(tile(all, "turned_back_persons", "cumulative")).isEqualTo(2);
        JsonObject pd = get("/api/v1/tiles", "pd-viewer-0123456789").bodyAsJsonObject();
        assertThat(pd.getString("scope")).isEqualTo("district:" + PD);
        assertThat(tile(pd, "registered_persons", "cumulative")).isEqualTo(400);
        assertThat(tile(pd, "registered_persons", "today")).isEqualTo(40);
        assertThat(tile(pd, "abnormal_temperatures", "last_1h")).isEqualTo(2);
        assertThat(get("/api/v1/tiles?scope=checkpoint:CK-HP", "pd-viewer-0123456789")
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/api/v1/tiles?scope=checkpoint:CK-NONE", "hq-viewer-0123456789")
                        .statusCode())
                .isEqualTo(404);
        JsonObject hp = get("/api/v1/tiles?scope=checkpoint:CK-HP", "hq-viewer-0123456789")
                .bodyAsJsonObject();
        assertThat(tile(hp, "registered_persons", "cumulative")).isEqualTo(600);
    }

    @Test
    void aDistrictReadsItsAuditRowsAndTheRefusedChangesOfItsFigures() {
        JsonArray all = get("/api/v1/audit", "hq-admin-0123456789").bodyAsJsonArray();
        assertThat(all).hasSize(3);
        JsonArray pd = get("/api/v1/audit", "pd-admin-0123456789").bodyAsJsonArray();
        assertThat(pd.stream()
                        .map(o -> ((JsonObject) o).getString("action"))
                        .sorted()
                        .toList())
                .containsExactly("correction", "correction_refused");
        JsonArray hp = get("/api/v1/audit", "hp-admin-0123456789").bodyAsJsonArray();
        assertThat(hp.stream()
                        .map(o -> ((JsonObject) o).getString("action"))
                        .sorted()
                        .toList())
                .containsExactly("correction_refused", "void");
        JsonArray refused = get("/api/v1/audit?action=correction_refused", "hq-admin-0123456789")
                .bodyAsJsonArray();
        assertThat(refused).hasSize(1);
        assertThat(refused.getJsonObject(0).getJsonObject("detail").getString("figure"))
                .isEqualTo("checkpoints/CK-PD");
        assertThat(get("/api/v1/audit?action=delete", "hq-admin-0123456789").statusCode())
                .isEqualTo(400);
        assertThat(get("/api/v1/audit", "pd-viewer-0123456789").statusCode())
                .as("a viewer reading the audit")
                .isEqualTo(403);
    }

    @Test
    void alertsAreListedAndAcknowledgedWithinTheScope() {
        JsonArray all = get("/api/v1/alerts", "hq-viewer-0123456789").bodyAsJsonArray();
        assertThat(all.stream()
                        .map(o -> ((JsonObject) o).getString("alert_id"))
                        .sorted()
                        .toList())
                .containsExactly("hp-fever/0", "pd-fever/0", "pd-voided/0");
        JsonArray pd = get("/api/v1/alerts", "pd-viewer-0123456789").bodyAsJsonArray();
        assertThat(pd.stream()
                        .map(o -> ((JsonObject) o).getString("checkpoint_id"))
                        .distinct()
                        .toList())
                .containsExactly("CK-PD");
        assertThat(get("/api/v1/alerts?scope=" + enc("district:" + HP), "pd-viewer-0123456789")
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("/api/v1/alerts/hp-fever/0/ack", "pd-viewer-0123456789").statusCode())
                .isEqualTo(403);
        assertThat(post("/api/v1/alerts/pd-voided/0/ack", "pd-viewer-0123456789")
                        .statusCode())
                .isEqualTo(409);
        assertThat(post("/api/v1/alerts/none/0/ack", "pd-viewer-0123456789").statusCode())
                .isEqualTo(404);
        assertThat(post("/api/v1/alerts/pd-fever/0/ack", "pd-viewer-0123456789").statusCode())
                .isEqualTo(204);
        JsonObject acknowledged = get("/api/v1/alerts", "pd-viewer-0123456789").bodyAsJsonArray().stream()
                .map(o -> (JsonObject) o)
                .filter(o -> o.getString("alert_id").equals("pd-fever/0"))
                .findFirst()
                .orElseThrow();
        assertThat(acknowledged.getString("status")).isEqualTo("acknowledged");
    }

    @Test
    void eachDistrictSignsItsOwnSliceOnceAndTheStatusListsWhoHasNot() {
        String path = "/api/v1/reports/" + TODAY + "/sign-offs";
        assertThat(post(path, "hq-admin-0123456789").statusCode())
                .as("an admin of all names the district")
                .isEqualTo(400);
        assertThat(post(path + "?district=" + enc(HP), "pd-admin-0123456789").statusCode())
                .isEqualTo(403);
        assertThat(post("/api/v1/reports/2001-01-01/sign-offs", "pd-admin-0123456789")
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<Buffer> signed = post(path + "?note=ok", "pd-admin-0123456789");
        assertThat(signed.statusCode()).isEqualTo(201);
        assertThat(signed.bodyAsJsonObject().getString("district")).isEqualTo(PD);
        assertThat(post(path, "pd-admin-0123456789").statusCode()).isEqualTo(409);
        JsonArray status =
                get(path + "?include=unsigned", "hq-viewer-0123456789").bodyAsJsonArray();
        assertThat(status.stream()
                        .map(o -> ((JsonObject) o).getString("district") + "=" + ((JsonObject) o).getBoolean("signed"))
                        .toList())
                .containsExactlyInAnyOrder(PD + "=true", HP + "=false");
        JsonArray own = get(path + "?include=unsigned", "pd-viewer-0123456789").bodyAsJsonArray();
        assertThat(own).hasSize(1);
        HttpResponse<Buffer> sheet = get(path + "?format=pdf", "hq-viewer-0123456789");
        assertThat(sheet.getHeader("Content-Type")).isEqualTo("application/pdf");
        assertThat(sheet.body().getString(0, 4)).isEqualTo("%PDF");
    }

    @Test
    void theReportListIsOfTheScopeAskedWithinTheToken() {
        assertThat(get("/api/v1/reports", "hq-viewer-0123456789")
                        .bodyAsJsonArray()
                        .getJsonObject(0)
                        .getString("sha256"))
                .isEqualTo("z");
        assertThat(get("/api/v1/reports", "pd-viewer-0123456789")
                        .bodyAsJsonArray()
                        .getJsonObject(0)
                        .getString("sha256"))
                .isEqualTo("x");
        assertThat(get("/api/v1/reports?scope=" + enc("district:" + HP), "pd-viewer-0123456789")
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/api/v1/reports?scope=checkpoint:CK-PD", "hq-viewer-0123456789")
                        .statusCode())
                .isEqualTo(400);
    }
}
