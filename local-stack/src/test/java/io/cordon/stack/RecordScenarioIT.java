package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of record end to end (issue "Corrections, voids, registry lifecycle and the daily report of record"):
 * a day of arrivals and visits with resends, late events, corrections, voids, resends of voided ids, a PUT after a
 * DELETE, a closed checkpoint and a removed household. Every figure of the snapshot at the cutoff equals a count by
 * hand of the corrected events (HandCount, ScreeningHandCount: PRODUCT.md's definitions, not the production code);
 * a report frozen before the late and corrected events stays byte-identical and its changes name exactly those
 * events; a restart of the jobs and the dashboard in between changes nothing.
 */
class RecordScenarioIT {

    @TempDir
    Path dir;

    static final Duration WINDOW = Duration.ofHours(6);

    @Test
    void everyFigureAtTheCutoffIsACountByHandOfTheCorrectedEventsAndTheFrozenReportNeverMoves() throws Exception {
        LocalDate d = LocalDate.now(FaultLoad.SHANGHAI).minusDays(1);
        try (TestStack stack = TestStack.start(dir, Map.of("CORDON_ADMIN_TOKENS", "hq:hq-admin"))) {
            stack.adminToken = "hq-admin";
            // RS-2 closed at the start of d (active the days before); RS-3 opens the day after d
            assertThat(stack.putCheckpoints(
                                    "checkpoint_id,name,kind,province,city,district,street,latitude,longitude,active_from,active_until\n"
                                            + "RS-1,卡口一,highway,上海,,浦东新区,,,,,\n"
                                            + "RS-2,卡口二,highway,上海,,浦东新区,,,,," + d + "\n"
                                            + "RS-3,卡口三,highway,上海,,浦东新区,,,," + d.plusDays(1) + ",\n")
                            .statusCode())
                    .isEqualTo(200);
            // H5 moved out at the start of d, H6 moves in the day after: neither counts in d's denominators
            Map<String, String> compoundOfActive = new LinkedHashMap<>();
            StringBuilder households =
                    new StringBuilder(ScreeningIT.HEADER.replace("\n", ",active_from,active_until\n"));
            String[][] homes = {
                {"H1", "RC1", "", ""},
                {"H2", "RC1", "", ""},
                {"H3", "RC1", "", ""},
                {"H4", "RC1", "", ""},
                {"H5", "RC1", "", d.toString()},
                {"H6", "RC1", d.plusDays(1).toString(), ""},
                {"H7", "RC2", "", ""},
                {"H8", "RC2", "", ""}
            };
            for (String[] h : homes) {
                if (h[2].isEmpty() && h[3].isEmpty()) {
                    compoundOfActive.put(h[0], h[1]);
                }
                households
                        .append(h[0])
                        .append(",浦东新区,花木街道,牡丹社区,")
                        .append(h[1])
                        .append(',')
                        .append(h[1].equals("RC1") ? "牡丹苑" : "芍药苑")
                        .append(",1,1,")
                        .append(h[0].substring(1))
                        .append("01,街道办,G-1,")
                        .append(h[2])
                        .append(',')
                        .append(h[3])
                        .append('\n');
            }
            HttpResponse<String> up = stack.putHouseholds(households.toString());
            assertThat(up.statusCode()).as(up.body()).isEqualTo(200);

            HandCount arrivals = new HandCount(Map.of("RS-1", "上海", "RS-2", "上海", "RS-3", "上海"));
            ScreeningHandCount visits = new ScreeningHandCount(compoundOfActive);
            String t = d + "T";

            // phase 1: what is known when the report is frozen
            post(
                    stack,
                    arrivals,
                    CheckpointSnapshotIT.arrival(
                            "a1", "RS-1", t + "09:00:00+08:00", true, "admitted", "36.5/上海", "36.6/江苏"));
            post(
                    stack,
                    arrivals,
                    CheckpointSnapshotIT.arrival("a2", "RS-1", t + "10:00:00+08:00", false, "turned_back", "38.0/上海"));
            post(
                    stack,
                    arrivals,
                    CheckpointSnapshotIT.arrival("a3", "RS-1", t + "11:00:00+08:00", true, "referred", "37.6/湖北"));
            post(
                    stack,
                    arrivals,
                    CheckpointSnapshotIT.arrival("a4", "RS-1", t + "12:00:00+08:00", false, "admitted", "36.4/上海"));
            post(
                    stack,
                    arrivals,
                    CheckpointSnapshotIT.arrival(
                            "a6", "RS-2", d.minusDays(1) + "T10:00:00+08:00", true, "admitted", "36.5/上海"));
            post(
                    stack,
                    arrivals,
                    CheckpointSnapshotIT.arrival("a8", "RS-1", t + "21:00:00+08:00", false, "admitted", "36.5/上海"));
            postVisit(
                    stack,
                    visits,
                    ScreeningIT.visit("v1", "H1", 1, t + "09:00:00+08:00", "reached", "home_quarantine"));
            postVisit(stack, visits, ScreeningIT.visit("v2", "H2", 1, t + "09:00:00+08:00", "nobody_home"));
            postVisit(stack, visits, ScreeningIT.visit("v3", "H2", 1, t + "10:00:00+08:00", "reached"));
            postVisit(stack, visits, ScreeningIT.visit("v4", "H3", 1, t + "11:00:00+08:00", "refused"));
            postVisit(
                    stack,
                    visits,
                    ScreeningIT.visit("v5", "H5", 1, t + "09:00:00+08:00", "reached", "home_quarantine"));
            String cutoff = "20:00";
            awaitHandCount(stack, d, cutoff, arrivals, visits);
            // live, today: H5 (moved out on d) no longer counts and its visit leaves RC1's figures; H6 (moved in today)
            // counts, never visited. RC1: H1 and H2 resolved, H3 refused (pending), H4 and H6 never visited.
            String[] liveRc1 = {null};
            TestStack.eventually(
                    Duration.ofSeconds(15),
                    () -> {
                        try {
                            for (JsonNode c :
                                    stack.getJson("/api/v1/compounds?round=1").get("compounds")) {
                                if (c.get("compound_id").asText().equals("RC1")) {
                                    liveRc1[0] = c.toString();
                                    return c.get("households").asLong() == 5
                                            && c.get("resolved").asLong() == 2
                                            && c.get("never_visited").asLong() == 2
                                            && c.get("pending_revisit").asLong() == 1
                                            && c.get("home_quarantine").asLong() == 1;
                                }
                            }
                            return false;
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    () -> "live RC1 today: " + liveRc1[0]);

            HttpResponse<String> frozen = stack.send(
                    "POST",
                    stack.stack.dashboardUrl() + "/api/v1/reports?date=" + d + "&cutoff=" + cutoff,
                    null,
                    null,
                    "hq-admin");
            assertThat(frozen.statusCode()).as(frozen.body()).isEqualTo(201);
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (String format : List.of("json", "csv", "xlsx", "pdf")) {
                files.put(format, bytes(stack, "/api/v1/reports/" + d + "?format=" + format));
            }
            JsonNode report = Json.MAPPER.readTree(files.get("json"));
            assertThat(report.get("frozen_at").asText()).isNotBlank();
            assertThat(names(report.get("checkpoints")))
                    .as("a closed checkpoint and one not yet open are not listed")
                    .containsExactly("RS-1");
            Thread.sleep(1100); // what follows is received after the freeze (whole seconds)

            // phase 2: late events, corrections and voids, device resends
            String a2 = CheckpointSnapshotIT.arrival("a2", "RS-1", t + "10:00:00+08:00", false, "admitted", "36.6/上海");
            put(stack, "checkpoint-events", "a2", a2, "wrong thermometer");
            arrivals.corrected(a2);
            voidEvent(stack, "checkpoint-events", "a3", "test run");
            arrivals.voided("a3");
            post(
                    stack,
                    arrivals,
                    CheckpointSnapshotIT.arrival("a3", "RS-1", t + "11:00:00+08:00", true, "referred", "37.6/湖北"));
            post(
                    stack,
                    arrivals,
                    CheckpointSnapshotIT.arrival("a4", "RS-1", t + "12:00:00+08:00", true, "turned_back", "39.0/湖北"));
            voidEvent(stack, "checkpoint-events", "a5", "posted by mistake");
            arrivals.voided("a5");
            post(
                    stack,
                    arrivals,
                    CheckpointSnapshotIT.arrival("a5", "RS-1", t + "13:00:00+08:00", false, "admitted", "36.5/上海"));
            String a5 = CheckpointSnapshotIT.arrival(
                    "a5", "RS-1", t + "13:00:00+08:00", true, "turned_back", "36.9/浙江", "36.8/浙江");
            put(stack, "checkpoint-events", "a5", a5, "the real record");
            arrivals.corrected(a5);
            post(
                    stack,
                    arrivals,
                    CheckpointSnapshotIT.arrival("a7", "RS-1", t + "19:00:00+08:00", true, "admitted", "36.5/安徽"));

            voidEvent(stack, "household-visits", "v3", "wrong household");
            visits.voided("v3");
            postVisit(stack, visits, ScreeningIT.visit("v3", "H2", 1, t + "10:00:00+08:00", "reached"));
            String v4 = ScreeningIT.visit("v4", "H7", 1, t + "11:00:00+08:00", "reached", "central_quarantine");
            put(stack, "household-visits", "v4", v4, "posted for the wrong household");
            visits.corrected(v4);
            voidEvent(stack, "household-visits", "v6", "not yet");
            visits.voided("v6");
            postVisit(stack, visits, ScreeningIT.visit("v6", "H4", 1, t + "12:00:00+08:00", "nobody_home"));
            // (with v3 voided and v4 moved away, only this one moves a figure of RC1: its persons in home quarantine)
            String v6 = ScreeningIT.visit(
                    "v6", "H4", 1, t + "12:00:00+08:00", "reached", "home_quarantine", "home_quarantine");
            put(stack, "household-visits", "v6", v6, "the team's record");
            visits.corrected(v6);
            awaitHandCount(stack, d, cutoff, arrivals, visits);

            // the frozen report has not moved, and its changes name exactly the events that moved a figure
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                assertThat(bytes(stack, "/api/v1/reports/" + d + "?format=" + f.getKey()))
                        .as(f.getKey())
                        .isEqualTo(f.getValue());
            }
            // the jobs write what they counted beside the figures, through a sink of their own: the explanations follow
            // within a second or so of the figures (each sink flushes on its own), so wait for every one of them
            JsonNode[] latest = {null};
            List<String> explaining = List.of("a2", "a3", "a5", "a7", "v3", "v4", "v6");
            TestStack.eventually(
                    Duration.ofSeconds(10),
                    () -> {
                        try {
                            latest[0] = Json.MAPPER.readTree(stack.get("/api/v1/reports/" + d + "/changes")
                                    .body());
                            Set<String> seen = new TreeSet<>();
                            for (JsonNode c : latest[0].get("changes")) {
                                if (c.get("events").isEmpty()) {
                                    return false;
                                }
                                c.get("events")
                                        .forEach(e -> seen.add(e.get("event_id").asText()));
                            }
                            return seen.containsAll(explaining);
                        } catch (Exception e) {
                            return false;
                        }
                    },
                    () -> "a changed figure is not explained: " + latest[0]);
            JsonNode changes = latest[0];
            Set<String> named = new TreeSet<>();
            Map<String, String> why = new LinkedHashMap<>();
            for (JsonNode c : changes.get("changes")) {
                assertThat(c.get("reported").asLong())
                        .as(c.toString())
                        .isNotEqualTo(c.get("now").asLong());
                assertThat(c.get("events"))
                        .as("every changed figure is explained: " + c)
                        .isNotEmpty();
                c.get("events").forEach(e -> {
                    named.add(e.get("event_id").asText());
                    why.put(e.get("event_id").asText(), e.get("why").asText());
                });
            }
            assertThat(named).as(changes.toString()).containsExactlyElementsOf(explaining);
            assertThat(why)
                    .containsEntry("a3", "voided")
                    .containsEntry("a7", "late")
                    .containsEntry("v4", "corrected");
            // a count is explained by the events whose content adds to it: vehicles by a3, a5 and a7, not by a2 (on
            // foot)
            Set<String> vehicles = new TreeSet<>();
            for (JsonNode c : changes.get("changes")) {
                if (c.get("figure").asText().equals("checkpoints/RS-1/today/registered_vehicles")) {
                    c.get("events").forEach(e -> vehicles.add(e.get("event_id").asText()));
                }
            }
            assertThat(vehicles).containsExactly("a3", "a5", "a7");

            // restarts in between change nothing
            stack.stack.stopJobs();
            stack.stack.restartJobs(stack.dir);
            stack.stack.stopDashboard();
            stack.stack.startDashboard();
            awaitHandCount(stack, d, cutoff, arrivals, visits);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                assertThat(bytes(stack, "/api/v1/reports/" + d + "?format=" + f.getKey()))
                        .as(f.getKey())
                        .isEqualTo(f.getValue());
            }

            // the audit log has the corrections and voids with their reasons
            String audit = stack.send(
                            "GET",
                            stack.stack.dashboardUrl() + "/api/v1/audit?since=2020-01-01T00:00:00Z&limit=1000",
                            null,
                            null,
                            "hq-admin")
                    .body();
            assertThat(audit)
                    .contains("wrong thermometer")
                    .contains("posted for the wrong household")
                    .contains("\"action\":\"void\"")
                    .contains("\"closed\":1");
        }
    }

    private static void post(TestStack stack, HandCount hand, String body) throws Exception {
        HttpResponse<String> r = stack.postArrivals(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        hand.posted(body);
    }

    private static void postVisit(TestStack stack, ScreeningHandCount hand, String body) throws Exception {
        HttpResponse<String> r = stack.postVisits(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        hand.posted(body);
    }

    private static void put(TestStack stack, String feed, String id, String record, String reason) throws Exception {
        String body = record.substring(0, record.length() - 1) + ",\"correction_reason\":\"" + reason + "\"}";
        HttpResponse<String> r = stack.send(
                "PUT", stack.stack.ingestUrl() + "/api/v1/" + feed + "/" + id, "application/json", body, "hq-admin");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(r.body()).isEqualTo("{\"corrected\":\"" + id + "\"}");
    }

    private static void voidEvent(TestStack stack, String feed, String id, String reason) throws Exception {
        HttpResponse<String> r = stack.send(
                "DELETE",
                stack.stack.ingestUrl() + "/api/v1/" + feed + "/" + id + "?reason="
                        + URLEncoder.encode(reason, StandardCharsets.UTF_8),
                null,
                null,
                "hq-admin");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    /** Waits until the snapshot of the date at the cutoff equals the counts by hand, figure for figure. */
    private static void awaitHandCount(
            TestStack stack, LocalDate d, String cutoff, HandCount arrivals, ScreeningHandCount visits)
            throws InterruptedException {
        Instant end = OffsetDateTime.parse(d + "T" + cutoff + ":00+08:00").toInstant();
        Instant dayStart = OffsetDateTime.parse(d + "T00:00:00+08:00").toInstant();
        Set<String> all = Set.of("RS-1", "RS-2", "RS-3");
        Map<String, Map<String, Long>> today = arrivals.count(dayStart, end, all);
        Map<String, Map<String, Long>> cumulative = arrivals.count(null, end, all);
        Map<String, Map<String, Object>> compounds = visits.asOf(1, end, WINDOW, List.of("RC1", "RC2"));
        String[] last = {""};
        TestStack.eventually(
                Duration.ofSeconds(60),
                () -> {
                    try {
                        JsonNode s = stack.getJson("/api/v1/snapshot?date=" + d + "&cutoff=" + cutoff + "&round=1");
                        last[0] = s.toString();
                        JsonNode rs1 = s.get("checkpoints").get(0);
                        return s.get("checkpoints").size() == 1
                                && rs1.get("checkpoint_id").asText().equals("RS-1")
                                && HandCount.fromJson(rs1.get("today")).equals(today.get("RS-1"))
                                && HandCount.fromJson(rs1.get("cumulative")).equals(cumulative.get("RS-1"))
                                // the totals keep the closed checkpoint's arrivals
                                && HandCount.fromJson(s.get("totals").get("today"))
                                        .equals(HandCount.total(today))
                                && HandCount.fromJson(s.get("totals").get("cumulative"))
                                        .equals(HandCount.total(cumulative))
                                && ScreeningIT.rows(s.get("compounds")).equals(compounds);
                    } catch (Exception e) {
                        last[0] = e.toString();
                        return false;
                    }
                },
                () -> "snapshot " + last[0] + "\nexpected today " + today + "\ncumulative " + cumulative
                        + "\ncompounds " + compounds);
    }

    private static List<String> names(JsonNode checkpoints) {
        List<String> out = new ArrayList<>();
        checkpoints.forEach(c -> out.add(c.get("checkpoint_id").asText()));
        return out;
    }

    private static byte[] bytes(TestStack stack, String path) throws Exception {
        HttpResponse<byte[]> r = stack.http.send(
                HttpRequest.newBuilder(URI.create(stack.stack.dashboardUrl() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }
}
