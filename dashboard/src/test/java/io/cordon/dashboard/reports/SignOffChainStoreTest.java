package io.cordon.dashboard.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.dashboard.DashboardConfig;
import io.cordon.dashboard.DashboardVerticle;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evening report signed up the chain (上报) against a real ClickHouse: with {@code CORDON_SIGNOFF_LEVELS} =
 * community, street, district, each level signs only once every area below it has ({@code 409} naming them), a higher
 * level returns a part with a reason (and everything above it reopens), the status list says who has not signed and who
 * signed late, the audit log has every step, and the frozen files never change.
 */
class SignOffChainStoreTest {

    /** Deleted by JUnit after the class, with everything the servers wrote. */
    @TempDir
    static Path scratch;

    private static final String PD = "浦东新区";
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String HUAMU = "street:浦东新区/花木街道";
    private static final String LIANYANG = "community:浦东新区/花木街道/联洋社区";
    private static final String MEIYUAN = "community:浦东新区/花木街道/梅园社区";
    private static final String ZHANGJIANG = "street:浦东新区/张江镇";
    private static final String GAOKE = "community:浦东新区/张江镇/高科社区";

    private static LocalClickHouse server;
    private static ClickHouseHttp clickHouse;
    private static Vertx vertx;
    private static WebClient client;
    private static int port;
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /** Signed today: late for yesterday's report (due yesterday 21:00), on time for tomorrow's. */
    private static final LocalDate YESTERDAY = LocalDate.ofInstant(NOW, ZONE).minusDays(1);

    private static final LocalDate TOMORROW = YESTERDAY.plusDays(2);

    @BeforeAll
    static void start() throws Exception {
        server = LocalClickHouse.withSchema(scratch.resolve("clickhouse"));
        clickHouse = server.client();
        String version = String.valueOf(System.currentTimeMillis());
        clickHouse
                .insertJsonEachRow(
                        "compounds",
                        List.of(
                                compound("C1", "花木街道", "联洋社区", version),
                                compound("C2", "花木街道", "梅园社区", version),
                                compound("C3", "张江镇", "高科社区", version)))
                .join();
        for (LocalDate date : List.of(YESTERDAY, TOMORROW)) {
            clickHouse
                    .insertJsonEachRow(
                            Tables.REPORTS,
                            List.of(new JsonObject()
                                    .put("date", date.toString())
                                    .put("scope", "all")
                                    .put("format", "json")
                                    .put("cutoff", "20:00")
                                    .put("frozen_at", ClickHouseSql.DATE_TIME.format(NOW))
                                    .put("sha256", "s")
                                    .put("body", "{\"frozen\":true}")
                                    .encode()))
                    .join();
        }
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
                "CORDON_SIGNOFF_LEVELS",
                "community,street,district",
                "CORDON_SIGNOFF_DUE",
                "21:00",
                "CORDON_VIEWER_TOKENS",
                "hq-wall:hq-viewer-0123456789,hm-wall:hm-viewer-0123456789@" + HUAMU,
                "CORDON_ADMIN_TOKENS",
                "hq:hq-admin-0123456789,pd:pd-admin-0123456789@district:" + PD + ",hm:hm-admin-0123456789@"
                        + HUAMU + ",zj:zj-admin-0123456789@" + ZHANGJIANG + ",ly:ly-admin-0123456789@"
                        + LIANYANG + ",my:my-admin-0123456789@" + MEIYUAN + ",gk:gk-admin-0123456789@" + GAOKE));
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

    private static String compound(String id, String street, String community, String version) {
        return new JsonObject()
                .put("compound_id", id)
                .put("compound_name", id)
                .put("district", PD)
                .put("street", street)
                .put("community", community)
                .put("responsible_unit", "")
                .put("households", 10)
                .put("version", version)
                .encode();
    }

    private static HttpResponse<Buffer> post(String path, String token) {
        return client.post(port, "127.0.0.1", path)
                .bearerTokenAuthentication(token)
                .send()
                .await();
    }

    private static HttpResponse<Buffer> get(String path, String token) {
        return client.get(port, "127.0.0.1", path)
                .bearerTokenAuthentication(token)
                .send()
                .await();
    }

    private static String sign(LocalDate date, String area) {
        return "/api/v1/reports/" + date + "/sign-offs?area=" + enc(area);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The status list, as area → status (and "late" for a sign-off after the due time). */
    private static Map<String, String> status(LocalDate date, String token) {
        HttpResponse<Buffer> r = get("/api/v1/reports/" + date + "/sign-offs?include=unsigned", token);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        Map<String, String> m = new TreeMap<>();
        for (Object o : r.bodyAsJsonArray()) {
            JsonObject row = (JsonObject) o;
            String s = row.getString("status");
            m.put(row.getString("area"), s.equals("signed") && !row.getBoolean("on_time") ? "late" : s);
        }
        return m;
    }

    @Test
    void eachLevelSignsAfterTheLevelBelowAndAReturnReopensEverythingAbove() throws InterruptedException {
        String report = get("/api/v1/reports/" + YESTERDAY + "?format=json", "hq-viewer-0123456789")
                .bodyAsString();
        // the district first: its streets have not signed
        HttpResponse<Buffer> early = post(sign(YESTERDAY, "district:" + PD), "pd-admin-0123456789");
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(early.bodyAsJsonObject().getJsonArray("unsigned")).containsExactlyInAnyOrder(HUAMU, ZHANGJIANG);
        // a street before its communities
        early = post(sign(YESTERDAY, HUAMU), "hm-admin-0123456789");
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(early.bodyAsJsonObject().getJsonArray("unsigned")).containsExactlyInAnyOrder(LIANYANG, MEIYUAN);
        // a community of another street, or the street above, is not a community admin's to sign
        assertThat(post(sign(YESTERDAY, MEIYUAN), "ly-admin-0123456789").statusCode())
                .isEqualTo(403);
        assertThat(post(sign(YESTERDAY, HUAMU), "ly-admin-0123456789").statusCode())
                .isEqualTo(403);
        // bottom up, each with its own token (its own area when none is named)
        assertThat(post("/api/v1/reports/" + YESTERDAY + "/sign-offs?note=ok", "ly-admin-0123456789")
                        .statusCode())
                .isEqualTo(201);
        assertThat(post(sign(YESTERDAY, LIANYANG), "ly-admin-0123456789").statusCode())
                .as("signed already")
                .isEqualTo(409);
        assertThat(post(sign(YESTERDAY, MEIYUAN), "my-admin-0123456789").statusCode())
                .isEqualTo(201);
        assertThat(post(sign(YESTERDAY, HUAMU), "hm-admin-0123456789").statusCode())
                .isEqualTo(201);
        early = post(sign(YESTERDAY, "district:" + PD), "pd-admin-0123456789");
        assertThat(early.bodyAsJsonObject().getJsonArray("unsigned")).containsExactly(ZHANGJIANG);
        assertThat(status(YESTERDAY, "hq-viewer-0123456789"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        LIANYANG,
                        "late",
                        MEIYUAN,
                        "late",
                        GAOKE,
                        "unsigned",
                        HUAMU,
                        "late",
                        ZHANGJIANG,
                        "unsigned",
                        "district:" + PD,
                        "unsigned"));
        assertThat(post(sign(YESTERDAY, GAOKE), "gk-admin-0123456789").statusCode())
                .isEqualTo(201);
        assertThat(post(sign(YESTERDAY, ZHANGJIANG), "zj-admin-0123456789").statusCode())
                .isEqualTo(201);
        HttpResponse<Buffer> district = post(sign(YESTERDAY, "district:" + PD), "pd-admin-0123456789");
        assertThat(district.statusCode()).isEqualTo(201);
        assertThat(district.bodyAsJsonObject().getBoolean("on_time")).isFalse();

        // the district returns 联洋社区 with a reason: it, its street and the district reopen; 梅园 stays signed
        String giveBack = "/api/v1/reports/" + YESTERDAY + "/sign-offs/return?area=" + enc(LIANYANG);
        assertThat(post(giveBack, "pd-admin-0123456789").statusCode())
                .as("a reason is required")
                .isEqualTo(400);
        assertThat(post(giveBack + "&reason=x", "ly-admin-0123456789").statusCode())
                .as("not by the area itself")
                .isEqualTo(403);
        assertThat(post(giveBack + "&reason=x", "zj-admin-0123456789").statusCode())
                .as("not by another street")
                .isEqualTo(403);
        assertThat(post(giveBack + "&reason=" + enc("漏报两户"), "pd-admin-0123456789")
                        .statusCode())
                .isEqualTo(204);
        Map<String, String> after = status(YESTERDAY, "hq-viewer-0123456789");
        assertThat(after)
                .containsEntry(LIANYANG, "returned")
                .containsEntry(HUAMU, "returned")
                .containsEntry("district:" + PD, "returned")
                .containsEntry(MEIYUAN, "late")
                .containsEntry(ZHANGJIANG, "late");
        // the community's list says who sent it back, when and why
        JsonObject sentBack = get(
                        "/api/v1/reports/" + YESTERDAY + "/sign-offs?include=unsigned", "hq-viewer-0123456789")
                .bodyAsJsonArray()
                .stream()
                .map(o -> (JsonObject) o)
                .filter(o -> o.getString("area").equals(LIANYANG))
                .findFirst()
                .orElseThrow();
        assertThat(sentBack.getString("returned_by")).isEqualTo("pd");
        assertThat(sentBack.getString("reason")).isEqualTo("漏报两户");
        assertThat(sentBack.getString("returned_at")).isNotNull();
        assertThat(sentBack.getString("signed_at")).isNull();
        assertThat(post(giveBack + "&reason=again", "pd-admin-0123456789").statusCode())
                .as("nothing signed to return")
                .isEqualTo(409);
        // a street's admin sees its street and communities only
        assertThat(status(YESTERDAY, "hm-viewer-0123456789")).containsOnlyKeys(HUAMU, LIANYANG, MEIYUAN);
        // the returned community signs again with the same POST, then the chain above it
        assertThat(post(sign(YESTERDAY, LIANYANG), "ly-admin-0123456789").statusCode())
                .isEqualTo(201);
        assertThat(post(sign(YESTERDAY, HUAMU), "hm-admin-0123456789").statusCode())
                .isEqualTo(201);
        assertThat(post(sign(YESTERDAY, "district:" + PD), "pd-admin-0123456789")
                        .statusCode())
                .isEqualTo(201);
        assertThat(status(YESTERDAY, "hq-viewer-0123456789").values()).containsOnly("late");

        // every step is in the audit log (written once a second), the return with its reason
        JsonArray audit = auditOf(YESTERDAY, 10);
        assertThat(audit.stream()
                        .map(o -> (JsonObject) o)
                        .filter(o -> o.getString("target").equals(YESTERDAY.toString()))
                        .map(o -> o.getString("action")))
                .filteredOn("sign_off"::equals)
                .hasSize(9);
        JsonObject returned = audit.stream()
                .map(o -> (JsonObject) o)
                .filter(o -> o.getString("action").equals("sign_off_return"))
                .findFirst()
                .orElseThrow();
        assertThat(returned.getString("reason")).isEqualTo("漏报两户");
        assertThat(returned.getString("actor")).isEqualTo("pd");
        // the frozen files never change
        assertThat(get("/api/v1/reports/" + YESTERDAY + "?format=json", "hq-viewer-0123456789")
                        .bodyAsString())
                .isEqualTo(report);
        HttpResponse<Buffer> sheet =
                get("/api/v1/reports/" + YESTERDAY + "/sign-offs?format=pdf", "hq-viewer-0123456789");
        assertThat(sheet.body().getString(0, 4)).isEqualTo("%PDF");
    }

    /** The audit rows of a date's report, once at least {@code rows} of them are written (at most 10 s). */
    private static JsonArray auditOf(LocalDate date, int rows) throws InterruptedException {
        JsonArray audit = new JsonArray();
        for (int i = 0; i < 100; i++) {
            audit = new JsonArray(get(
                            "/api/v1/audit?since="
                                    + enc(NOW.minus(Duration.ofHours(1)).toString()),
                            "hq-admin-0123456789")
                    .bodyAsJsonArray()
                    .stream()
                    .filter(o -> ((JsonObject) o).getString("target").equals(date.toString()))
                    .toList());
            if (audit.size() >= rows) {
                break;
            }
            Thread.sleep(100);
        }
        return audit;
    }

    @Test
    void aSignOffBeforeTheDueTimeIsOnTime() {
        HttpResponse<Buffer> r = post(sign(TOMORROW, GAOKE), "gk-admin-0123456789");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.bodyAsJsonObject().getBoolean("on_time")).isTrue();
        assertThat(status(TOMORROW, "hq-viewer-0123456789")).containsEntry(GAOKE, "signed");
    }

    @Test
    void onlySigningLevelsSignAndUnknownAreasAreNotFound() {
        assertThat(post(sign(YESTERDAY, "unit:区卫健委"), "hq-admin-0123456789").statusCode())
                .isEqualTo(400);
        assertThat(post(sign(YESTERDAY, "community:浦东新区/花木街道/不存在社区"), "hq-admin-0123456789")
                        .statusCode())
                .isEqualTo(404);
        assertThat(post(sign(YESTERDAY.minusDays(30), GAOKE), "gk-admin-0123456789")
                        .statusCode())
                .as("no frozen report that day")
                .isEqualTo(404);
        assertThat(post(sign(YESTERDAY, "street:浦东新区"), "hq-admin-0123456789").statusCode())
                .isEqualTo(400);
    }
}
