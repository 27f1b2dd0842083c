package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.cordon.schemas.EventTimes;
import io.cordon.schemas.Json;
import io.cordon.testkit.Feeds;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daily snapshot's checkpoint figures against a count by hand from the same events: resent events, events
 * days late, an event exactly at the cutoff, an event at local midnight written in UTC, and one with another offset.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckpointSnapshotIT {

    @TempDir
    static Path dir;

    static TestStack stack;
    static HandCount hand;
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Set<String> CHECKPOINTS = Set.of("HZ-ZD-01", "HZ-GATE-02", "HZ-RAIL-03");

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.start(dir);
        HttpResponse<String> reg = stack.putCheckpoints("""
                checkpoint_id,name,kind,province,city,district,street,latitude,longitude
                HZ-ZD-01,会泽站东,highway,云南,曲靖,会泽县,,26.41,103.30
                HZ-GATE-02,金钟街道 小区门岗,compound_gate,云南省,曲靖,会泽县,金钟街道,,
                HZ-RAIL-03,曲靖北站,railway,云南,曲靖,麒麟区,,,
                """);
        assertThat(reg.statusCode()).as(reg.body()).isEqualTo(200);
        assertThat(reg.body()).isEqualTo("{\"upserted\":3}");
        hand = new HandCount(Map.of("HZ-ZD-01", "云南", "HZ-GATE-02", "云南", "HZ-RAIL-03", "云南"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** Persons as "TEMPERATURE" or "TEMPERATURE/PROVINCE", each with an ID number. */
    static String arrival(
            String id, String checkpoint, String at, boolean vehicle, String decision, String... persons) {
        Feeds.Arrival a = Feeds.arrival(id).checkpoint(checkpoint).at(at).decision(decision);
        if (vehicle) {
            a.vehicle("云D12345", "car");
        }
        for (int i = 0; i < persons.length; i++) {
            String[] parts = persons[i].split("/");
            a.person(Double.parseDouble(parts[0]), parts.length > 1 ? parts[1] : null, "53032619900101123" + i);
        }
        return a.json();
    }

    static void post(String body) throws Exception {
        HttpResponse<String> r = stack.postArrivals(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        hand.posted(body);
    }

    @Test
    @Order(1)
    void snapshotEqualsACountByHand() throws Exception {
        List<String> batch = new ArrayList<>();
        batch.add(arrival("e1", "HZ-ZD-01", "2020-02-15T08:15:30+08:00", true, "turned_back", "36.6/云南", "37.5/湖北"));
        batch.add(arrival("e2", "HZ-ZD-01", "2020-02-14T16:00:00Z", true, "admitted", "36.5/云南")); // local midnight
        batch.add(arrival("e3", "HZ-ZD-01", "2020-02-14T15:59:59Z", true, "admitted", "36.5/四川")); // one second before
        batch.add(arrival(
                "e4", "HZ-ZD-01", "2020-02-15T20:00:00+08:00", true, "turned_back", "38.0")); // exactly at the cutoff
        batch.add(arrival("e5", "HZ-ZD-01", "2020-02-15T19:59:59.999+08:00", false, "referred", "37.3/湖北", "36.4"));
        batch.add(
                arrival("e6", "HZ-GATE-02", "2020-02-15T12:00:00+05:00", false, "admitted", "36.4/云南省")); // 15:00 local
        batch.add(arrival(
                "e7", "HZ-GATE-02", "2020-02-15T09:00:00+08:00", false, "turned_back", "37.4", "36.9", "36.0/贵州"));
        batch.add(arrival("e8", "HZ-GATE-02", "2020-02-15T09:30:00+08:00", true, "admitted"));
        post("[" + String.join(",", batch) + "]");
        // resent with other content: the first copy stands
        post(arrival("e1", "HZ-ZD-01", "2020-02-15T08:15:30+08:00", false, "admitted", "36.6", "36.6", "36.6"));
        post("[" + batch.get(6) + "," + batch.get(7) + "]");
        // a device offline for days syncs last
        post(arrival("e9", "HZ-ZD-01", "2020-02-10T10:00:00+08:00", true, "turned_back", "36.8/湖北", "36.9/湖北"));
        post(arrival("e10", "HZ-ZD-01", "2020-02-15T07:59:00+08:00", true, "admitted", "36.8"));

        Instant dayStart = ZonedDateTime.of(2020, 2, 15, 0, 0, 0, 0, SHANGHAI).toInstant();
        Instant cutoff = ZonedDateTime.of(2020, 2, 15, 20, 0, 0, 0, SHANGHAI).toInstant();
        Map<String, Map<String, Long>> today = hand.count(dayStart, cutoff, CHECKPOINTS);
        Map<String, Map<String, Long>> cumulative = hand.count(null, cutoff, CHECKPOINTS);
        // sanity of the scenario itself: the edge events fall where PRODUCT.md says
        assertThat(today.get("HZ-ZD-01").get("registered_vehicles")).isEqualTo(3); // e1, e2, e10
        assertThat(cumulative.get("HZ-ZD-01").get("registered_vehicles")).isEqualTo(5); // + e3, e9

        TestStack.eventually(
                Duration.ofSeconds(60),
                () -> matches(snapshot("2020-02-15", "20:00"), today, cumulative),
                () -> "snapshot " + snapshot("2020-02-15", "20:00") + " expected today " + today + " cumulative "
                        + cumulative);
        JsonNode s = snapshot("2020-02-15", "20:00");
        assertThat(s.get("timezone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(s.get("checkpoints")).hasSize(3);
        assertThat(HandCount.fromJson(s.get("totals").get("today"))).isEqualTo(HandCount.total(today));
        assertThat(HandCount.fromJson(s.get("totals").get("cumulative"))).isEqualTo(HandCount.total(cumulative));
        JsonNode rail = find(s, "HZ-RAIL-03");
        assertThat(rail.get("name").asText()).isEqualTo("曲靖北站");
        assertThat(HandCount.fromJson(rail.get("cumulative")).values()).containsOnly(0L);
    }

    @Test
    @Order(2)
    void eventsAfterTheCutoffNeverChangeIt() throws Exception {
        JsonNode before = snapshot("2020-02-15", "20:00");
        post(arrival("late-after", "HZ-ZD-01", "2020-02-15T21:00:00+08:00", true, "turned_back", "39.0"));
        Instant cutoff21 = ZonedDateTime.of(2020, 2, 15, 21, 1, 0, 0, SHANGHAI).toInstant();
        Map<String, Map<String, Long>> expected = hand.count(null, cutoff21, CHECKPOINTS);
        TestStack.eventually(
                Duration.ofSeconds(30),
                () -> HandCount.fromJson(
                                snapshot("2020-02-15", "21:01").get("totals").get("cumulative"))
                        .equals(HandCount.total(expected)),
                () -> "the event after the cutoff did not arrive");
        assertThat(snapshot("2020-02-15", "20:00")).isEqualTo(before);
    }

    @Test
    @Order(3)
    void exportsCarryTheSameNumbers() throws Exception {
        JsonNode s = snapshot("2020-02-15", "20:00");
        long turnedBackToday =
                s.get("totals").get("today").get("turned_back_persons").asLong();

        HttpResponse<byte[]> csv = stack.getBytes("/api/v1/snapshot?date=2020-02-15&cutoff=20:00&format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        String totalLine =
                text.lines().filter(l -> l.startsWith("TOTAL")).findFirst().orElseThrow();
        List<String> header = List.of(
                text.lines().findFirst().orElseThrow().replace("\uFEFF", "").split(","));
        assertThat(totalLine.split(",")[header.indexOf("today_turned_back_persons")])
                .isEqualTo(String.valueOf(turnedBackToday));
        assertThat(text).contains("会泽站东");

        HttpResponse<byte[]> xlsx = stack.getBytes("/api/v1/snapshot?date=2020-02-15&cutoff=20:00&format=xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            List<Row> rows = wb.getFirstSheet().read();
            Row head = rows.stream()
                    .filter(r -> "checkpoint_id".equals(r.getCellText(0)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no header row in " + rows));
            int col = -1;
            for (int i = 0; i < head.getCellCount(); i++) {
                if ("today_turned_back_persons".equals(head.getCellText(i))) {
                    col = i;
                }
            }
            Row total = rows.stream()
                    .filter(r -> "TOTAL".equals(r.getCellText(0)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no TOTAL row in " + rows));
            assertThat(total.getCellAsNumber(col).orElseThrow().longValue()).isEqualTo(turnedBackToday);
        }

        HttpResponse<byte[]> pdf = stack.getBytes("/api/v1/snapshot?date=2020-02-15&cutoff=20:00&format=pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        String pdfText = new PdfTextExtractor(new PdfReader(pdf.body())).getTextFromPage(1);
        assertThat(pdfText).contains("TOTAL");
    }

    @Test
    @Order(4)
    void badSnapshotParametersAreNamed() throws Exception {
        for (String[] c : new String[][] {
            {"date=2020-13-01", "date"},
            {"date=yesterday", "date"},
            {"cutoff=25:00", "cutoff"},
            {"cutoff=8pm", "cutoff"},
            {"cutoff=24:30", "cutoff"},
            {"format=docx", "format"},
            {"round=0", "round"},
            {"round=x", "round"}
        }) {
            HttpResponse<String> r = stack.get("/api/v1/snapshot?" + c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/problem+json");
            assertThat(Json.MAPPER.readTree(r.body()).get("parameter").asText()).isEqualTo(c[1]);
        }
        for (String[] c : new String[][] {
            {"/api/v1/tiles?scope=bogus", "scope"},
            {"/api/v1/tiles?round=0", "round"},
            {"/api/v1/compounds?order=best", "order"},
            {"/api/v1/compounds?format=xml", "format"},
            {"/api/v1/compounds/X/households?round=x", "round"},
            {"/api/v1/revisits/overdue?round=100", "round"},
            {"/ws/live?scope=province:云南", "scope"}
        }) {
            HttpResponse<String> r = stack.get(c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(r.body()).get("parameter").asText())
                    .as(c[0])
                    .isEqualTo(c[1]);
        }
    }

    @Test
    @Order(5)
    void tilesShowTheFourWindowsNow() throws Exception {
        Instant now = Instant.now();
        List<String> batch = new ArrayList<>();
        String[] ago = {"PT1M", "PT20M", "PT70M", "PT30H"};
        for (int i = 0; i < ago.length; i++) {
            Instant at = now.minus(Duration.parse(ago[i]));
            batch.add(arrival("now-" + i, "HZ-RAIL-03", EventTimes.format(at, SHANGHAI), true, "admitted", "36.5"));
        }
        post("[" + String.join(",", batch) + "]");
        TestStack.eventually(
                Duration.ofSeconds(30),
                () -> {
                    try {
                        JsonNode t = stack.getJson("/api/v1/tiles?scope=checkpoint:HZ-RAIL-03");
                        // the three rollups are written by separate inserts: wait until the minutes and the day are
                        // there too (today's hand count as of the tiles' own moment)
                        Instant tilesAsOf =
                                OffsetDateTime.parse(t.get("as_of").asText()).toInstant();
                        Instant todayStart = tilesAsOf
                                .atZone(SHANGHAI)
                                .toLocalDate()
                                .atStartOfDay(SHANGHAI)
                                .toInstant();
                        Instant minuteEnd =
                                Instant.ofEpochSecond(Math.floorDiv(tilesAsOf.getEpochSecond(), 60) * 60 + 60);
                        JsonNode vehicles = t.get("tiles").get("registered_vehicles");
                        return vehicles.get("cumulative").asLong() == 4
                                && vehicles.get("last_1h").asLong() == 2
                                && vehicles.get("today").asLong()
                                        == hand.count(todayStart, minuteEnd, Set.of("HZ-RAIL-03"))
                                                .get("HZ-RAIL-03")
                                                .get("registered_vehicles");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                () -> "tiles did not reach 4 vehicles");
        JsonNode t = stack.getJson("/api/v1/tiles?scope=checkpoint:HZ-RAIL-03");
        Instant asOf = OffsetDateTime.parse(t.get("as_of").asText()).toInstant();
        long minute = Math.floorDiv(asOf.getEpochSecond(), 60) * 60;
        Instant dayStart =
                asOf.atZone(SHANGHAI).toLocalDate().atStartOfDay(SHANGHAI).toInstant();
        Instant end = Instant.ofEpochSecond(minute + 60);
        Map<String, Map<String, Long>> w15 =
                hand.count(Instant.ofEpochSecond(minute - 14 * 60), end, Set.of("HZ-RAIL-03"));
        Map<String, Map<String, Long>> w1h =
                hand.count(Instant.ofEpochSecond(minute - 59 * 60), end, Set.of("HZ-RAIL-03"));
        Map<String, Map<String, Long>> wToday = hand.count(dayStart, end, Set.of("HZ-RAIL-03"));
        JsonNode v = t.get("tiles").get("registered_vehicles");
        assertThat(v.get("last_15m").asLong())
                .isEqualTo(w15.get("HZ-RAIL-03").get("registered_vehicles"))
                .isEqualTo(1);
        assertThat(v.get("last_1h").asLong())
                .isEqualTo(w1h.get("HZ-RAIL-03").get("registered_vehicles"))
                .isEqualTo(2);
        assertThat(v.get("today").asLong()).isEqualTo(wToday.get("HZ-RAIL-03").get("registered_vehicles"));
        assertThat(t.get("tiles").get("silent_checkpoints").toString()).doesNotContain("HZ-RAIL-03");
        JsonNode district = stack.getJson("/api/v1/tiles?scope=district:麒麟区");
        assertThat(district.get("tiles")
                        .get("registered_vehicles")
                        .get("cumulative")
                        .asLong())
                .isEqualTo(4);
    }

    static JsonNode find(JsonNode snapshot, String checkpointId) {
        for (JsonNode c : snapshot.get("checkpoints")) {
            if (c.get("checkpoint_id").asText().equals(checkpointId)) {
                return c;
            }
        }
        throw new AssertionError("no checkpoint " + checkpointId + " in " + snapshot);
    }

    static JsonNode snapshot(String date, String cutoff) {
        try {
            return stack.getJson("/api/v1/snapshot?date=" + date + "&cutoff=" + cutoff);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean matches(
            JsonNode s, Map<String, Map<String, Long>> today, Map<String, Map<String, Long>> cumulative) {
        Map<String, Map<String, Long>> t = new HashMap<>();
        Map<String, Map<String, Long>> c = new HashMap<>();
        for (JsonNode cp : s.get("checkpoints")) {
            t.put(cp.get("checkpoint_id").asText(), HandCount.fromJson(cp.get("today")));
            c.put(cp.get("checkpoint_id").asText(), HandCount.fromJson(cp.get("cumulative")));
        }
        return t.equals(today) && c.equals(cumulative);
    }
}
