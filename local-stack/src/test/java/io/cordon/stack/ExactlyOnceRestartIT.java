package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.EventTimes;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint job stopped mid-stream and restarted from its last checkpoint: every figure equals the count by
 * hand, nothing lost (events posted while it was down) and nothing counted twice (events replayed after the
 * checkpoint, rows written again, resent batches).
 */
class ExactlyOnceRestartIT {

    @TempDir
    static Path dir;

    static TestStack stack;
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static final Map<String, String> COMPOUND_OF = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.start(dir, Map.of("CORDON_CHECKPOINT_INTERVAL", "PT1S"));
        assertThat(stack.putCheckpoints("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                                + "R-1,一号卡口,highway,云南,,会泽县,,,\nR-2,二号卡口,compound_gate,云南,,会泽县,,,\n")
                        .statusCode())
                .isEqualTo(200);
        StringBuilder csv = new StringBuilder(
                "household_id,district,street,community,compound_id,compound_name,building,unit,room,responsible_unit,grid_id\n");
        for (int h = 0; h < 200; h++) {
            String compound = "K" + (h % 8);
            COMPOUND_OF.put("HH" + h, compound);
            csv.append("HH")
                    .append(h)
                    .append(",会泽县,金钟街道,社区")
                    .append(h % 2)
                    .append(',')
                    .append(compound)
                    .append(",小区")
                    .append(compound)
                    .append(',')
                    .append(h % 5)
                    .append(",1,")
                    .append(h)
                    .append(",,\n");
        }
        assertThat(stack.putHouseholds(csv.toString()).statusCode()).isEqualTo(200);
    }

    static String visits(Random random, int batchNo, int size, Instant now) {
        List<String> outcomes = List.of("reached", "phone_reached", "nobody_home", "nobody_home", "refused", "vacant");
        List<String> measures = List.of("home_quarantine", "central_quarantine", "health_monitoring", "none");
        List<String> items = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Instant at = now.minusSeconds(random.nextInt(3 * 86_400));
            // keep revisit deadlines away from the minutes in which the test compares, so "overdue now" is stable
            if (Duration.between(at, now.minus(Duration.ofHours(6))).abs().compareTo(Duration.ofMinutes(15)) < 0) {
                at = at.minus(Duration.ofMinutes(30));
            }
            StringBuilder kp = new StringBuilder();
            for (int k = 0, n = random.nextInt(3); k < n; k++) {
                kp.append(k == 0 ? "" : ",")
                        .append("{\"category\":\"other\",\"measure\":\"")
                        .append(measures.get(random.nextInt(measures.size())))
                        .append("\"}");
            }
            items.add("{\"event_id\":\"hv-" + batchNo + "-" + i + "\",\"household_id\":\"HH" + random.nextInt(200)
                    + "\",\"round\":" + (1 + random.nextInt(2)) + ",\"visited_at\":\""
                    + EventTimes.format(at, SHANGHAI)
                    + "\",\"team_id\":\"t" + random.nextInt(5) + "\",\"outcome\":\""
                    + outcomes.get(random.nextInt(outcomes.size()))
                    + "\",\"key_persons\":[" + kp + "]}");
        }
        return "[" + String.join(",", items) + "]";
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static String batch(Random random, int batchNo, int size, Instant now) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Instant at = now.minusSeconds(random.nextInt(5 * 86_400));
            int persons = random.nextInt(4);
            StringBuilder p = new StringBuilder();
            for (int j = 0; j < persons; j++) {
                double t = 36.0 + random.nextInt(25) / 10.0;
                p.append(j == 0 ? "" : ",")
                        .append("{\"temperature_c\":")
                        .append(t)
                        .append(",\"origin_province\":\"")
                        .append(random.nextInt(10) == 0 ? "湖北" : "云南")
                        .append("\"}");
            }
            String decision =
                    List.of("admitted", "admitted", "turned_back", "referred").get(random.nextInt(4));
            items.add("{\"event_id\":\"r-" + batchNo + "-" + i + "\",\"checkpoint_id\":\"R-" + (1 + random.nextInt(2))
                    + "\",\"occurred_at\":\"" + EventTimes.format(at, SHANGHAI)
                    + "\",\"direction\":\"in\","
                    + (random.nextBoolean() ? "\"vehicle\":{\"kind\":\"car\"}," : "")
                    + "\"persons\":[" + p + "],\"decision\":\"" + decision + "\"}");
        }
        return "[" + String.join(",", items) + "]";
    }

    @Test
    void totalsAfterARestartFromACheckpointEqualTheCountByHand() throws Exception {
        HandCount hand = new HandCount(Map.of("R-1", "云南", "R-2", "云南"));
        ScreeningHandCount screening = new ScreeningHandCount(COMPOUND_OF);
        String previousVisits = null;
        Random random = new Random(42);
        Instant now = Instant.now();
        String previous = null;
        for (int b = 0; b < 40; b++) {
            if (b == 15) {
                TestStack.eventually(
                        Duration.ofSeconds(30),
                        () -> {
                            try {
                                return LocalFlink.latestCheckpoint(dir.resolve("flink/checkpoints"))
                                        .isPresent();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        () -> "no checkpoint was completed");
                stack.stack.stopJobs();
            }
            if (b == 30) {
                stack.stack.restartJobs(dir);
                assertThat(stack.stack.flink().restoredFrom()).isNotNull();
            }
            String body = batch(random, b, 100, now);
            post(hand, body);
            if (b % 5 == 4) {
                post(hand, previous); // a device resends its last batch
            }
            previous = body;
            String v = visits(random, b, 20, now);
            postVisits(screening, v);
            if (b % 7 == 6) {
                postVisits(screening, previousVisits);
            }
            previousVisits = v;
        }
        assertThat(hand.distinctEvents()).isEqualTo(4000);
        LocalDate today = now.atZone(SHANGHAI).toLocalDate();
        Instant end = today.plusDays(1).atStartOfDay(SHANGHAI).toInstant();
        Map<String, Long> expectedCumulative = HandCount.total(hand.count(null, end, Set.of("R-1", "R-2")));
        Map<String, Long> expectedToday =
                HandCount.total(hand.count(today.atStartOfDay(SHANGHAI).toInstant(), end, Set.of("R-1", "R-2")));
        String query = "/api/v1/snapshot?date=" + today + "&cutoff=24:00";
        TestStack.eventually(
                Duration.ofSeconds(90),
                () -> {
                    try {
                        return HandCount.fromJson(
                                        stack.getJson(query).get("totals").get("cumulative"))
                                .equals(expectedCumulative);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                () -> "cumulative never reached " + expectedCumulative);
        // stays exact: nothing arrives later to overshoot
        Thread.sleep(3000);
        JsonNode totals = stack.getJson(query).get("totals");
        assertThat(HandCount.fromJson(totals.get("cumulative"))).isEqualTo(expectedCumulative);
        assertThat(HandCount.fromJson(totals.get("today"))).isEqualTo(expectedToday);

        // household screening, live from the job's state (compound totals built from household changes) ...
        List<String> compounds = new ArrayList<>(new TreeSet<>(COMPOUND_OF.values()));
        for (int round = 1; round <= 2; round++) {
            int r = round;
            TestStack.eventually(
                    Duration.ofSeconds(60),
                    () -> liveCompounds(r).equals(screening.asOf(r, Instant.now(), Duration.ofHours(6), compounds)),
                    () -> "round " + r + " live " + liveCompounds(r) + " expected "
                            + screening.asOf(r, Instant.now(), Duration.ofHours(6), compounds));
        }
        // ... and as of a cutoff, from the first-seen visits
        Map<String, Map<String, Object>> expectedSnapshot = screening.asOf(1, end, Duration.ofHours(6), compounds);
        Map<String, Map<String, Object>> snapshot = new TreeMap<>();
        stack.getJson(query + "&round=1")
                .get("compounds")
                .forEach(c -> snapshot.put(c.get("compound_id").asText(), ScreeningHandCount.fromJson(c)));
        assertThat(snapshot).isEqualTo(expectedSnapshot);
    }

    private static Map<String, Map<String, Object>> liveCompounds(int round) {
        Map<String, Map<String, Object>> m = new TreeMap<>();
        try {
            stack.getJson("/api/v1/compounds?round=" + round)
                    .get("compounds")
                    .forEach(c -> m.put(c.get("compound_id").asText(), ScreeningHandCount.fromJson(c)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    private static void postVisits(ScreeningHandCount hand, String body) throws Exception {
        HttpResponse<String> r = stack.postVisits(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        hand.posted(body);
    }

    private static void post(HandCount hand, String body) throws Exception {
        HttpResponse<String> r = stack.postArrivals(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        hand.posted(body);
    }
}
