package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.start(dir, Map.of("CORDON_CHECKPOINT_INTERVAL", "PT1S"));
        assertThat(stack.putCheckpoints("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                + "R-1,一号卡口,highway,云南,,会泽县,,,\nR-2,二号卡口,compound_gate,云南,,会泽县,,,\n").statusCode()).isEqualTo(200);
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
                p.append(j == 0 ? "" : ",").append("{\"temperature_c\":").append(t)
                 .append(",\"origin_province\":\"").append(random.nextInt(10) == 0 ? "湖北" : "云南").append("\"}");
            }
            String decision = List.of("admitted", "admitted", "turned_back", "referred").get(random.nextInt(4));
            items.add("{\"event_id\":\"r-" + batchNo + "-" + i + "\",\"checkpoint_id\":\"R-" + (1 + random.nextInt(2))
                    + "\",\"occurred_at\":\"" + io.cordon.schemas.EventTimes.format(at, SHANGHAI) + "\",\"direction\":\"in\","
                    + (random.nextBoolean() ? "\"vehicle\":{\"kind\":\"car\"}," : "")
                    + "\"persons\":[" + p + "],\"decision\":\"" + decision + "\"}");
        }
        return "[" + String.join(",", items) + "]";
    }

    @Test
    void totalsAfterARestartFromACheckpointEqualTheCountByHand() throws Exception {
        HandCount hand = new HandCount(Map.of("R-1", "云南", "R-2", "云南"));
        Random random = new Random(42);
        Instant now = Instant.now();
        String previous = null;
        for (int b = 0; b < 40; b++) {
            if (b == 15) {
                TestStack.eventually(Duration.ofSeconds(30), () -> {
                    try {
                        return LocalFlink.latestCheckpoint(dir.resolve("flink/checkpoints")).isPresent();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, () -> "no checkpoint was completed");
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
        }
        assertThat(hand.distinctEvents()).isEqualTo(4000);
        LocalDate today = now.atZone(SHANGHAI).toLocalDate();
        Instant end = today.plusDays(1).atStartOfDay(SHANGHAI).toInstant();
        Map<String, Long> expectedCumulative = HandCount.total(hand.count(null, end, Set.of("R-1", "R-2")));
        Map<String, Long> expectedToday = HandCount.total(hand.count(today.atStartOfDay(SHANGHAI).toInstant(), end, Set.of("R-1", "R-2")));
        String query = "/api/v1/snapshot?date=" + today + "&cutoff=24:00";
        TestStack.eventually(Duration.ofSeconds(90), () -> {
            try {
                return HandCount.fromJson(stack.getJson(query).get("totals").get("cumulative")).equals(expectedCumulative);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, () -> "cumulative never reached " + expectedCumulative);
        // stays exact: nothing arrives later to overshoot
        Thread.sleep(3000);
        JsonNode totals = stack.getJson(query).get("totals");
        assertThat(HandCount.fromJson(totals.get("cumulative"))).isEqualTo(expectedCumulative);
        assertThat(HandCount.fromJson(totals.get("today"))).isEqualTo(expectedToday);
    }

    private static void post(HandCount hand, String body) throws Exception {
        HttpResponse<String> r = stack.postArrivals(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        hand.posted(body);
    }
}
