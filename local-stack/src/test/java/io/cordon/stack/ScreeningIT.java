package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.Json;
import io.cordon.testkit.Feeds;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
 * Household screening end to end: the registry, visits through ingest, the screening job, and the compound figures
 * of the snapshot, the live API and the drill-down against a count by hand — with resent visits, late visits, visits
 * after the cutoff, round-2 visits mixed in, and last attempts just inside and just outside the revisit window.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScreeningIT {

    @TempDir
    static Path dir;

    static TestStack stack;
    static ScreeningHandCount hand;
    static final Duration WINDOW = Duration.ofHours(6);
    static final List<String> COMPOUNDS = List.of("C1", "C2", "C3");
    static final String HEADER =
            "household_id,district,street,community,compound_id,compound_name,building,unit,room,responsible_unit,grid_id\n";

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.start(dir);
        Map<String, String> compoundOf = new LinkedHashMap<>();
        StringBuilder csv = new StringBuilder(HEADER);
        String[][] homes = {
            {"H1", "C1"},
            {"H2", "C1"},
            {"H3", "C1"},
            {"H4", "C1"},
            {"H5", "C1"},
            {"H6", "C2"},
            {"H7", "C2"},
            {"H8", "C2"},
            {"H9", "C3"},
            {"H10", "C3"}
        };
        for (String[] h : homes) {
            compoundOf.put(h[0], h[1]);
            String name = Map.of("C1", "南苑小区", "C2", "北苑小区", "C3", "西村").get(h[1]);
            String community = h[1].equals("C3") ? "西村村委会" : "南秦社区";
            csv.append(h[0])
                    .append(",商州区,城关街道,")
                    .append(community)
                    .append(',')
                    .append(h[1])
                    .append(',')
                    .append(name)
                    .append(",1,2,")
                    .append(h[0].substring(1))
                    .append("01,区卫健局,G-1\n");
        }
        HttpResponse<String> r = stack.putHouseholds(csv.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"upserted\":10}");
        hand = new ScreeningHandCount(compoundOf);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static String visit(String id, String household, int round, String at, String outcome, String... measures) {
        Feeds.Visit v = Feeds.visit(id)
                .household(household)
                .round(round)
                .at(at)
                .team("team-" + household)
                .outcome(outcome)
                .noKeyPersons();
        for (String measure : measures) {
            v.keyPerson("returned_from_hubei", measure);
        }
        return v.json();
    }

    static void post(String body) throws Exception {
        HttpResponse<String> r = stack.postVisits(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        hand.posted(body);
    }

    static JsonNode json(String path) {
        try {
            return stack.getJson(path);
        } catch (Exception | AssertionError e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Map<String, Object>> rows(JsonNode compounds) {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        compounds.forEach(c -> m.put(c.get("compound_id").asText(), ScreeningHandCount.fromJson(c)));
        return m;
    }

    @Test
    @Order(1)
    void snapshotCompoundsEqualACountByHand() throws Exception {
        List<String> batch = new ArrayList<>();
        batch.add(visit("v1", "H1", 1, "2020-02-01T10:00:00+08:00", "nobody_home"));
        batch.add(visit("v2", "H1", 1, "2020-02-01T15:00:00+08:00", "reached", "home_quarantine"));
        batch.add(visit("v3", "H2", 1, "2020-02-01T13:59:59+08:00", "nobody_home")); // just outside the window at 20:00
        batch.add(visit("v4", "H2", 1, "2020-02-01T05:30:00Z", "nobody_home")); // 13:30 local, in UTC
        batch.add(visit("v5", "H3", 1, "2020-02-01T14:00:00+08:00", "refused")); // exactly at T - 6 h: overdue
        batch.add(visit("v6", "H4", 1, "2020-02-01T14:00:01+08:00", "nobody_home")); // just inside: not overdue
        batch.add(visit("v7", "H5", 1, "2020-02-01T20:00:00+08:00", "reached")); // exactly at the cutoff: not counted
        batch.add(visit("v8", "H6", 1, "2020-02-01T09:00:00+08:00", "phone_reached", "central_quarantine"));
        batch.add(visit("v9", "H6", 1, "2020-02-01T11:00:00+08:00", "reached", "home_quarantine", "home_quarantine"));
        batch.add(visit("v10", "H7", 1, "2020-02-01T12:00:00+08:00", "vacant"));
        post("[" + String.join(",", batch) + "]");
        // the live tiles find round 1 the latest; then round 2 begins, and they must read it, not the round they found
        // before
        TestStack.eventually(
                Duration.ofSeconds(60),
                () -> json("/api/v1/tiles")
                                .get("tiles")
                                .get("unvisited_homes")
                                .get("round")
                                .asInt()
                        == 1,
                () -> "live tiles of round 1: " + json("/api/v1/tiles"));
        post(visit("v11", "H6", 2, "2020-02-08T10:00:00+08:00", "nobody_home")); // round 2 begins
        post(visit("v2", "H1", 1, "2020-02-01T15:00:00+08:00", "nobody_home")); // resent, other content
        post(visit("v12", "H4", 1, "2020-02-01T21:00:00+08:00", "reached", "central_quarantine")); // after the cutoff
        post(visit("v13", "H8", 1, "2020-02-01T08:00:00+08:00", "nobody_home")); // late, posted last

        Instant cutoff = OffsetDateTime.parse("2020-02-01T20:00:00+08:00").toInstant();
        Map<String, Map<String, Object>> expected = hand.asOf(1, cutoff, WINDOW, COMPOUNDS);
        assertThat(expected.get("C1"))
                .containsEntry("resolved", 1L)
                .containsEntry("revisit_overdue", 2L)
                .containsEntry("never_visited", 1L);
        assertThat(expected.get("C2")).containsEntry("home_quarantine", 2L).containsEntry("central_quarantine", 0L);

        String query = "/api/v1/snapshot?date=2020-02-01&cutoff=20:00&round=1";
        TestStack.eventually(
                Duration.ofSeconds(60),
                () -> rows(json(query).get("compounds")).equals(expected),
                () -> "snapshot compounds " + json(query).get("compounds") + " expected " + expected);
        JsonNode s = json(query);
        assertThat(s.get("round").asInt()).isEqualTo(1);
        assertThat(s.get("compounds")).hasSize(3);
        assertThat(s.get("compounds").get(0).get("compound_id").asText()).isEqualTo("C3"); // worst coverage first
        // round 2 as of its own cutoff
        Instant cutoff2 = OffsetDateTime.parse("2020-02-08T20:00:00+08:00").toInstant();
        TestStack.eventually(
                Duration.ofSeconds(30),
                () -> rows(json("/api/v1/snapshot?date=2020-02-08&cutoff=20:00&round=2")
                                .get("compounds"))
                        .equals(hand.asOf(2, cutoff2, WINDOW, COMPOUNDS)),
                () -> "round 2 snapshot");
        // without round: the latest round with a visit before the cutoff
        assertThat(json("/api/v1/snapshot?date=2020-02-01&cutoff=20:00")
                        .get("round")
                        .asInt())
                .isEqualTo(1);
        assertThat(json("/api/v1/snapshot?date=2020-02-09&cutoff=08:00")
                        .get("round")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    @Order(2)
    void liveCompoundsHouseholdsAndOverdueListFollowEveryVisit() throws Exception {
        Instant now = Instant.now();
        Map<String, Map<String, Object>> expected = hand.asOf(1, now, WINDOW, COMPOUNDS);
        TestStack.eventually(
                Duration.ofSeconds(30),
                () -> rows(json("/api/v1/compounds?round=1").get("compounds")).equals(expected),
                () -> "live compounds " + json("/api/v1/compounds?round=1") + " expected " + expected);
        JsonNode live = json("/api/v1/compounds?round=1&order=coverage");
        assertThat(live.get("compounds").get(0).get("compound_id").asText()).isEqualTo("C3");
        assertThat(live.get("compounds").get(0).get("responsible_unit").asText())
                .isEqualTo("区卫健局");
        JsonNode filtered = json("/api/v1/compounds?round=1&community=%E8%A5%BF%E6%9D%91%E6%9D%91%E5%A7%94%E4%BC%9A");
        assertThat(filtered.get("compounds")).hasSize(1);

        JsonNode households = json("/api/v1/compounds/C1/households?round=1");
        assertThat(households.get("households")).hasSize(5);
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        households.get("households").forEach(h -> byId.put(h.get("household_id").asText(), h));
        assertThat(byId.get("H1").get("status").asText()).isEqualTo("resolved");
        assertThat(byId.get("H1").get("latest_outcome").asText()).isEqualTo("reached");
        assertThat(byId.get("H2").get("status").asText()).isEqualTo("pending_revisit");
        assertThat(byId.get("H2").get("revisit_overdue").asBoolean()).isTrue();
        assertThat(byId.get("H2").get("team_id").asText()).isEqualTo("team-H2");
        assertThat(byId.get("H4").get("status").asText()).isEqualTo("resolved");
        assertThat(byId.get("H5").get("status").asText()).isEqualTo("resolved");
        assertThat(stack.get("/api/v1/compounds/NOPE/households").statusCode()).isEqualTo(404);

        JsonNode overdue = json("/api/v1/revisits/overdue?round=1");
        List<String> ids = new ArrayList<>();
        overdue.get("households").forEach(h -> ids.add(h.get("household_id").asText()));
        assertThat(ids).containsExactly("H8", "H2", "H3");

        JsonNode tiles = json("/api/v1/tiles?round=1");
        assertThat(tiles.get("tiles").get("unvisited_homes").get("value").asLong())
                .isEqualTo(5);
        assertThat(tiles.get("tiles").get("coverage_pct").get("value").asDouble())
                .isEqualTo(50.0);
        assertThat(tiles.get("tiles").get("revisit_overdue").get("value").asLong())
                .isEqualTo(3);
        assertThat(tiles.get("tiles").get("unvisited_homes").get("round").asInt())
                .isEqualTo(1);
        JsonNode latest = json("/api/v1/tiles");
        assertThat(latest.get("tiles").get("unvisited_homes").get("round").asInt())
                .isEqualTo(2);
        // round 2: one household visited (H6, nobody home), none resolved: every household of the registry unvisited
        JsonNode round2 = json("/api/v1/tiles?round=2");
        assertThat(latest.get("tiles").get("unvisited_homes").get("value").asLong())
                .isEqualTo(
                        round2.get("tiles").get("unvisited_homes").get("value").asLong());
        assertThat(latest.get("tiles").get("coverage_pct").get("value").asDouble())
                .isEqualTo(0.0);

        HttpResponse<byte[]> csv = stack.getBytes("/api/v1/compounds?round=1&format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text.lines().count()).isEqualTo(4);
        assertThat(text).contains("南苑小区").contains("compound_id,compound_name");
    }

    @Test
    @Order(3)
    void everyMalformedVisitIsRejectedNamingItsField() throws Exception {
        List<MalformedArrivals.Case> corpus = MalformedVisits.corpus("H1");
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(100);
        Map<String, String> seen = new LinkedHashMap<>();
        for (MalformedArrivals.Case c : corpus) {
            assertThat(seen.put(c.json(), c.description()))
                    .as("duplicate case " + c.description())
                    .isNull();
        }
        for (MalformedArrivals.Case c : corpus) {
            HttpResponse<String> r = stack.postVisits(c.json());
            assertThat(r.statusCode()).as(c.description() + ": " + r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/problem+json");
            List<String> paths = new ArrayList<>();
            Json.MAPPER
                    .readTree(r.body())
                    .get("errors")
                    .forEach(e -> paths.add(e.get("path").asText()));
            assertThat(paths).as(c.description() + ": " + r.body()).contains(c.path());
        }
        StringBuilder batch = new StringBuilder("[").append(MalformedVisits.valid("good-v", "H9"));
        corpus.forEach(c -> batch.append(',').append(c.json()));
        HttpResponse<String> r = stack.postVisits(batch.append(']').toString());
        assertThat(r.statusCode()).isEqualTo(202);
        JsonNode answer = Json.MAPPER.readTree(r.body());
        assertThat(answer.get("accepted").asInt()).isEqualTo(1);
        assertThat(answer.get("rejected")).hasSize(corpus.size());
        assertThat(stack.send(
                                "POST",
                                stack.stack.ingestUrl() + "/api/v1/household-visits",
                                "text/plain",
                                "x",
                                TestStack.TOKEN)
                        .statusCode())
                .isEqualTo(415);
        assertThat(stack.send(
                                "POST",
                                stack.stack.ingestUrl() + "/api/v1/household-visits",
                                "application/json",
                                "{}",
                                null)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    @Order(4)
    void aBadHouseholdRowRejectsTheRequestNamingRowAndField() throws Exception {
        record Bad(String csv, int row, String field) {}
        String ok = "N1,商州区,城关街道,南秦社区,C9,新苑,1,1,101,,\n";
        List<Bad> bad = List.of(
                new Bad(HEADER + ok + "N2,商州区,城关街道,南秦社区,,新苑,1,1,102,,\n", 2, "compound_id"),
                new Bad(HEADER + ",商州区,城关街道,南秦社区,C9,新苑,1,1,101,,\n", 1, "household_id"),
                new Bad(HEADER + "N 1,商州区,城关街道,南秦社区,C9,新苑,1,1,101,,\n", 1, "household_id"),
                new Bad(HEADER + ok + ok + "N3,,城关街道,南秦社区,C9,新苑,1,1,103,,\n", 3, "district"),
                new Bad(HEADER + "N1,商州区,城关街道,南秦社区,C9,,1,1,101,,\n", 1, "compound_name"));
        for (Bad b : bad) {
            HttpResponse<String> r = stack.putHouseholds(b.csv());
            assertThat(r.statusCode()).as(b.csv()).isEqualTo(400);
            JsonNode p = Json.MAPPER.readTree(r.body());
            assertThat(p.get("detail").asText()).contains("row " + b.row()).contains(b.field());
            assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo(b.field());
        }
        // nothing of those requests was stored
        assertThat(stack.postVisits(MalformedVisits.valid("n1-v", "N1").toString())
                        .statusCode())
                .isEqualTo(400);
        // a household added later counts from then on: never visited until someone visits it
        assertThat(stack.putHouseholds(HEADER + "H11,商州区,城关街道,西村村委会,C3,西村,2,1,101,区卫健局,G-1\n")
                        .statusCode())
                .isEqualTo(200);
        TestStack.eventually(
                Duration.ofSeconds(10),
                () -> {
                    for (JsonNode c : json("/api/v1/compounds?round=1").get("compounds")) {
                        if (c.get("compound_id").asText().equals("C3")) {
                            // H9 was visited in round 1 by the good item of the malformed batch above; H10 never; H11
                            // is new
                            return c.get("households").asLong() == 3
                                    && c.get("never_visited").asLong() == 2
                                    && c.get("resolved").asLong() == 1;
                        }
                    }
                    return false;
                },
                () -> "C3 did not grow to 3 households: " + json("/api/v1/compounds?round=1"));
    }

    @Test
    @Order(5)
    void voidingTheLatestRoundsOnlyVisitTakesTheWallBackToTheRoundBefore() throws Exception {
        // round 3 begins with one visit (an hour ago: inside the correction window, which the 2020 visits are not); the
        // wall reads round 3; voided, round 3 still has rows that counted it (older versions) but no visit counts
        // there any more, and the live tiles must say round 2 again
        String at = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                OffsetDateTime.now(ZoneOffset.ofHours(8)).minusHours(1).withNano(0));
        post(visit("v-r3", "H6", 3, at, "nobody_home"));
        TestStack.eventually(
                Duration.ofSeconds(30),
                () -> json("/api/v1/tiles")
                                .get("tiles")
                                .get("unvisited_homes")
                                .get("round")
                                .asInt()
                        == 3,
                () -> "live tiles after round 3's first visit: " + json("/api/v1/tiles"));
        HttpResponse<String> r = stack.send(
                "DELETE",
                stack.stack.ingestUrl() + "/api/v1/household-visits/v-r3?reason=wrong%20round",
                null,
                null,
                TestStack.TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        TestStack.eventually(
                Duration.ofSeconds(30),
                () -> json("/api/v1/tiles")
                                .get("tiles")
                                .get("unvisited_homes")
                                .get("round")
                                .asInt()
                        == 2,
                () -> "live tiles after the void: " + json("/api/v1/tiles"));
        assertThat(json("/api/v1/tiles")
                        .get("tiles")
                        .get("unvisited_homes")
                        .get("value")
                        .asLong())
                .isEqualTo(json("/api/v1/tiles?round=2")
                        .get("tiles")
                        .get("unvisited_homes")
                        .get("value")
                        .asLong());
    }
}
