package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.EventTimes;
import io.cordon.schemas.Json;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs' checkpoints are lost while Kafka and ClickHouse keep their data: the jobs start without state, read the
 * whole event log again and end with the same exact totals, rather than partial rows that the old ones outrank. The
 * live run saw revisit deadlines pass one by one; the replay sees them all passed at once, and still writes rows
 * whose versions reach the live ones (a compound's figures never freeze). The alerts the replay writes again are not
 * pushed to the walls again, even by a dashboard that restarted meanwhile; a fever first received now is.
 */
class ReplayAfterLostCheckpointsIT {

    @TempDir
    Path dir;

    @Test
    void jobsStartedWithoutStateRebuildEveryTotalFromTheLog() throws Exception {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        try (TestStack stack =
                TestStack.start(dir, Map.of("CORDON_CHECKPOINT_INTERVAL", "PT1S", "CORDON_REVISIT_WINDOW", "PT10S"))) {
            assertThat(stack.putCheckpoints("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                                    + "R-1,一号卡口,highway,云南,,会泽县,,,\nR-2,二号卡口,compound_gate,云南,,会泽县,,,\n")
                            .statusCode())
                    .isEqualTo(200);
            HandCount hand = new HandCount(Map.of("R-1", "云南", "R-2", "云南"));
            Random random = new Random(7);
            Instant now = Instant.now();
            for (int b = 0; b < 10; b++) {
                post(stack, hand, ExactlyOnceRestartIT.batch(random, b, 100, now));
            }
            LocalDate today = now.atZone(shanghai).toLocalDate();
            String query = "/api/v1/snapshot?date=" + today + "&cutoff=24:00";
            Instant end = today.plusDays(1).atStartOfDay(shanghai).toInstant();
            awaitTotals(stack, query, HandCount.total(hand.count(null, end, Set.of("R-1", "R-2"))));

            // live: two households not at home; their deadlines pass one after the other (10 s); then both are reached
            assertThat(stack.putHouseholds(ScreeningIT.HEADER + "RH-1,会泽县,街道,社区,RC-1,小区,1,1,101,,\n"
                                    + "RH-2,会泽县,街道,社区,RC-1,小区,1,1,102,,\nRH-3,会泽县,街道,社区,RC-1,小区,1,1,103,,\n")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(stack.postVisits("[" + visit("rv-1", "RH-1", "nobody_home") + ","
                                    + visit("rv-2", "RH-2", "nobody_home") + "]")
                            .statusCode())
                    .isEqualTo(202);
            awaitCompound(stack, 0, 2);
            assertThat(stack.postVisits(visit("rv-3", "RH-1", "reached")).statusCode())
                    .isEqualTo(202);
            assertThat(stack.postVisits(visit("rv-4", "RH-2", "reached")).statusCode())
                    .isEqualTo(202);
            awaitCompound(stack, 2, 0);
            // the fevers of the batches were delivered; a wall watches
            Set<String> beforeReplay = new HashSet<>();
            for (int b = 0; b < 10; b++) {
                for (int i = 0; i < 100; i++) {
                    beforeReplay.add("r-" + b + "-" + i);
                }
            }
            TestStack.eventually(
                    Duration.ofSeconds(30),
                    () -> Long.parseLong(stack.stack
                                    .clickHouse()
                                    .executeBlocking("SELECT count() FROM fever_alerts FORMAT TSV")
                                    .strip())
                            > 0,
                    () -> "no fever alert was stored");

            stack.stack.stopJobs();
            Directories.deleteTree(dir.resolve("flink/checkpoints"));
            // the same minutes get new events while the jobs have no state
            for (int b = 10; b < 20; b++) {
                post(stack, hand, ExactlyOnceRestartIT.batch(random, b, 100, now));
            }
            assertThat(stack.postVisits(visit("rv-5", "RH-3", "reached")).statusCode())
                    .isEqualTo(202);
            // the dashboard restarts too: what it delivered before is known from the alert store, not from its memory
            stack.stack.stopDashboard();
            stack.stack.startDashboard();
            ConcurrentLinkedQueue<String> pushed = new ConcurrentLinkedQueue<>();
            WebSocket wall = stack.http
                    .newWebSocketBuilder()
                    .buildAsync(
                            URI.create(stack.stack.dashboardUrl().replace("http", "ws") + "/ws/live"),
                            new WebSocket.Listener() {
                                final StringBuilder text = new StringBuilder();

                                @Override
                                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                    text.append(data);
                                    if (last) {
                                        if (text.indexOf("\"alert\"") >= 0) {
                                            pushed.add(text.toString());
                                        }
                                        text.setLength(0);
                                    }
                                    ws.request(1);
                                    return null;
                                }
                            })
                    .join();
            stack.stack.restartJobs(dir);
            assertThat(stack.stack.flink().restoredFrom()).isNull();
            awaitTotals(stack, query, HandCount.total(hand.count(null, end, Set.of("R-1", "R-2"))));
            awaitCompound(stack, 3, 0);

            // a fever that happened three days ago, first received now (a device syncing late): a new alert
            String late = CheckpointSnapshotIT.arrival(
                    "late-fever",
                    "R-1",
                    EventTimes.format(Instant.now().minus(Duration.ofDays(3)), shanghai),
                    false,
                    "referred",
                    "38.6");
            assertThat(stack.postArrivals(late).statusCode()).isEqualTo(202);
            TestStack.eventually(
                    Duration.ofSeconds(30),
                    () -> pushed.stream().anyMatch(m -> m.contains("late-fever")),
                    () -> "the late fever was not pushed; stored alerts: "
                            + stack.stack
                                    .clickHouse()
                                    .executeBlocking(
                                            "SELECT count(), countIf(event_id = 'late-fever'), countIf(event_id LIKE 'r-1_-%') FROM fever_alerts FORMAT TSV")
                            + " pushed " + pushed.size());
            wall.abort();
            for (String message : pushed) {
                String eventId = Json.MAPPER.readTree(message).get("event_id").asText();
                assertThat(beforeReplay)
                        .as("an alert delivered before the replay, pushed again")
                        .doesNotContain(eventId);
            }
        }
    }

    static String visit(String id, String household, String outcome) {
        return MalformedVisits.valid(id, household)
                .put("visited_at", EventTimes.format(Instant.now(), ZoneId.of("Asia/Shanghai")))
                .put("outcome", outcome)
                .toString();
    }

    /** Waits until compound RC-1 in round 1 has this many resolved and overdue households. */
    private static void awaitCompound(TestStack stack, long resolved, long overdue) throws InterruptedException {
        TestStack.eventually(
                Duration.ofSeconds(60),
                () -> {
                    try {
                        for (JsonNode c :
                                stack.getJson("/api/v1/compounds?round=1").get("compounds")) {
                            if (c.get("compound_id").asText().equals("RC-1")) {
                                return c.get("resolved").asLong() == resolved
                                        && c.get("revisit_overdue").asLong() == overdue;
                            }
                        }
                        return false;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                () -> "compound RC-1 never had " + resolved + " resolved and " + overdue + " overdue");
    }

    private static void post(TestStack stack, HandCount hand, String body) throws Exception {
        HttpResponse<String> r = stack.postArrivals(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        hand.posted(body);
    }

    private static void awaitTotals(TestStack stack, String query, Map<String, Long> expected)
            throws InterruptedException {
        TestStack.eventually(
                Duration.ofSeconds(60),
                () -> {
                    try {
                        return HandCount.fromJson(
                                        stack.getJson(query).get("totals").get("cumulative"))
                                .equals(expected);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                () -> "cumulative never reached " + expected);
    }
}
