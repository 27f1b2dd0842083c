package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.EventTimes;
import io.cordon.schemas.Json;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overload: the counting job stops keeping up (here it is stopped outright, the extreme case) while devices post.
 * Fevers still reach the open wall within a second (ingest writes their alerts itself, ahead of the counting); once
 * the counting is more than CORDON_MAX_COUNTING_LAG behind, requests without a fever are answered 503 with Retry-After
 * at once, requests with one are accepted; the tiles say how far behind they are; and when the counting is back, the
 * backlog drains and every accepted arrival is counted once. Figures: target/faults/overload.txt.
 */
class OverloadIT {

    /** How long the counting is stopped under load: past the 5 s lag limit set below, a few seconds of refusals. */
    static final long STOPPED_MILLIS = 12_000;

    @TempDir
    Path dir;

    @Test
    void feversGoFirstAndDevicesAreAnsweredAtOnceWhileTheCountingIsBehind() throws Exception {
        List<String> checkpoints = List.of("O-1", "O-2");
        Map<String, String> provinces = new HashMap<>();
        checkpoints.forEach(c -> provinces.put(c, "云南"));
        HandCount hand = new HandCount(provinces);
        try (TestStack stack = TestStack.start(
                dir,
                Map.of(
                        "CORDON_MAX_COUNTING_LAG",
                        "PT5S",
                        "CORDON_CHECKPOINT_INTERVAL",
                        "PT1S",
                        "CORDON_FEED_RATE_LIMIT",
                        "0"))) {
            assertThat(stack.putCheckpoints("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                                    + "O-1,卡口,highway,云南,,,,,\nO-2,卡口,highway,云南,,,,,\n")
                            .statusCode())
                    .isEqualTo(200);
            Map<String, Long> wallGot = new ConcurrentHashMap<>();
            WebSocket wall = stack.http
                    .newWebSocketBuilder()
                    .buildAsync(
                            URI.create(stack.stack.dashboardUrl().replace("http", "ws") + "/ws/live"),
                            new WebSocket.Listener() {
                                final StringBuilder text = new StringBuilder();

                                @Override
                                public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                                    text.append(data);
                                    if (last) {
                                        String m = text.toString();
                                        text.setLength(0);
                                        if (m.contains("\"type\":\"alert\"")) {
                                            try {
                                                wallGot.putIfAbsent(
                                                        Json.MAPPER
                                                                .readTree(m)
                                                                .get("event_id")
                                                                .asText(),
                                                        System.nanoTime());
                                            } catch (Exception e) {
                                                throw new IllegalStateException(e);
                                            }
                                        }
                                    }
                                    socket.request(1);
                                    return null;
                                }
                            })
                    .join();
            // normal times: counted, the counting's offsets committed
            post(stack, hand, batch("warm", 0, 50, false), 202);
            awaitCounted(stack, hand);
            // the counting job has committed its offsets (at a checkpoint): how far behind it is can be measured
            TestStack.eventually(
                    Duration.ofSeconds(30),
                    () -> {
                        try {
                            return !stack.getJson("/api/v1/tiles")
                                    .get("counting")
                                    .isNull();
                        } catch (Exception e) {
                            return false;
                        }
                    },
                    () -> "the counting lag is never known");

            stack.stack.stopJobs();
            List<Long> answerMillis = new ArrayList<>();
            List<Long> feverMillis = Collections.synchronizedList(new ArrayList<>());
            Map<Integer, Integer> statuses = new TreeMap<>();
            long behindSeen = 0;
            String lastCounting = null;
            Map<String, Long> feverPosted = new HashMap<>();
            long end = System.currentTimeMillis() + STOPPED_MILLIS;
            for (int i = 0; System.currentTimeMillis() < end; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = stack.postArrivals(batch("load", i, 200, false));
                answerMillis.add((System.nanoTime() - t0) / 1_000_000);
                statuses.merge(r.statusCode(), 1, Integer::sum);
                if (r.statusCode() == 202) {
                    synchronized (hand) {
                        hand.posted(batch("load", i, 200, false));
                    }
                } else {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
                    assertThat(r.headers().firstValue("Retry-After")).isPresent();
                    assertThat(r.body()).contains("counting");
                }
                if (i % 3 == 0) {
                    String fever = batch("fever", i, 1, true);
                    long f0 = System.nanoTime();
                    HttpResponse<String> fr = stack.postArrivals(fever);
                    assertThat(fr.statusCode())
                            .as("a request with a fever, under load: " + fr.body())
                            .isEqualTo(202);
                    hand.posted(fever);
                    feverPosted.put("fever-" + i + "-0", f0);
                }
                var counting = stack.getJson("/api/v1/tiles").get("counting");
                lastCounting = String.valueOf(counting);
                if (counting != null && !counting.isNull()) {
                    behindSeen = Math.max(behindSeen, counting.get("behind_s").asLong());
                }
                Thread.sleep(200);
            }
            assertThat(statuses.getOrDefault(503, 0))
                    .as("requests refused while the counting was behind: " + statuses + ", tiles' counting "
                            + lastCounting)
                    .isPositive();
            assertThat(behindSeen).as("seconds behind, as the tiles say").isGreaterThan(5);
            TestStack.eventually(
                    Duration.ofSeconds(10),
                    () -> feverPosted.keySet().stream().allMatch(wallGot::containsKey),
                    () -> "fevers missing on the wall: "
                            + feverPosted.keySet().stream()
                                    .filter(k -> !wallGot.containsKey(k))
                                    .toList());
            feverPosted.forEach((id, at) -> feverMillis.add((wallGot.get(id) - at) / 1_000_000));
            Collections.sort(feverMillis);
            long feverP95 = feverMillis.get((int) Math.ceil(feverMillis.size() * 0.95) - 1);
            long slowestAnswer = Collections.max(answerMillis);

            long restarted = System.currentTimeMillis();
            stack.stack.restartJobs(dir);
            awaitCounted(stack, hand);
            long catchUp = System.currentTimeMillis() - restarted;
            FaultLoad.report(
                    "overload",
                    "counting stopped for " + STOPPED_MILLIS / 1000 + " s under 1,000 arrivals/s offered: answers "
                            + statuses
                            + ", slowest answer " + slowestAnswer + " ms; fever -> wall p95 " + feverP95 + " ms ("
                            + feverMillis.size()
                            + " fevers, max " + feverMillis.get(feverMillis.size() - 1) + " ms); tiles said "
                            + behindSeen
                            + " s behind; every accepted arrival counted " + catchUp
                            + " ms after the counting restarted ("
                            + hand.distinctEvents() + " events)");
            assertThat(feverP95)
                    .as("fever -> wall p95, ms, with the counting stopped")
                    .isLessThan(2_000);
            assertThat(slowestAnswer).as("slowest answer, ms").isLessThan(5_000);
            wall.abort();
        }
    }

    static String batch(String prefix, int n, int size, boolean fever) {
        StringBuilder b = new StringBuilder("[");
        String at = EventTimes.format(Instant.now().minusSeconds(30), FaultLoad.SHANGHAI);
        for (int i = 0; i < size; i++) {
            b.append(i == 0 ? "" : ",")
                    .append("{\"event_id\":\"")
                    .append(prefix)
                    .append('-')
                    .append(n)
                    .append('-')
                    .append(i)
                    .append("\",\"checkpoint_id\":\"O-")
                    .append(1 + i % 2)
                    .append("\",\"occurred_at\":\"")
                    .append(at)
                    .append("\",\"direction\":\"in\",\"persons\":[{\"temperature_c\":")
                    .append(fever ? "38.5" : "36.5")
                    .append(",\"origin_province\":\"云南\"}],\"decision\":\"admitted\"}");
        }
        return b.append(']').toString();
    }

    private static void post(TestStack stack, HandCount hand, String body, int expected) throws Exception {
        HttpResponse<String> r = stack.postArrivals(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
        hand.posted(body);
    }

    private static void awaitCounted(TestStack stack, HandCount hand) throws InterruptedException {
        ClickHouseFaultsIT.awaitExact(stack, hand, List.of("O-1", "O-2"), System.currentTimeMillis());
    }
}
