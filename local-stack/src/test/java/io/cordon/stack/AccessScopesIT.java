package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.http.AccessTokens;
import io.cordon.schemas.EventTimes;
import io.cordon.schemas.Json;
import io.cordon.testkit.Feeds;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roles and scopes (API.md, "Tokens, roles and scopes") through the public interface: a district's feed, admin and
 * viewer tokens reach their district only, on every route and the websocket; the wrong role is a 403; a hashed
 * secret works like the clear one.
 */
class AccessScopesIT {

    static final String PUDONG = "浦东新区";
    static final String HUANGPU = "黄浦区";
    static final String HQ_ADMIN = "hq-admin-secret";
    static final String PD_ADMIN = "pd-admin-secret";
    static final String PD_FEED = "pd-feed-secret";
    static final String GATE_FEED = "gate-feed-secret";
    static final String HQ_WALL = "hq-wall-secret";
    static final String PD_WALL = "pd-wall-secret";

    @TempDir
    static Path dir;

    static TestStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.start(
                dir,
                Map.of(
                        "CORDON_INGEST_TOKENS",
                                TestStack.TOKEN + ",pd-feed:" + PD_FEED + "@district:" + PUDONG + ",gate:" + GATE_FEED
                                        + "@checkpoint:PD-1",
                        // the city's admin is configured by the hash of its secret only
                        "CORDON_ADMIN_TOKENS",
                                "hq:sha256:" + AccessTokens.sha256Hex(HQ_ADMIN).toUpperCase() + ",pd-admin:" + PD_ADMIN
                                        + "@district:" + PUDONG,
                        "CORDON_VIEWER_TOKENS", "hq-wall:" + HQ_WALL + ",pd-wall:" + PD_WALL + "@district:" + PUDONG));
        stack.adminToken = HQ_ADMIN;
        HttpResponse<String> r =
                stack.putCheckpoints("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                        + "PD-1,浦东一号,highway,上海,上海,浦东新区,,31.2,121.5\n"
                        + "PD-2,浦东二号,compound_gate,上海,上海,浦东新区,,31.2,121.5\n"
                        + "HP-1,黄浦一号,compound_gate,上海,上海,黄浦区,,31.2,121.4\n");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        r = stack.putHouseholds(ScreeningIT.HEADER
                + "PH-1,浦东新区,花木街道,联洋社区,PC-1,联洋花园,1,1,101,,\n"
                + "PH-2,浦东新区,花木街道,联洋社区,PC-1,联洋花园,1,1,102,,\n"
                + "HH-1,黄浦区,外滩街道,中山社区,HC-1,外滩小区,1,1,101,,\n");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static String arrival(String id, String checkpoint) {
        return Feeds.arrival(id).checkpoint(checkpoint).person(36.5).json();
    }

    static String visit(String id, String household) {
        return MalformedVisits.valid(id, household)
                .put("visited_at", Feeds.at(Instant.now().minusSeconds(60)))
                .toString();
    }

    HttpResponse<String> feed(String path, String body, String token) throws Exception {
        return stack.send("POST", stack.stack.ingestUrl() + path, "application/json", body, token);
    }

    HttpResponse<String> view(String pathAndQuery, String token) throws Exception {
        return stack.send("GET", stack.stack.dashboardUrl() + pathAndQuery, null, null, token);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void aDistrictsFeedTokenPostsItsDistrictOnly() throws Exception {
        HttpResponse<String> r = feed(
                "/api/v1/checkpoint-events",
                "[" + arrival("sc-a1", "PD-2") + "," + arrival("sc-a2", "HP-1") + "]",
                PD_FEED);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode answer = json(r);
        assertThat(answer.get("accepted").asInt()).isEqualTo(1);
        assertThat(answer.get("rejected").get(0).get("event_id").asText()).isEqualTo("sc-a2");
        assertThat(answer.get("rejected")
                        .get(0)
                        .get("errors")
                        .get(0)
                        .get("path")
                        .asText())
                .isEqualTo("/checkpoint_id");
        assertThat(answer.get("rejected")
                        .get(0)
                        .get("errors")
                        .get(0)
                        .get("message")
                        .asText())
                .contains("outside this token's scope");

        r = feed("/api/v1/checkpoint-events", arrival("sc-a3", "HP-1"), PD_FEED);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/problem+json");
        assertThat(json(r).get("errors").get(0).get("path").asText()).isEqualTo("/checkpoint_id");

        // an out-of-scope item beside an invalid one: no item accepted, one out of scope → 403
        r = feed("/api/v1/checkpoint-events", "[" + arrival("sc-a4", "HP-1") + ",{\"event_id\":\"x\"}]", PD_FEED);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        // only invalid items: 400 as before
        r = feed("/api/v1/checkpoint-events", "[{\"event_id\":\"x\"}]", PD_FEED);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);

        r = feed(
                "/api/v1/household-visits", "[" + visit("sc-v1", "PH-1") + "," + visit("sc-v2", "HH-1") + "]", PD_FEED);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(json(r).get("rejected")
                        .get(0)
                        .get("errors")
                        .get(0)
                        .get("path")
                        .asText())
                .isEqualTo("/household_id");
    }

    @Test
    void aCheckpointsFeedTokenPostsThatCheckpointOnlyAndNoVisit() throws Exception {
        assertThat(feed("/api/v1/checkpoint-events", arrival("sc-g1", "PD-1"), GATE_FEED)
                        .statusCode())
                .isEqualTo(202);
        assertThat(feed("/api/v1/checkpoint-events", arrival("sc-g2", "PD-2"), GATE_FEED)
                        .statusCode())
                .isEqualTo(403);
        assertThat(feed("/api/v1/household-visits", visit("sc-g3", "PH-1"), GATE_FEED)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void registryWritesNeedAnAdminTokenOfTheRowsDistrict() throws Exception {
        String url = stack.stack.ingestUrl() + "/api/v1/registry/checkpoints";
        String header = "checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n";
        String pudongRow = "PD-3,浦东三号,compound_gate,上海,上海,浦东新区,,31.2,121.5\n";
        HttpResponse<String> r = stack.send("PUT", url, "text/csv", header + pudongRow, PD_FEED);
        assertThat(r.statusCode())
                .as("a feed token, with admin tokens configured")
                .isEqualTo(403);
        assertThat(json(r).get("detail").asText()).contains("admin");
        assertThat(stack.send("PUT", url, "text/csv", header + pudongRow, PD_WALL)
                        .statusCode())
                .isEqualTo(403);
        assertThat(stack.send("PUT", url, "text/csv", header + pudongRow, "nobody")
                        .statusCode())
                .isEqualTo(401);

        r = stack.send(
                "PUT",
                url,
                "text/csv",
                header + pudongRow + "HP-3,黄浦三号,compound_gate,上海,上海,黄浦区,,31.2,121.4\n",
                PD_ADMIN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(json(r).get("errors").get(0).get("row").asInt()).isEqualTo(2);
        assertThat(json(r).get("errors").get(0).get("field").asText()).isEqualTo("district");
        // taking another district's checkpoint into one's own is refused too
        r = stack.send("PUT", url, "text/csv", header + "HP-1,黄浦一号,compound_gate,上海,上海,浦东新区,,31.2,121.4\n", PD_ADMIN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(json(r).get("errors").get(0).get("field").asText()).isEqualTo("checkpoint_id");

        r = stack.send("PUT", url, "text/csv", header + pudongRow, PD_ADMIN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void aDistrictsWallSeesItsDistrictOnly() throws Exception {
        JsonNode own = json(view("/api/v1/tiles", PD_WALL));
        assertThat(own.get("scope").asText()).isEqualTo("district:" + PUDONG);
        assertThat(json(view("/api/v1/tiles", HQ_WALL)).get("scope").asText()).isEqualTo("all");
        assertThat(view("/api/v1/tiles?scope=checkpoint:PD-1", PD_WALL).statusCode())
                .isEqualTo(200);
        for (String scope : List.of("all", "district:" + HUANGPU, "checkpoint:HP-1")) {
            HttpResponse<String> r = view("/api/v1/tiles?scope=" + enc(scope), PD_WALL);
            assertThat(r.statusCode()).as(scope).isEqualTo(403);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/problem+json");
        }
        assertThat(view("/api/v1/tiles?scope=checkpoint:NOPE", PD_WALL).statusCode())
                .isEqualTo(404);
        assertThat(view("/api/v1/tiles?scope=province:x", PD_WALL).statusCode()).isEqualTo(400);
        // a feed or admin token is not a viewer token
        assertThat(view("/api/v1/tiles", PD_FEED).statusCode()).isEqualTo(403);
        assertThat(view("/api/v1/tiles", "nobody").statusCode()).isEqualTo(401);
    }

    @Test
    void aDistrictsInspectorSeesItsCompoundsOnly() throws Exception {
        TestStack.eventually(
                Duration.ofSeconds(20),
                () -> {
                    try {
                        return json(view("/api/v1/compounds", HQ_WALL))
                                        .get("compounds")
                                        .size()
                                == 2;
                    } catch (Exception e) {
                        return false;
                    }
                },
                () -> "both compounds on the inspection list");
        List<String> seen = new ArrayList<>();
        json(view("/api/v1/compounds", PD_WALL))
                .get("compounds")
                .forEach(c -> seen.add(c.get("district").asText()));
        assertThat(seen).containsOnly(PUDONG).isNotEmpty();
        assertThat(view("/api/v1/compounds?format=csv", PD_WALL).body())
                .doesNotContain("外滩小区")
                .contains("联洋花园");
        assertThat(view("/api/v1/compounds?district=" + enc(HUANGPU), PD_WALL).statusCode())
                .isEqualTo(403);
        assertThat(view("/api/v1/compounds?district=" + enc(PUDONG), PD_WALL).statusCode())
                .isEqualTo(200);
        assertThat(view("/api/v1/compounds/HC-1/households", PD_WALL).statusCode())
                .isEqualTo(403);
        assertThat(view("/api/v1/compounds/PC-1/households", PD_WALL).statusCode())
                .isEqualTo(200);
        assertThat(view("/api/v1/compounds/HC-1/households", HQ_WALL).statusCode())
                .isEqualTo(200);
        assertThat(view("/api/v1/revisits/overdue?district=" + enc(HUANGPU), PD_WALL)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aDistrictsSnapshotIsItsSliceOfTheCity() throws Exception {
        JsonNode slice = json(view("/api/v1/snapshot", PD_WALL));
        assertThat(slice.get("scope").asText()).isEqualTo("district:" + PUDONG);
        slice.get("checkpoints")
                .forEach(c -> assertThat(c.get("district").asText()).isEqualTo(PUDONG));
        slice.get("compounds")
                .forEach(c -> assertThat(c.get("district").asText()).isEqualTo(PUDONG));
        assertThat(slice.get("checkpoints").size()).isGreaterThanOrEqualTo(2);
        JsonNode city = json(view("/api/v1/snapshot", HQ_WALL));
        assertThat(city.has("scope")).isFalse();
        // the district's own snapshot and the city's of the district, read one after the other: equal once the
        // arrivals the class's other tests posted are counted (both are live, read a moment apart)
        JsonNode[] last = new JsonNode[2];
        TestStack.eventually(
                Duration.ofSeconds(30),
                () -> {
                    try {
                        last[0] = json(view("/api/v1/snapshot", PD_WALL)).get("checkpoints");
                        last[1] = json(view("/api/v1/snapshot?scope=" + enc("district:" + PUDONG), HQ_WALL))
                                .get("checkpoints");
                        return last[0].equals(last[1]);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                () -> "the district's snapshot " + last[0] + " is not the city's of the district " + last[1]);
        assertThat(view("/api/v1/snapshot?scope=all", PD_WALL).statusCode()).isEqualTo(403);
        assertThat(view("/api/v1/snapshot?format=csv&scope=" + enc("district:" + HUANGPU), PD_WALL)
                        .statusCode())
                .isEqualTo(403);
        assertThat(view("/api/v1/snapshot?scope=" + enc("district:无此区"), HQ_WALL)
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> xlsx = view("/api/v1/snapshot?format=xlsx", PD_WALL);
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Disposition").orElse(""))
                .contains("filename*=UTF-8''")
                .contains(enc(PUDONG));
    }

    @Test
    void theWebsocketRefusesAScopeOutsideTheTokensBeforeTheUpgrade() throws Exception {
        String ws = stack.stack.dashboardUrl().replace("http", "ws") + "/ws/live?token=" + PD_WALL;
        for (String scope : List.of("all", "district:" + HUANGPU, "checkpoint:HP-1")) {
            try {
                stack.http
                        .newWebSocketBuilder()
                        .buildAsync(URI.create(ws + "&scope=" + enc(scope)), new WebSocket.Listener() {})
                        .join();
                throw new AssertionError("a websocket of " + scope + " was accepted for a district's token");
            } catch (CompletionException expected) {
                assertThat(expected.getCause()).isInstanceOf(WebSocketHandshakeException.class);
                assertThat(((WebSocketHandshakeException) expected.getCause())
                                .getResponse()
                                .statusCode())
                        .as(scope)
                        .isEqualTo(403);
            }
        }
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket own = stack.http
                .newWebSocketBuilder()
                .buildAsync(URI.create(ws), new WebSocket.Listener() {
                    final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            first.complete(text.toString());
                        }
                        socket.request(1);
                        return null;
                    }
                })
                .join();
        try {
            JsonNode tiles = Json.MAPPER.readTree(first.get(20, TimeUnit.SECONDS));
            assertThat(tiles.get("scope").asText()).isEqualTo("district:" + PUDONG);
        } finally {
            own.abort();
        }
    }

    /** The abnormal temperatures of the last hour at a checkpoint (-1 when they cannot be read). */
    long fevers(String checkpoint) {
        try {
            return json(view("/api/v1/tiles?scope=checkpoint:" + checkpoint, HQ_WALL))
                    .get("tiles")
                    .get("abnormal_temperatures")
                    .get("last_1h")
                    .asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Whether a GET answers a body containing {@code text}. */
    boolean shows(String pathAndQuery, String token, String text) {
        try {
            return view(pathAndQuery, token).body().contains(text);
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aDistrictAdminCannotMoveAnotherDistrictsArrival() throws Exception {
        String at = EventTimes.format(Instant.now().minusSeconds(120), FaultLoad.SHANGHAI);
        assertThat(feed(
                                "/api/v1/checkpoint-events",
                                CheckpointSnapshotIT.arrival("sc-x1", "HP-1", at, false, "admitted", "38.6"),
                                TestStack.TOKEN)
                        .statusCode())
                .isEqualTo(202);
        TestStack.eventually(
                Duration.ofSeconds(20), () -> shows("/api/v1/alerts", HQ_WALL, "sc-x1/0"), () -> "黄浦's fever stored");
        TestStack.eventually(Duration.ofSeconds(20), () -> fevers("HP-1") == 1, () -> "黄浦's fever counted");

        // 浦东's admin rewrites it as an arrival at one of its own checkpoints: ingest sees only the new content
        HttpResponse<String> put = stack.send(
                "PUT",
                stack.stack.ingestUrl() + "/api/v1/checkpoint-events/sc-x1",
                "application/json",
                CheckpointSnapshotIT.arrival("sc-x1", "PD-1", at, false, "admitted", "36.5")
                        .replaceFirst("\\}$", ",\"correction_reason\":\"ours\"}"),
                PD_ADMIN);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(202);
        // and voids it naming its own checkpoint, or 黄浦's (refused by ingest)
        assertThat(stack.send(
                                "DELETE",
                                stack.stack.ingestUrl()
                                        + "/api/v1/checkpoint-events/sc-x1?reason=ours&checkpoint_id=HP-1",
                                null,
                                null,
                                PD_ADMIN)
                        .statusCode())
                .isEqualTo(403);
        assertThat(stack.send(
                                "DELETE",
                                stack.stack.ingestUrl()
                                        + "/api/v1/checkpoint-events/sc-x1?reason=ours&checkpoint_id=PD-1",
                                null,
                                null,
                                PD_ADMIN)
                        .statusCode())
                .isEqualTo(202);

        // the job refuses both and says so where both districts' admins read it
        TestStack.eventually(
                Duration.ofSeconds(30),
                () -> shows("/api/v1/audit?action=correction_refused", PD_ADMIN, "sc-x1")
                        && shows("/api/v1/audit?action=void_refused", PD_ADMIN, "sc-x1"),
                () -> "both refusals in 浦东's audit");
        assertThat(view("/api/v1/audit?action=correction_refused", HQ_ADMIN).body())
                .contains("sc-x1")
                .contains("checkpoints/HP-1");
        // 黄浦's fever still counts and stands; 浦东 gained nothing
        assertThat(fevers("HP-1")).isEqualTo(1);
        assertThat(fevers("PD-1")).isZero();
        JsonNode alerts = json(view("/api/v1/alerts", HQ_WALL));
        boolean standing = false;
        for (JsonNode a : alerts.isArray() ? alerts : alerts.path("alerts")) {
            standing |= a.get("alert_id").asText().equals("sc-x1/0")
                    && a.get("status").asText().equals("new");
        }
        assertThat(standing).as(alerts.toString()).isTrue();
    }

    /**
     * A district's viewer, admin and device, tried as a new user would with the parameters the API has, reach nothing
     * outside their district: every read of another district's place or scope is refused, every list answers its own
     * rows only, every write of another district's place is refused.
     */
    @Test
    void aDistrictsTokensReachNothingOutsideTheirDistrictWhateverTheParameters() throws Exception {
        String yesterday = LocalDate.now(FaultLoad.SHANGHAI).minusDays(1).toString();
        String hp = enc("district:" + HUANGPU);
        List<String> refusedReads = new ArrayList<>();
        for (String format : List.of("json", "csv", "xlsx", "pdf")) {
            refusedReads.add("/api/v1/snapshot?format=" + format + "&scope=all");
            refusedReads.add("/api/v1/snapshot?format=" + format + "&scope=" + hp);
            refusedReads.add("/api/v1/reports/" + yesterday + "?format=" + format + "&scope=" + hp);
        }
        for (String scope : List.of("all", hp, "checkpoint:HP-1")) {
            refusedReads.add("/api/v1/tiles?scope=" + scope);
            refusedReads.add("/api/v1/series?scope=" + scope);
            refusedReads.add("/api/v1/alerts?scope=" + scope);
        }
        refusedReads.addAll(List.of(
                "/api/v1/compounds?district=" + enc(HUANGPU),
                "/api/v1/compounds?district=" + enc(HUANGPU) + "&format=csv",
                "/api/v1/compounds/HC-1/households",
                "/api/v1/compounds/HC-1/households?round=1",
                "/api/v1/revisits/overdue?district=" + enc(HUANGPU),
                "/api/v1/reports?scope=all",
                "/api/v1/reports?scope=" + hp));
        for (String path : refusedReads) {
            HttpResponse<String> r = view(path, PD_WALL);
            // 403, or 404 for what is not there, or 400 for a scope the route does not take (alerts of a checkpoint)
            assertThat(r.statusCode())
                    .as(path)
                    .isIn(path.contains("checkpoint:") ? List.of(400, 403) : List.of(403, 404));
            for (String other : List.of("HC-1", "HH-1", "HP-1", "外滩小区")) {
                if (!path.contains(other)) { // a refusal may repeat what was asked, never tell what was not
                    assertThat(r.body()).as(path).doesNotContain(other);
                }
            }
        }
        // lists without a district answer the viewer's own rows only, whatever else they name
        for (String path : List.of(
                "/api/v1/compounds?street=" + enc("外滩街道"),
                "/api/v1/compounds?community=" + enc("中山社区"),
                "/api/v1/revisits/overdue?street=" + enc("外滩街道"),
                "/api/v1/alerts",
                "/api/v1/snapshot?format=csv",
                "/api/v1/reports/" + yesterday + "/sign-offs")) {
            HttpResponse<String> r = view(path, PD_WALL);
            assertThat(r.body())
                    .as(path)
                    .doesNotContain("HC-1")
                    .doesNotContain("HH-1")
                    .doesNotContain("HP-1")
                    .doesNotContain("外滩小区");
        }
        // a viewer is no admin; an admin of a district neither freezes nor signs for another
        assertThat(view("/api/v1/audit", PD_WALL).statusCode()).isEqualTo(403);
        assertThat(stack.send(
                                "POST",
                                stack.stack.dashboardUrl() + "/api/v1/reports?date=" + yesterday + "&cutoff=20:00",
                                null,
                                null,
                                PD_ADMIN)
                        .statusCode())
                .isEqualTo(403);
        assertThat(stack.send(
                                "POST",
                                stack.stack.dashboardUrl() + "/api/v1/reports/" + yesterday + "/sign-offs?district="
                                        + enc(HUANGPU),
                                null,
                                null,
                                PD_ADMIN)
                        .statusCode())
                .isEqualTo(403);

        // writes: registry rows, corrections and voids of another district's places, and feed items
        String ingest = stack.stack.ingestUrl();
        assertThat(stack.send(
                                "PUT",
                                ingest + "/api/v1/registry/households",
                                "text/csv",
                                ScreeningIT.HEADER + "HH-9,黄浦区,外滩街道,中山社区,HC-1,外滩小区,1,1,909,,\n",
                                PD_ADMIN)
                        .statusCode())
                .as("a household of 黄浦")
                .isEqualTo(403);
        assertThat(stack.send(
                                "PUT",
                                ingest + "/api/v1/registry/households",
                                "text/csv",
                                ScreeningIT.HEADER + "PH-9,浦东新区,花木街道,联洋社区,HC-1,外滩小区,1,1,909,,\n",
                                PD_ADMIN)
                        .statusCode())
                .as("黄浦's compound")
                .isEqualTo(403);
        assertThat(stack.send(
                                "PUT",
                                ingest + "/api/v1/registry/households",
                                "text/csv",
                                ScreeningIT.HEADER + "HH-1,浦东新区,花木街道,联洋社区,PC-1,联洋花园,1,1,101,,\n",
                                PD_ADMIN)
                        .statusCode())
                .as("黄浦's household")
                .isEqualTo(403);
        assertThat(stack.send(
                                "DELETE",
                                ingest + "/api/v1/household-visits/sc-any?reason=x&household_id=HH-1",
                                null,
                                null,
                                PD_ADMIN)
                        .statusCode())
                .isEqualTo(403);
        assertThat(stack.send(
                                "PUT",
                                ingest + "/api/v1/household-visits/sc-hv1",
                                "application/json",
                                visit("sc-hv1", "HH-1").replaceFirst("\\}$", ",\"correction_reason\":\"x\"}"),
                                PD_ADMIN)
                        .statusCode())
                .isEqualTo(403);
        assertThat(stack.send(
                                "PUT",
                                ingest + "/api/v1/checkpoint-events/sc-hc1",
                                "application/json",
                                arrival("sc-hc1", "HP-1").replaceFirst("\\}$", ",\"correction_reason\":\"x\"}"),
                                PD_ADMIN)
                        .statusCode())
                .isEqualTo(403);
        assertThat(feed("/api/v1/household-visits", visit("sc-hv2", "HH-1"), PD_FEED)
                        .statusCode())
                .isEqualTo(403);
        assertThat(feed("/api/v1/checkpoint-events", arrival("sc-hc2", "HP-1"), PD_FEED)
                        .statusCode())
                .isEqualTo(403);
        // and nothing of 黄浦's registry changed: its compound still holds its one household
        TestStack.eventually(
                Duration.ofSeconds(20),
                () -> {
                    try {
                        JsonNode compounds = json(view("/api/v1/compounds?district=" + enc(HUANGPU), HQ_WALL))
                                .get("compounds");
                        return compounds.size() == 1
                                && compounds.get(0).get("compound_id").asText().equals("HC-1")
                                && compounds.get(0).get("households").asInt() == 1;
                    } catch (Exception e) {
                        return false;
                    }
                },
                () -> "黄浦's compound HC-1 with its one household, as registered");
    }
}
