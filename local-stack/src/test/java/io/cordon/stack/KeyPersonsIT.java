package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.Json;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
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
 * Key persons (一人一档; API.md, "Key persons") through the public interface: a register with every measure and date
 * edge (starting tomorrow, released today, released yesterday, moved to central quarantine mid-way), follow-ups reached,
 * not reached, resent, from yesterday, voided, feverish and corrected; tiles, the list, the alerts and snapshots before
 * and after {@code CORDON_FOLLOWUP_BY} against a count by hand; area tokens kept inside their area.
 *
 * <p>The operation's zone is chosen so that the test runs at about 09:00 local time: the live figures are before the
 * 12:00 deadline, and a snapshot with a cutoff of 23:00 (later today, so every event so far is in it) is after it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyPersonsIT {

    static final String LIANYANG = "community:浦东新区/花木街道/联洋社区";
    static final String HQ_WALL = "hq-wall-secret";
    static final String LY_WALL = "ly-wall-secret";
    static final String LY_FEED = "ly-feed-secret";
    static final String HM_ADMIN = "hm-admin-secret";
    static final String HQ_ADMIN = "hq-admin-secret";
    static final String ID_NUMBER = "310101199001011234";

    @TempDir
    static Path dir;

    static TestStack stack;
    static ZoneId zone;
    static LocalDate today;

    /** A zone in which it is now between 09:00 and 10:00. */
    static ZoneId morningZone() {
        int utcHour = Instant.now().atZone(ZoneOffset.UTC).getHour();
        int offset = 9 - utcHour;
        if (offset < -12) {
            offset += 24;
        } else if (offset > 14) {
            offset -= 24;
        }
        return ZoneOffset.ofHours(offset);
    }

    @BeforeAll
    static void start() throws Exception {
        zone = morningZone();
        stack = TestStack.start(
                dir,
                Map.of(
                        "CORDON_TIMEZONE", zone.getId(),
                        "CORDON_INGEST_TOKENS", TestStack.TOKEN + ",ly-team:" + LY_FEED + "@" + LIANYANG,
                        "CORDON_ADMIN_TOKENS", "hq:" + HQ_ADMIN + ",hm-office:" + HM_ADMIN + "@street:浦东新区/花木街道",
                        "CORDON_VIEWER_TOKENS", "hq-wall:" + HQ_WALL + ",ly-wall:" + LY_WALL + "@" + LIANYANG));
        stack.adminToken = HQ_ADMIN;
        today = Instant.now().atZone(zone).toLocalDate();
        HttpResponse<String> r = stack.putHouseholds(ScreeningIT.HEADER
                + "H1,浦东新区,花木街道,联洋社区,C1,联洋花园,1,1,101,区卫健委,G1\n"
                + "H2,浦东新区,花木街道,梅园社区,C2,梅园新村,1,1,101,区民政局,\n"
                + "H3,黄浦区,外滩街道,中山社区,C3,外滩小区,1,1,101,区卫健委,\n");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        r = putKeyPersons(
                HQ_ADMIN,
                "person_id,household_id,category,measure,measure_from,measure_until,responsible,id_number\n"
                        + person("P1", "H1", "home_quarantine", -3, null, "王芳") + ID_NUMBER + "\n"
                        + person("P2", "H1", "central_quarantine", -2, 5, "王芳") + "\n"
                        + person("P3", "H1", "health_monitoring", 1, null, "李强") + "\n" // starts tomorrow
                        + person("P4", "H1", "home_quarantine", -14, 0, "李强") + "\n" // released today
                        + person("P5", "H1", "home_quarantine", -14, -1, "李强") + "\n" // released yesterday
                        + person("P6", "H1", "home_quarantine", -5, null, "王芳") + "\n"
                        + person("P7", "H2", "home_quarantine", -1, null, "赵敏") + "\n"
                        + person("P8", "H2", "health_monitoring", -3, null, "赵敏") + "\n"
                        + person("P9", "H3", "home_quarantine", -2, null, "周杰") + "\n"
                        + person("P10", "H2", "home_quarantine", -2, null, "赵敏") + "\n");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        // P6 moved to central quarantine mid-way: the row uploaded again
        r = putKeyPersons(
                HQ_ADMIN,
                "person_id,household_id,category,measure,measure_from,measure_until,responsible\n"
                        + person("P6", "H1", "central_quarantine", -5, null, "王芳") + "\n");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

        Instant now = Instant.now();
        Instant hourAgo = now.minus(Duration.ofHours(1));
        List<String> items = new ArrayList<>();
        items.add(followUp("f1", "P1", hourAgo, true, 36.5));
        items.add(followUp("f2", "P2", hourAgo, false, null)); // not reached: not followed up
        items.add(followUp("f6", "P6", hourAgo, true, 38.2)); // a fever at home
        items.add(followUp("f7", "P7", hourAgo, true, 36.6));
        items.add(followUp("f8", "P8", hourAgo, true, 36.4)); // voided below
        items.add(followUp("f9", "P9", hourAgo, true, 38.0)); // corrected to 36.8 below: alert withdrawn
        items.add(followUp("f10", "P10", now.minus(Duration.ofDays(1)), true, 36.9)); // yesterday's
        r = post(TestStack.TOKEN, "[" + String.join(",", items) + "]");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(Json.MAPPER.readTree(r.body()).get("accepted").asInt()).isEqualTo(7);
        // a resend of P7's follow-up changes nothing
        r = post(TestStack.TOKEN, "[" + followUp("f7", "P7", hourAgo, true, 36.6) + "]");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        r = stack.send(
                "DELETE",
                stack.stack.ingestUrl() + "/api/v1/follow-ups/f8?reason=" + enc("wrong person"),
                null,
                null,
                HQ_ADMIN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String corrected = followUp("f9", "P9", hourAgo, true, 36.8);
        r = stack.send(
                "PUT",
                stack.stack.ingestUrl() + "/api/v1/follow-ups/f9",
                "application/json",
                corrected.substring(0, corrected.length() - 1) + ",\"correction_reason\":\"misread thermometer\"}",
                HQ_ADMIN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        // every figure, not one: a void and a correction reach the job's statuses a moment apart, and the city's
        // figures alone can be right for a moment with both half done (P8 not yet voided, P9's old follow-up taken back
        // and the corrected one not yet counted); P9 (黄浦区) followed up at 36.8 is the correction done
        TestStack.eventually(
                Duration.ofSeconds(60),
                () -> persons(tiles("all", HQ_WALL)).equals(figures(7, 4, 2, 1, 4, 0, 1, 1))
                        && persons(tiles("district:黄浦区", HQ_WALL)).equals(figures(1, 1, 0, 0, 1, 0, 0, 0))
                        && json("/api/v1/key-persons?status=followed_up", HQ_WALL)
                                .toString()
                                .contains("36.8"),
                () -> "the city's key persons: " + tiles("all", HQ_WALL));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    static String person(String id, String household, String measure, int from, Integer until, String responsible) {
        return id + "," + household + ",close_contact," + measure + "," + today.plusDays(from) + ","
                + (until == null ? "" : today.plusDays(until).toString()) + "," + responsible + ",";
    }

    static String followUp(String id, String person, Instant at, boolean reached, Double temperature) {
        return "{\"event_id\":\"" + id + "\",\"person_id\":\"" + person + "\",\"followed_at\":\"" + at
                + "\",\"method\":\"phone\",\"reached\":" + reached
                + (temperature == null ? "" : ",\"temperature_c\":" + temperature) + "}";
    }

    static HttpResponse<String> putKeyPersons(String token, String csv) throws Exception {
        return stack.send("PUT", stack.stack.ingestUrl() + "/api/v1/registry/key-persons", "text/csv", csv, token);
    }

    static HttpResponse<String> post(String token, String json) throws Exception {
        return stack.send("POST", stack.stack.ingestUrl() + "/api/v1/follow-ups", "application/json", json, token);
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

    static Map<String, Long> persons(JsonNode tiles) {
        Map<String, Long> m = new LinkedHashMap<>();
        tiles.get("key_persons")
                .fields()
                .forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
        return m;
    }

    static Map<String, Long> figures(
            long under,
            long home,
            long central,
            long monitoring,
            long followed,
            long overdue,
            long releases,
            long fevers) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("under_measure", under);
        m.put("home_quarantine", home);
        m.put("central_quarantine", central);
        m.put("health_monitoring", monitoring);
        m.put("followed_up", followed);
        m.put("follow_up_overdue", overdue);
        m.put("releases_today", releases);
        m.put("fevers", fevers);
        return m;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void tilesCountByHandBeforeTheDeadline() {
        // under measure today: P1 P2 P6 P7 P8 P9 P10 (P3 starts tomorrow, P4 released today, P5 yesterday)
        // home P1 P7 P9 P10, central P2 P6 (moved), monitoring P8; followed up P1 P6 P7 P9 (P8 voided, P2 not
        // reached, P10 yesterday); fevers P6 (P9 corrected); releases today P4; before 12:00 nobody is overdue
        assertThat(persons(tiles("all", HQ_WALL))).isEqualTo(figures(7, 4, 2, 1, 4, 0, 1, 1));
        // 联洋社区 holds H1: P1 P2 P6 under, P1 P6 followed up, P4 released today
        assertThat(persons(tiles(LIANYANG, LY_WALL))).isEqualTo(figures(3, 1, 2, 0, 2, 0, 1, 1));
        assertThat(persons(tiles("district:黄浦区", HQ_WALL))).isEqualTo(figures(1, 1, 0, 0, 1, 0, 0, 0));
        assertThat(persons(tiles("unit:区卫健委", HQ_WALL))).isEqualTo(figures(4, 2, 2, 0, 3, 0, 1, 1));
        assertThat(json("/api/v1/areas?level=community&within=" + enc("district:浦东新区"), HQ_WALL)
                        .get("areas")
                        .findValues("key_persons"))
                .extracting(JsonNode::asLong)
                .containsExactlyInAnyOrder(3L, 3L);
    }

    @Test
    void aSnapshotAfterTheDeadlineCountsTheOverdue() {
        JsonNode after = json("/api/v1/snapshot?date=" + today + "&cutoff=23:00", HQ_WALL);
        JsonNode kp = after.get("key_persons");
        Map<String, Long> totals = new LinkedHashMap<>();
        kp.get("totals")
                .fields()
                .forEachRemaining(e -> totals.put(e.getKey(), e.getValue().asLong()));
        // P2, P8 and P10 under measure and not followed up by 12:00
        assertThat(totals).isEqualTo(figures(7, 4, 2, 1, 4, 3, 1, 1));
        Map<String, Long> byCommunity = new LinkedHashMap<>();
        kp.get("by_community")
                .forEach(r -> byCommunity.put(
                        r.get("area").asText(), r.get("follow_up_overdue").asLong()));
        assertThat(byCommunity)
                .isEqualTo(Map.of(LIANYANG, 1L, "community:浦东新区/花木街道/梅园社区", 2L, "community:黄浦区/外滩街道/中山社区", 0L));
        // before the deadline, the same events: nobody overdue
        JsonNode before = json("/api/v1/snapshot?date=" + today + "&cutoff=11:59", HQ_WALL);
        assertThat(before.at("/key_persons/totals/follow_up_overdue").asLong()).isZero();
        assertThat(before.at("/key_persons/totals/followed_up").asLong()).isEqualTo(4);
        // a district's snapshot holds its own persons only
        JsonNode hp = json("/api/v1/snapshot?date=" + today + "&cutoff=23:00&scope=" + enc("district:黄浦区"), HQ_WALL);
        assertThat(hp.at("/key_persons/totals/under_measure").asLong()).isEqualTo(1);
        assertThat(hp.at("/key_persons/by_community")).hasSize(1);
    }

    @Test
    void theListPutsTheOnesToCallFirstAndNeverAnIdNumber() {
        JsonNode all = json("/api/v1/key-persons?status=all", HQ_WALL).get("key_persons");
        List<String> order = new ArrayList<>();
        all.forEach(p ->
                order.add(p.get("person_id").asText() + ":" + p.get("status").asText()));
        // due first (before 12:00), by responsible (in code point order) then person; then followed up; then those
        // not under a measure
        assertThat(order)
                .containsExactly(
                        "P2:due",
                        "P10:due",
                        "P8:due",
                        "P9:followed_up",
                        "P1:followed_up",
                        "P6:followed_up",
                        "P7:followed_up",
                        "P3:not_under_measure",
                        "P4:not_under_measure",
                        "P5:not_under_measure");
        JsonNode p10 = all.get(1);
        assertThat(p10.get("last_followed_at").asText())
                .startsWith(today.minusDays(1).toString());
        assertThat(p10.get("last_temperature_c").asDouble()).isEqualTo(36.9);
        assertThat(p10.get("compound_name").asText()).isEqualTo("梅园新村");
        assertThat(all.get(0).get("last_followed_at").isNull()).isTrue();
        JsonNode p9 = all.get(3);
        assertThat(p9.get("last_temperature_c").asDouble()).isEqualTo(36.8);
        assertThat(json("/api/v1/key-persons?status=releases_today", HQ_WALL).get("key_persons"))
                .extracting(p -> p.get("person_id").asText())
                .containsExactly("P4");
        // a community's wall lists its own persons only, and cannot ask for its district's
        assertThat(json("/api/v1/key-persons?status=due", LY_WALL).get("key_persons"))
                .extracting(p -> p.get("person_id").asText())
                .containsExactly("P2");
        assertThat(view("/api/v1/key-persons?within=" + enc("district:浦东新区"), LY_WALL)
                        .statusCode())
                .isEqualTo(403);
        assertThat(view("/api/v1/key-persons?within=" + enc("community:浦东新区/花木街道/无此社区"), HQ_WALL)
                        .statusCode())
                .isEqualTo(404);
        String csv = view("/api/v1/key-persons?format=csv", HQ_WALL).body();
        assertThat(csv.replace("\uFEFF", "").lines().findFirst().orElseThrow())
                .isEqualTo(
                        "person_id,household_id,compound_id,compound_name,community,street,district,category,measure,"
                                + "measure_from,measure_until,responsible,last_followed_at,last_temperature_c,status");
        String hash = stack.stack
                .clickHouse()
                .executeBlocking("SELECT id_hash FROM key_persons WHERE person_id = 'P1' LIMIT 1 FORMAT TSV")
                .strip();
        assertThat(hash).hasSizeGreaterThan(10).doesNotContain(ID_NUMBER);
        for (String body : List.of(
                csv,
                all.toString(),
                view("/api/v1/snapshot?format=csv&date=" + today + "&cutoff=23:00", HQ_WALL)
                        .body(),
                view("/api/v1/alerts", HQ_WALL).body())) {
            assertThat(body).doesNotContain(ID_NUMBER).doesNotContain(hash);
        }
        for (String table : List.of("key_persons", "follow_ups", "key_person_days", "fever_alerts", "audit_log")) {
            assertThat(stack.stack
                            .clickHouse()
                            .executeBlocking("SELECT count() FROM " + table + " WHERE position(toString(tuple(*)), '"
                                    + ID_NUMBER + "') > 0 FORMAT TSV")
                            .strip())
                    .as(table)
                    .isEqualTo("0");
        }
    }

    @Test
    void aFeverAtHomeIsAnAlertAndACorrectionWithdrawsIt() throws Exception {
        TestStack.eventually(
                Duration.ofSeconds(30),
                () -> json("/api/v1/alerts", HQ_WALL).size() == 2,
                () -> "alerts: " + view("/api/v1/alerts", HQ_WALL).body());
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        json("/api/v1/alerts", HQ_WALL).forEach(a -> byId.put(a.get("alert_id").asText(), a));
        JsonNode p6 = byId.get("f6/0");
        assertThat(p6.get("kind").asText()).isEqualTo("key_person_fever");
        assertThat(p6.get("person_id").asText()).isEqualTo("P6");
        assertThat(p6.get("household_id").asText()).isEqualTo("H1");
        assertThat(p6.get("temperature_c").asDouble()).isEqualTo(38.2);
        assertThat(p6.get("status").asText()).isEqualTo("new");
        TestStack.eventually(
                Duration.ofSeconds(30),
                () -> json("/api/v1/alerts", HQ_WALL).toString().contains("\"withdrawn\""),
                () -> "alerts: " + view("/api/v1/alerts", HQ_WALL).body());
        assertThat(byId).containsKey("f9/0");
        // the community's wall sees its own fever, not 黄浦区's
        assertThat(json("/api/v1/alerts", LY_WALL))
                .extracting(a -> a.get("alert_id").asText())
                .containsExactly("f6/0");
        HttpResponse<String> ack =
                stack.send("POST", stack.stack.dashboardUrl() + "/api/v1/alerts/f6/0/ack", null, null, LY_WALL);
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(204);
    }

    /** After the hand counts: a late follow-up changes a frozen report's figures, and its changes say why. */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void aLateFollowUpIsAChangeOfTheFrozenReport() throws Exception {
        String cutoff = LocalTime.now(zone)
                .minusMinutes(1)
                .truncatedTo(ChronoUnit.MINUTES)
                .toString();
        HttpResponse<String> frozen = stack.send(
                "POST",
                stack.stack.dashboardUrl() + "/api/v1/reports?date=" + today + "&cutoff=" + cutoff,
                null,
                null,
                HQ_ADMIN);
        assertThat(frozen.statusCode()).as(frozen.body()).isEqualTo(201);
        JsonNode report = json("/api/v1/reports/" + today + "?format=json", HQ_WALL);
        assertThat(report.at("/key_persons/totals/followed_up").asLong()).isEqualTo(4);
        // P2's cadre reached P2 an hour ago, and the phone posts it only now
        HttpResponse<String> r = post(
                TestStack.TOKEN,
                "[" + followUp("late-p2", "P2", Instant.now().minus(Duration.ofHours(1)), true, 36.6) + "]");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        // the figure and the rows that explain it are written by two sinks of the job: both are waited for
        TestStack.eventually(
                Duration.ofSeconds(30),
                () -> json("/api/v1/reports/" + today + "/changes", HQ_WALL)
                        .toString()
                        .contains("\"event_id\":\"late-p2\""),
                () -> "changes: "
                        + view("/api/v1/reports/" + today + "/changes", HQ_WALL).body());
        Map<String, JsonNode> changes = new LinkedHashMap<>();
        json("/api/v1/reports/" + today + "/changes", HQ_WALL)
                .get("changes")
                .forEach(c -> changes.put(c.get("figure").asText(), c));
        JsonNode total = changes.get("key_persons/totals/followed_up");
        assertThat(total.get("reported").asLong()).isEqualTo(4);
        assertThat(total.get("now").asLong()).isEqualTo(5);
        assertThat(total.get("events").get(0).get("event_id").asText()).isEqualTo("late-p2");
        assertThat(total.get("events").get(0).get("why").asText()).isEqualTo("late");
        JsonNode lianyang = changes.get("key_persons/" + LIANYANG + "/followed_up");
        assertThat(lianyang.get("now").asLong()).isEqualTo(3);
        assertThat(lianyang.get("events")).hasSize(1);

        // the community's own frozen report, cut from the city's at its first download: the figures as frozen (not the
        // late follow-up's), its compounds only, the same bytes at every download, in the list with that hash
        String ly = enc(LIANYANG);
        HttpResponse<String> cut = view("/api/v1/reports/" + today + "?format=json&scope=" + ly, LY_WALL);
        assertThat(cut.statusCode()).as(cut.body()).isEqualTo(200);
        JsonNode slice = Json.MAPPER.readTree(cut.body());
        assertThat(slice.get("scope").asText()).isEqualTo(LIANYANG);
        assertThat(slice.at("/key_persons/totals/followed_up").asLong())
                .isEqualTo(lianyang.get("reported").asLong());
        assertThat(slice.get("compounds"))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.get("community").asText()).isEqualTo("联洋社区"));
        assertThat(slice.get("checkpoints")).isEmpty();
        assertThat(view("/api/v1/reports/" + today + "?format=json&scope=" + ly, LY_WALL)
                        .body())
                .isEqualTo(cut.body());
        byte[] pdf = stack.getBytesAs("/api/v1/reports/" + today + "?format=pdf&scope=" + ly, HQ_WALL);
        assertThat(stack.getBytesAs("/api/v1/reports/" + today + "?format=pdf&scope=" + ly, HQ_WALL))
                .isEqualTo(pdf);
        String sha = HexFormat.of()
                .formatHex(
                        MessageDigest.getInstance("SHA-256").digest(cut.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(json("/api/v1/reports?scope=" + ly, LY_WALL).findValuesAsText("sha256"))
                .contains(sha);
        // its street's slice holds it; a community not in the report is 404; another's is 403
        JsonNode street = json("/api/v1/reports/" + today + "?format=json&scope=" + enc("street:浦东新区/花木街道"), HQ_WALL);
        assertThat(street.at("/areas/community").findValuesAsText("area")).contains(LIANYANG);
        for (String[] asked : new String[][] {{"无此社区", HQ_WALL, "404"}, {"梅园社区", LY_WALL, "403"}}) {
            assertThat(view("/api/v1/reports/" + today + "?scope=" + enc("community:浦东新区/花木街道/" + asked[0]), asked[1])
                            .statusCode())
                    .as(asked[0])
                    .isEqualTo(Integer.parseInt(asked[2]));
        }
        assertThat(changes).doesNotContainKey("key_persons/community:浦东新区/花木街道/梅园社区/followed_up");
    }

    /** Last: the demo's simulator registers persons in a district of its own, which no other test counts. */
    @Test
    @Order(Integer.MAX_VALUE)
    void theDemosSimulatorRegistersKeyPersonsAndFollowsThemUp() throws Exception {
        StringBuilder homes = new StringBuilder(ScreeningIT.HEADER);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = "PD-" + (900 + i / 30) + "-1-" + (101 + i % 30);
            ids.add(id);
            homes.append(id + ",模拟区,模拟街道,模拟社区,PD-" + (900 + i / 30) + ",模拟小区,1,1,101,,\n");
        }
        assertThat(stack.putHouseholds(homes.toString()).statusCode()).isEqualTo(200);
        try (KeyPersonSimulator sim = KeyPersonSimulator.start(
                stack.stack.ingestUrl(),
                Map.of(
                        "CORDON_INGEST_TOKENS",
                        TestStack.TOKEN,
                        "CORDON_ADMIN_TOKENS",
                        "hq:" + HQ_ADMIN + ",hm-office:" + HM_ADMIN + "@street:浦东新区/花木街道",
                        "CORDON_TIMEZONE",
                        zone.getId()),
                ids)) {
            assertThat(sim.persons()).isBetween(3, 30);
            // every simulated measure lasts 14 days from one of the last 14: all are under it today
            TestStack.eventually(
                    Duration.ofSeconds(30),
                    () -> persons(tiles("district:模拟区", HQ_WALL)).get("under_measure") == sim.persons(),
                    () -> "the simulated district: " + tiles("district:模拟区", HQ_WALL));
            // yesterday's follow-ups are in: nearly everyone has a last follow-up
            TestStack.eventually(
                    Duration.ofSeconds(30),
                    () -> json("/api/v1/key-persons?within=" + enc("district:模拟区"), HQ_WALL)
                                    .get("key_persons")
                                    .findValues("last_followed_at")
                                    .stream()
                                    .filter(v -> !v.isNull())
                                    .count()
                            >= sim.persons() / 2,
                    () -> "the simulated persons: "
                            + view("/api/v1/key-persons?within=" + enc("district:模拟区"), HQ_WALL)
                                    .body());
        }
    }

    @Test
    void areaTokensStayInsideTheirArea() throws Exception {
        // a community's team cannot follow up another district's person
        HttpResponse<String> r = post(LY_FEED, "[" + followUp("x1", "P9", Instant.now(), true, 36.5) + "]");
        assertThat(r.statusCode()).as(r.body()).isIn(202, 403);
        assertThat(r.body()).contains("/person_id").contains("outside");
        // a street's admin cannot register a person in another district's household, nor take one over
        r = putKeyPersons(
                HM_ADMIN,
                "person_id,household_id,category,measure,measure_from,responsible\n"
                        + "PX,H3,close_contact,home_quarantine," + today + ",王芳\n");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(r.body()).contains("household_id");
        r = putKeyPersons(
                HM_ADMIN,
                "person_id,household_id,category,measure,measure_from,responsible\n"
                        + "P9,H1,close_contact,home_quarantine," + today + ",王芳\n");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(r.body()).contains("person_id");
        // bad rows are named by row and field
        r = putKeyPersons(
                HQ_ADMIN,
                "person_id,household_id,category,measure,measure_from,responsible\n"
                        + "PY,H1,close_contact,home_quarantine,2022-13-01,王芳\n");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("measure_from");
        r = putKeyPersons(
                HQ_ADMIN,
                "person_id,household_id,category,measure,measure_from,responsible\n"
                        + "PZ,NO-SUCH,close_contact,home_quarantine," + today + ",王芳\n");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("household_id");
        r = post(TestStack.TOKEN, "[" + followUp("x2", "NOBODY", Instant.now(), true, 36.5) + "]");
        assertThat(r.body()).contains("/person_id").contains("unknown key person");
        r = post(
                TestStack.TOKEN,
                "[{\"event_id\":\"x3\",\"person_id\":\"P1\",\"followed_at\":\"" + Instant.now()
                        + "\",\"method\":\"pigeon\",\"reached\":true}]");
        assertThat(r.body()).contains("/method");
    }
}
