package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.Json;
import io.cordon.testkit.Feeds;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Areas below the district (API.md, "Areas below the district") through the public interface: a small city of two
 * districts, three streets, five communities, two responsible units (one across both districts) and two grids; every
 * area's figures against a count by hand, at every level, live and in a snapshot as of its cutoff; and a community's
 * tokens, tried on every route, reaching nothing outside their community.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AreasIT {

    static final String PD = "浦东新区";
    static final String HP = "黄浦区";
    static final String HUAMU = "花木街道";
    static final String LUJIAZUI = "陆家嘴街道";
    static final String LIANYANG = "community:浦东新区/花木街道/联洋社区";
    static final String HUAMU_STREET = "street:浦东新区/花木街道";
    static final String HQ_WALL = "hq-wall-secret";
    static final String LY_WALL = "lianyang-wall-secret";
    static final String WJW_WALL = "wjw-wall-secret";
    static final String LY_FEED = "lianyang-feed-secret";
    static final String HM_ADMIN = "huamu-admin-secret";
    static final String HQ_ADMIN = "hq-admin-secret";

    @TempDir
    static Path dir;

    static TestStack stack;
    static Instant posted;

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.start(
                dir,
                Map.of(
                        "CORDON_INGEST_TOKENS", TestStack.TOKEN + ",ly-team:" + LY_FEED + "@" + LIANYANG,
                        "CORDON_ADMIN_TOKENS", "hq:" + HQ_ADMIN + ",hm-office:" + HM_ADMIN + "@" + HUAMU_STREET,
                        "CORDON_VIEWER_TOKENS",
                                "hq-wall:" + HQ_WALL + ",ly-wall:" + LY_WALL + "@" + LIANYANG + ",wjw-wall:" + WJW_WALL
                                        + "@unit:区卫健委"));
        stack.adminToken = HQ_ADMIN;
        HttpResponse<String> r =
                stack.putCheckpoints("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                        + "PD-HM,花木卡口,highway,上海,上海,浦东新区,花木街道,31.2,121.5\n"
                        + "PD-LJZ,陆家嘴卡口,highway,上海,上海,浦东新区,陆家嘴街道,31.2,121.5\n"
                        + "HP-WT,外滩卡口,compound_gate,上海,上海,黄浦区,外滩街道,31.2,121.4\n");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        StringBuilder homes = new StringBuilder(ScreeningIT.HEADER);
        // C1 联洋花园: 花木街道 / 联洋社区, 区卫健委, grids G1 (H1-1, H1-2) and G2 (H1-3, H1-4)
        for (int i = 1; i <= 4; i++) {
            homes.append("H1-" + i + ",浦东新区,花木街道,联洋社区,C1,联洋花园,1,1,10" + i + ",区卫健委," + (i <= 2 ? "G1" : "G2") + "\n");
        }
        // C2 梅园新村: 花木街道 / 梅园社区, 区民政局
        for (int i = 1; i <= 3; i++) {
            homes.append("H2-" + i + ",浦东新区,花木街道,梅园社区,C2,梅园新村,1,1,10" + i + ",区民政局,\n");
        }
        // C3 陆家嘴小区: 陆家嘴街道 / 梅园社区 (the same community name in another street), 区卫健委
        for (int i = 1; i <= 2; i++) {
            homes.append("H3-" + i + ",浦东新区,陆家嘴街道,梅园社区,C3,陆家嘴小区,1,1,10" + i + ",区卫健委,\n");
        }
        // C4 东昌小区: 陆家嘴街道 / 东昌社区, 区民政局
        for (int i = 1; i <= 5; i++) {
            homes.append("H4-" + i + ",浦东新区,陆家嘴街道,东昌社区,C4,东昌小区,1,1,10" + i + ",区民政局,\n");
        }
        // C5 外滩小区: 黄浦区 / 外滩街道 / 中山社区, 区卫健委 (a unit across two districts)
        for (int i = 1; i <= 2; i++) {
            homes.append("H5-" + i + ",黄浦区,外滩街道,中山社区,C5,外滩小区,1,1,10" + i + ",区卫健委,\n");
        }
        r = stack.putHouseholds(homes.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

        posted = Instant.now();
        Instant recent = posted.minusSeconds(120);
        List<String> visits = new ArrayList<>();
        visits.add(visit("v1", "H1-1", "reached", recent));
        visits.add(visit("v2", "H1-2", "phone_reached", recent));
        visits.add(visit("v3", "H1-3", "nobody_home", recent)); // pending, not yet overdue
        visits.add(visit("v4", "H2-1", "vacant", recent));
        visits.add(visit("v5", "H3-1", "reached", recent));
        visits.add(visit("v6", "H4-1", "nobody_home", posted.minus(Duration.ofHours(7)))); // overdue (6 h window)
        visits.add(visit("v7", "H5-1", "reached", recent));
        r = stack.postVisits("[" + String.join(",", visits) + "]");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(Json.MAPPER.readTree(r.body()).get("accepted").asInt()).isEqualTo(7);
        r = stack.postArrivals("["
                + Feeds.arrival("a1").checkpoint("PD-HM").person(36.5).json() + ","
                + Feeds.arrival("a2").checkpoint("PD-HM").person(36.6).json() + ","
                + Feeds.arrival("a3").checkpoint("PD-LJZ").person(36.5).json() + ","
                + Feeds.arrival("a4").checkpoint("HP-WT").person(36.5).json() + "]");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        TestStack.eventually(
                Duration.ofSeconds(60),
                () -> tiles("all", HQ_WALL).at("/registered_persons/today").asLong() == 4
                        && tiles("all", HQ_WALL).at("/coverage_pct/value").asDouble() == 31.3,
                () -> "the city's tiles: " + tiles("all", HQ_WALL));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static String visit(String id, String household, String outcome, Instant at) {
        return Feeds.visit(id).household(household).outcome(outcome).at(at).json();
    }

    static HttpResponse<String> view(String pathAndQuery, String token) {
        return stack.view(pathAndQuery, token);
    }

    static JsonNode json(String pathAndQuery, String token) {
        return stack.json(pathAndQuery, token);
    }

    static JsonNode tiles(String scope, String token) {
        return stack.tiles(scope, token);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** An area's row by hand: compounds, households, resolved, unvisited, revisit overdue, coverage. */
    static Map<String, Object> row(long compounds, long households, long resolved, long overdue) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("compounds", compounds);
        m.put("households", households);
        m.put("resolved", resolved);
        m.put("unvisited", households - resolved);
        m.put("revisit_overdue", overdue);
        m.put("coverage_pct", Math.round(resolved * 1000.0 / households) / 10.0);
        return m;
    }

    static Map<String, Map<String, Object>> rows(JsonNode areas) {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        for (JsonNode a : areas) {
            Map<String, Object> r = new LinkedHashMap<>();
            for (String k : List.of("compounds", "households", "resolved", "unvisited", "revisit_overdue")) {
                r.put(k, a.get(k).asLong());
            }
            r.put("coverage_pct", a.get("coverage_pct").asDouble());
            m.put(a.get("area").asText(), r);
        }
        return m;
    }

    static Map<String, Map<String, Object>> areas(String level, String within, String token) {
        JsonNode answer =
                json("/api/v1/areas?level=" + level + (within == null ? "" : "&within=" + enc(within)), token);
        assertThat(answer.get("level").asText()).isEqualTo(level);
        return rows(answer.get("areas"));
    }

    @Test
    void everyAreasFiguresEqualACountByHandAtEveryLevel() {
        assertThat(areas("district", null, HQ_WALL))
                .containsExactly(
                        Map.entry("district:浦东新区", row(4, 14, 4, 1)), Map.entry("district:黄浦区", row(1, 2, 1, 0)));
        // the city's: 5 of 16 households resolved
        assertThat(tiles("all", HQ_WALL).at("/coverage_pct/value").asDouble()).isEqualTo(31.3);
        // worst coverage first: 陆家嘴 1 of 7, then 花木 3 of 7
        assertThat(areas("street", "district:" + PD, HQ_WALL))
                .containsExactly(
                        Map.entry("street:浦东新区/陆家嘴街道", row(2, 7, 1, 1)),
                        Map.entry("street:浦东新区/花木街道", row(2, 7, 3, 0)));
        assertThat(areas("community", HUAMU_STREET, HQ_WALL))
                .containsExactly(
                        Map.entry("community:浦东新区/花木街道/梅园社区", row(1, 3, 1, 0)), Map.entry(LIANYANG, row(1, 4, 2, 0)));
        // two communities of one name in two streets are two areas
        assertThat(areas("community", "district:" + PD, HQ_WALL))
                .containsKeys("community:浦东新区/花木街道/梅园社区", "community:浦东新区/陆家嘴街道/梅园社区")
                .hasSize(4);
        assertThat(areas("unit", null, HQ_WALL))
                .containsExactly(Map.entry("unit:区民政局", row(2, 8, 1, 1)), Map.entry("unit:区卫健委", row(3, 8, 4, 0)));
        assertThat(areas("grid", LIANYANG, HQ_WALL))
                .containsExactly(Map.entry("grid:G2", row(1, 2, 0, 0)), Map.entry("grid:G1", row(1, 2, 2, 0)));
    }

    @Test
    void eachAreaIsTheSumOfItsCompoundsRows() {
        for (String level : List.of("district", "street", "community", "unit")) {
            for (Map.Entry<String, Map<String, Object>> area :
                    areas(level, null, HQ_WALL).entrySet()) {
                JsonNode compounds = json("/api/v1/compounds?scope=" + enc(area.getKey()), HQ_WALL)
                        .get("compounds");
                long households = 0;
                long resolved = 0;
                long overdue = 0;
                for (JsonNode c : compounds) {
                    households += c.get("households").asLong();
                    resolved += c.get("resolved").asLong();
                    overdue += c.get("revisit_overdue").asLong();
                }
                assertThat(area.getValue())
                        .as(area.getKey())
                        .isEqualTo(row(compounds.size(), households, resolved, overdue));
            }
        }
    }

    @Test
    void theAreasCsvHasTheRowKeysAsItsHeader() {
        HttpResponse<String> r = view("/api/v1/areas?level=street&within=district:" + enc(PD) + "&format=csv", HQ_WALL);
        assertThat(r.statusCode()).isEqualTo(200);
        String[] lines = r.body().replace("\uFEFF", "").split("\r?\n");
        assertThat(lines[0])
                .isEqualTo("area,name,compounds,households,resolved,unvisited,revisit_overdue,coverage_pct,"
                        + "key_persons,follow_up_overdue");
        assertThat(lines[1]).isEqualTo("street:浦东新区/陆家嘴街道,陆家嘴街道,2,7,1,6,1,14.3,0,0");
        assertThat(lines).hasSize(3);
    }

    @Test
    void aStreetsTilesAreItsCheckpointsAndCompoundsAndACommunityHasNoCheckpointFigures() {
        JsonNode huamu = tiles(HUAMU_STREET, HQ_WALL);
        assertThat(huamu.at("/registered_persons/today").asLong()).isEqualTo(2);
        assertThat(huamu.at("/unvisited_homes/value").asLong()).isEqualTo(4);
        assertThat(huamu.at("/coverage_pct/value").asDouble()).isEqualTo(42.9);
        assertThat(tiles("street:浦东新区/陆家嘴街道", HQ_WALL)
                        .at("/revisit_overdue/value")
                        .asLong())
                .isEqualTo(1);
        JsonNode lianyang = tiles(LIANYANG, HQ_WALL);
        assertThat(lianyang.get("registered_persons").isNull()).isTrue();
        assertThat(lianyang.get("abnormal_temperatures").isNull()).isTrue();
        assertThat(lianyang.get("silent_checkpoints")).isEmpty();
        assertThat(lianyang.at("/unvisited_homes/value").asLong()).isEqualTo(2);
        assertThat(lianyang.at("/coverage_pct/value").asDouble()).isEqualTo(50.0);
        JsonNode unit = tiles("unit:区卫健委", HQ_WALL);
        assertThat(unit.get("registered_vehicles").isNull()).isTrue();
        assertThat(unit.at("/coverage_pct/value").asDouble()).isEqualTo(50.0);
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it posts a visit the other tests' counts do not have
    void aSnapshotAsOfItsCutoffHasEveryAreasTotals() throws Exception {
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        LocalTime cutoff = LocalTime.ofInstant(posted, zone).withSecond(0).withNano(0);
        // a visit after the cutoff (a device clock a little ahead): live, not in the snapshot
        if (cutoff.isBefore(LocalTime.of(23, 50))) {
            HttpResponse<String> r =
                    stack.postVisits("[" + visit("v8", "H2-2", "reached", posted.plusSeconds(120)) + "]");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            TestStack.eventually(
                    Duration.ofSeconds(30),
                    () -> tiles(HUAMU_STREET, HQ_WALL)
                                    .at("/unvisited_homes/value")
                                    .asLong()
                            == 3,
                    () -> "花木's live tiles: " + tiles(HUAMU_STREET, HQ_WALL));
        }
        String date = posted.atZone(zone).toLocalDate().toString();
        JsonNode snapshot =
                json("/api/v1/snapshot?date=" + date + "&cutoff=" + cutoff + "&scope=" + enc(HUAMU_STREET), HQ_WALL);
        assertThat(snapshot.get("compounds"))
                .extracting(c -> c.get("compound_id").asText())
                .containsExactly("C2", "C1");
        JsonNode areas = snapshot.get("areas");
        assertThat(rows(areas.get("district"))).containsExactly(Map.entry("district:浦东新区", row(2, 7, 3, 0)));
        assertThat(rows(areas.get("street"))).containsExactly(Map.entry(HUAMU_STREET, row(2, 7, 3, 0)));
        assertThat(rows(areas.get("community")))
                .containsExactly(
                        Map.entry("community:浦东新区/花木街道/梅园社区", row(1, 3, 1, 0)), Map.entry(LIANYANG, row(1, 4, 2, 0)));
        assertThat(snapshot.get("checkpoints"))
                .extracting(c -> c.get("checkpoint_id").asText())
                .containsExactly("PD-HM");
    }

    @Test
    void aCommunitysTokensReachNothingOutsideTheirCommunity() throws Exception {
        // the wall and the lists: its community only
        assertThat(json("/api/v1/tiles", LY_WALL).get("scope").asText()).isEqualTo(LIANYANG);
        assertThat(json("/api/v1/compounds", LY_WALL).get("compounds"))
                .extracting(c -> c.get("compound_id").asText())
                .containsExactly("C1");
        assertThat(json("/api/v1/compounds/C1/households", LY_WALL).get("households"))
                .hasSize(4);
        assertThat(json("/api/v1/revisits/overdue", LY_WALL).get("households")).isEmpty();
        JsonNode own = json("/api/v1/areas", LY_WALL);
        assertThat(own.get("level").asText()).isEqualTo("grid");
        assertThat(own.get("within").asText()).isEqualTo(LIANYANG);
        assertThat(own.get("areas")).hasSize(2);
        JsonNode snapshot = json("/api/v1/snapshot", LY_WALL);
        assertThat(snapshot.get("compounds"))
                .extracting(c -> c.get("compound_id").asText())
                .containsExactly("C1");
        assertThat(snapshot.get("checkpoints")).isEmpty();
        assertThat(snapshot.at("/areas/street")).hasSize(1);
        // every other area, asked for by any parameter, is a 403
        List<String> outside = List.of(
                "/api/v1/tiles?scope=" + enc(HUAMU_STREET),
                "/api/v1/tiles?scope=" + enc("community:浦东新区/花木街道/梅园社区"),
                "/api/v1/tiles?scope=all",
                "/api/v1/tiles?scope=checkpoint:PD-HM",
                "/api/v1/series?scope=" + enc("district:" + PD),
                "/api/v1/compounds?street=" + enc(LUJIAZUI),
                "/api/v1/compounds?community=" + enc("梅园社区"),
                "/api/v1/compounds?district=" + enc(HP),
                "/api/v1/compounds?scope=" + enc(HUAMU_STREET),
                "/api/v1/compounds?responsible_unit=" + enc("区民政局") + "&scope=" + enc("unit:区民政局"),
                "/api/v1/compounds/C2/households",
                "/api/v1/compounds/C5/households",
                "/api/v1/revisits/overdue?street=" + enc(LUJIAZUI),
                "/api/v1/areas?within=" + enc(HUAMU_STREET),
                "/api/v1/areas?within=all&level=district",
                "/api/v1/snapshot?scope=" + enc("district:" + PD),
                "/api/v1/snapshot?scope=all&format=csv",
                "/api/v1/alerts?scope=" + enc(HUAMU_STREET));
        for (String path : outside) {
            HttpResponse<String> r = view(path, LY_WALL);
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(403);
            assertThat(r.body()).as(path).doesNotContain("梅园新村", "东昌小区", "外滩小区");
        }
        // its feed token posts visits of its community's households only
        HttpResponse<String> r = stack.send(
                "POST",
                stack.stack.ingestUrl() + "/api/v1/household-visits",
                "application/json",
                "[" + visit("ly-1", "H1-4", "nobody_home", Instant.now().minusSeconds(30)) + ","
                        + visit("ly-2", "H2-3", "reached", Instant.now().minusSeconds(30)) + "]",
                LY_FEED);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode answer = Json.MAPPER.readTree(r.body());
        assertThat(answer.get("accepted").asInt()).isEqualTo(1);
        assertThat(answer.at("/rejected/0/event_id").asText()).isEqualTo("ly-2");
        assertThat(answer.at("/rejected/0/errors/0/path").asText()).isEqualTo("/household_id");
        r = stack.send(
                "POST",
                stack.stack.ingestUrl() + "/api/v1/checkpoint-events",
                "application/json",
                "[" + Feeds.arrival("ly-a").checkpoint("PD-HM").person(36.5).json() + "]",
                LY_FEED);
        assertThat(Json.MAPPER
                        .readTree(r.body())
                        .at("/rejected/0/errors/0/path")
                        .asText())
                .isEqualTo("/checkpoint_id");
    }

    @Test
    void unknownAreasAre404AndMalformedOnes400() {
        assertThat(view("/api/v1/tiles?scope=" + enc("street:浦东新区/不存在街道"), HQ_WALL)
                        .statusCode())
                .isEqualTo(404);
        assertThat(view("/api/v1/tiles?scope=" + enc("unit:不存在单位"), HQ_WALL).statusCode())
                .isEqualTo(404);
        assertThat(view("/api/v1/areas?within=" + enc("community:浦东新区/花木街道/不存在社区"), HQ_WALL)
                        .statusCode())
                .isEqualTo(404);
        for (String bad : List.of(
                "/api/v1/tiles?scope=" + enc("street:浦东新区"),
                "/api/v1/tiles?scope=" + enc("community:浦东新区/花木街道"),
                "/api/v1/areas?level=province",
                "/api/v1/areas?within=checkpoint:PD-HM",
                "/api/v1/areas?within=" + enc("street:" + PD),
                "/api/v1/areas?level=district&within=" + enc(HUAMU_STREET))) {
            HttpResponse<String> r = view(bad, HQ_WALL);
            assertThat(r.statusCode()).as(bad + ": " + r.body()).isEqualTo(400);
        }
        assertThat(view("/api/v1/areas?level=province", HQ_WALL).body()).contains("level");
        assertThat(view("/api/v1/areas?within=" + enc("street:" + PD), HQ_WALL).body())
                .contains("within");
    }

    @Test
    void aUnitsWallSeesItsCompoundsAcrossDistricts() {
        assertThat(json("/api/v1/compounds", WJW_WALL).get("compounds"))
                .extracting(c -> c.get("compound_id").asText())
                .containsExactlyInAnyOrder("C1", "C3", "C5");
        assertThat(areas("district", null, WJW_WALL))
                .containsOnlyKeys("district:浦东新区", "district:黄浦区")
                .containsEntry("district:浦东新区", row(2, 6, 3, 0));
        assertThat(view("/api/v1/compounds/C2/households", WJW_WALL).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aStreetsAdminRegistersHouseholdsOfItsStreetOnly() throws Exception {
        HttpResponse<String> r = stack.send(
                "PUT",
                stack.stack.ingestUrl() + "/api/v1/registry/households",
                "text/csv",
                ScreeningIT.HEADER + "H4-9,浦东新区,陆家嘴街道,东昌社区,C4,东昌小区,1,1,109,区民政局,\n",
                HM_ADMIN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(Json.MAPPER.readTree(r.body()).at("/errors/0/field").asText())
                .isEqualTo("street");
        // nor a household of its street in another street's compound
        r = stack.send(
                "PUT",
                stack.stack.ingestUrl() + "/api/v1/registry/households",
                "text/csv",
                ScreeningIT.HEADER + "H9-1,浦东新区,花木街道,联洋社区,C4,东昌小区,1,1,101,区民政局,\n",
                HM_ADMIN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(Json.MAPPER.readTree(r.body()).at("/errors/0/field").asText())
                .isEqualTo("compound_id");
        // nor void a visit of another street
        assertThat(stack.send(
                                "DELETE",
                                stack.stack.ingestUrl() + "/api/v1/household-visits/v6?reason=test&household_id=H4-1",
                                null,
                                null,
                                HM_ADMIN)
                        .statusCode())
                .isEqualTo(403);
    }
}
