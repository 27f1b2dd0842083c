package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.Json;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.Tables;
import io.cordon.testkit.LocalClickHouse;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record kept twice: the whole stack on two ClickHouse replicas and a ZooKeeper, all processes. Under a steady load
 * one replica is killed (SIGKILL), the stack goes on, it is restarted and catches up, then the other is killed; a report
 * is frozen and audit rows are written while one is down; then ZooKeeper is down for a while (writes wait: the sinks
 * retry; reads go on). At the end every figure equals the hand count, both replicas hold the same frozen report bytes
 * and the same audit log, the wall's totals never went back nor past the hand count, and every {@code 202} was counted
 * once. CI runs it at 200 arrivals/s with 5 s replica outages and 10 s of ZooKeeper down (past the replicas' 6 s
 * ZooKeeper session: every session expires), {@code ./cordon test --faults} at 2,000/s with 30 s ({@code
 * -Dcordon.replicas.rate}, {@code .outage}, {@code .zookeeper-outage}). Figures: target/faults/clickhouse-replicas.txt.
 */
class ClickHouseReplicasIT {

    static final int RATE = Integer.getInteger("cordon.replicas.rate", 200);
    static final int OUTAGE_SECONDS = Integer.getInteger("cordon.replicas.outage", 5);
    static final int ZOOKEEPER_OUTAGE_SECONDS = Integer.getInteger("cordon.replicas.zookeeper-outage", 10);

    @Test
    void killingEitherReplicaOrZooKeeperCostsNoFigureAndNoRecord(@TempDir Path dir) throws Exception {
        List<String> checkpoints = FaultLoad.checkpoints(3);
        Map<String, String> provinces = new HashMap<>();
        checkpoints.forEach(c -> provinces.put(c, "云南"));
        HandCount hand = new HandCount(provinces);
        LocalDate yesterday = LocalDate.now(FaultLoad.SHANGHAI).minusDays(1);
        try (TestStack stack = TestStack.start(
                dir,
                Map.of(
                        "CORDON_CLICKHOUSE_REPLICAS",
                        "2",
                        "CORDON_FEED_RATE_LIMIT",
                        "0",
                        "CORDON_CHECKPOINT_INTERVAL",
                        "PT2S"))) {
            List<LocalClickHouse> replicas = stack.stack.clickHouseReplicas();
            assertThat(replicas).hasSize(2);
            assertThat(stack.stack.env().get("CORDON_CLICKHOUSE_URL")).contains(",");
            StringBuilder csv =
                    new StringBuilder("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n");
            checkpoints.forEach(c -> csv.append(c).append(",卡口,highway,云南,,,,,\n"));
            assertThat(stack.putCheckpoints(csv.toString()).statusCode()).isEqualTo(200);
            ConcurrentLinkedQueue<String> wall = new ConcurrentLinkedQueue<>();
            // when each message came, in the same order (one listener thread): how long the wall showed STALE
            ConcurrentLinkedQueue<Long> arrivedAt = new ConcurrentLinkedQueue<>();
            WebSocket ws = stack.http
                    .newWebSocketBuilder()
                    .buildAsync(
                            URI.create(stack.stack.dashboardUrl().replace("http", "ws") + "/ws/live"),
                            new WebSocket.Listener() {
                                private final StringBuilder message = new StringBuilder();

                                @Override
                                public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                                    message.append(data); // a long message may come in several frames
                                    if (last) {
                                        wall.add(message.toString());
                                        arrivedAt.add(System.currentTimeMillis());
                                        message.setLength(0);
                                    }
                                    socket.request(1);
                                    return null;
                                }
                            })
                    .join();
            // a reader of GET /api/v1/tiles throughout: answered 200 or 503, its totals never going back either
            ConcurrentLinkedQueue<String> polled = new ConcurrentLinkedQueue<>();
            AtomicBoolean polling = new AtomicBoolean(true);
            Thread poller = new Thread(() -> {
                while (polling.get()) {
                    try {
                        HttpResponse<String> r = stack.send(
                                "GET", stack.stack.dashboardUrl() + "/api/v1/tiles", null, null, TestStack.TOKEN);
                        polled.add(
                                r.statusCode() == 200
                                        ? String.valueOf(Json.MAPPER
                                                .readTree(r.body())
                                                .at("/tiles/registered_persons/cumulative")
                                                .asLong())
                                        : "status " + r.statusCode());
                        Thread.sleep(250);
                    } catch (Exception e) {
                        polled.add("failed " + e);
                    }
                }
            });
            poller.start();
            List<String> log = new ArrayList<>();
            String report;
            try (FaultLoad load = new FaultLoad(stack.stack.ingestUrl(), hand, RATE, checkpoints, "rep")) {
                Thread.sleep(3000);
                // replica 1 killed: the stack goes on on replica 2; a report is frozen and audited meanwhile
                long killedAt = System.currentTimeMillis();
                stack.stack.killReplica(0);
                // while the dashboard's reads settle on the replica left, a freeze is refused (503, Retry-After):
                // asked again until it is made from a replica that has everything
                HttpResponse<String> frozen;
                int refused = 0;
                do {
                    frozen = stack.send(
                            "POST",
                            stack.stack.dashboardUrl() + "/api/v1/reports?date=" + yesterday + "&cutoff=24:00",
                            null,
                            null,
                            TestStack.TOKEN);
                    if (frozen.statusCode() == 503) {
                        assertThat(frozen.headers().firstValue("Retry-After")).isPresent();
                        refused++;
                        Thread.sleep(500);
                    }
                } while (frozen.statusCode() == 503 && refused < 300);
                assertThat(frozen.statusCode()).as(frozen.body()).isEqualTo(201);
                log.add("the freeze refused " + refused + " times while the reads settled");
                report = frozen.body();
                assertThat(stack.putCheckpoints(csv.toString()).statusCode())
                        .as("a registry upload (an audit row) with one replica down")
                        .isEqualTo(200);
                Thread.sleep(Math.max(0, OUTAGE_SECONDS * 1000L - (System.currentTimeMillis() - killedAt)));
                stack.stack.restartReplica(0);
                long restartedAt = System.currentTimeMillis();
                long writable = awaitWritable(replicas(stack).get(0)) - restartedAt;
                long fetched = awaitFetchedMissed(
                                replicas(stack).get(0), replicas(stack).get(1), restartedAt)
                        - restartedAt;
                long caughtUp = awaitCaughtUp(replicas(stack).get(0)) - restartedAt;
                log.add("replica 1 down " + OUTAGE_SECONDS + " s at " + RATE + "/s: writable " + writable
                        + " ms after its restart, every part and counted event from before its restart there " + fetched
                        + " ms after it, its replication queue empty " + caughtUp + " ms after it");

                // then replica 2
                killedAt = System.currentTimeMillis();
                stack.stack.killReplica(1);
                Thread.sleep(OUTAGE_SECONDS * 1000L);
                stack.stack.restartReplica(1);
                restartedAt = System.currentTimeMillis();
                writable = awaitWritable(replicas(stack).get(1)) - restartedAt;
                fetched = awaitFetchedMissed(
                                replicas(stack).get(1), replicas(stack).get(0), restartedAt)
                        - restartedAt;
                caughtUp = awaitCaughtUp(replicas(stack).get(1)) - restartedAt;
                log.add("replica 2 down " + OUTAGE_SECONDS + " s: writable " + writable
                        + " ms after its restart, every part and counted event from before its restart there " + fetched
                        + " ms after it, its replication queue empty " + caughtUp + " ms after it");

                // ZooKeeper down: both replicas read-only, the sinks wait and retry, ingest answers on
                long zkDownAt = System.currentTimeMillis();
                stack.stack.killZooKeeper();
                Thread.sleep(ZOOKEEPER_OUTAGE_SECONDS * 1000L);
                stack.stack.restartZooKeeper();
                long zkUp = System.currentTimeMillis();
                long writableAgain = Math.max(
                                awaitWritable(replicas(stack).get(0)),
                                awaitWritable(replicas(stack).get(1)))
                        - zkUp;
                log.add("ZooKeeper down " + (zkUp - zkDownAt) / 1000 + " s: both replicas writable " + writableAgain
                        + " ms after it was back");
                log.add("ingest's answers throughout: " + load.statuses() + ", slowest " + load.slowestMillis()
                        + " ms");
                assertThat(load.statuses().keySet())
                        .as("ingest's answers with a replica or ZooKeeper away")
                        .isSubsetOf(202, 503);
            }
            polling.set(false);
            poller.join();
            long exact = ClickHouseFaultsIT.awaitExact(stack, hand, checkpoints, System.currentTimeMillis());
            log.add("every figure exact " + exact + " ms after the load ended (" + hand.distinctEvents() + " events)");

            // both replicas hold the same record: the frozen report's bytes and the audit log
            awaitSameRows(stack, Tables.REPORTS);
            awaitSameRows(stack, Tables.AUDIT_LOG);
            for (ClickHouseHttp replica : replicas(stack)) {
                assertThat(replica.executeBlocking("SELECT count() FROM " + Tables.REPORTS + " FINAL WHERE date = '"
                                        + yesterday + "' FORMAT TSV")
                                .strip())
                        .isNotEqualTo("0");
                assertThat(replica.executeBlocking("SELECT count() FROM " + Tables.AUDIT_LOG
                                        + " WHERE action = 'report_freeze' AND target = '" + yesterday
                                        + "' FORMAT TSV")
                                .strip())
                        .as("the freeze of " + yesterday
                                + ", audited once (the daily freeze of today may be there too)")
                        .isEqualTo("1");
            }
            assertThat(report).isNotBlank();

            // the wall: its cumulative totals never went back, and never past the hand count
            long handTotal = HandCount.total(
                            hand.count(null, Instant.now().plus(Duration.ofDays(1)), new HashSet<>(checkpoints)))
                    .get("registered_persons");
            long previous = 0;
            int tiles = 0;
            for (String m : wall) {
                if (!m.contains("\"type\":\"tiles\"")) {
                    continue;
                }
                JsonNode persons = Json.MAPPER.readTree(m).get("tiles").get("registered_persons");
                long shown = persons.get("cumulative").asLong();
                assertThat(shown).as("the wall's persons, message " + tiles).isGreaterThanOrEqualTo(previous);
                assertThat(shown)
                        .as("the wall's persons against the hand count")
                        .isLessThanOrEqualTo(handTotal);
                previous = shown;
                tiles++;
            }
            assertThat(tiles).isGreaterThan(10);
            previous = 0;
            int answered = 0;
            int waited = 0;
            for (String p : polled) {
                if (p.equals("status 503")) {
                    waited++;
                    continue;
                }
                assertThat(p)
                        .as("GET /api/v1/tiles, answer " + (answered + waited))
                        .matches("[0-9]+");
                long shown = Long.parseLong(p);
                assertThat(shown)
                        .as("GET /api/v1/tiles' persons, answer " + (answered + waited))
                        .isGreaterThanOrEqualTo(previous)
                        .isLessThanOrEqualTo(handTotal);
                previous = shown;
                answered++;
            }
            assertThat(answered).isGreaterThan(10);
            log.add("GET /api/v1/tiles every 250 ms: " + answered + " figures, none going back, " + waited
                    + " answered 503 while the walls waited");
            log.add(tiles + " tiles messages on the wall, none going back nor past the hand count; STALE "
                    + staleSpells(List.copyOf(wall), List.copyOf(arrivedAt)));
            FaultLoad.report("clickhouse-replicas", String.join("; ", log));
            ws.abort();
        }
    }

    /** The wall's STALE spells: from each {@code stale} message to the next tiles, in seconds ("2.1 s, 40.3 s"). */
    private static String staleSpells(List<String> messages, List<Long> at) {
        List<String> spells = new ArrayList<>();
        long since = -1;
        for (int i = 0; i < Math.min(messages.size(), at.size()); i++) {
            String m = messages.get(i);
            if (m.contains("\"type\":\"stale\"") && since < 0) {
                since = at.get(i);
            } else if (m.contains("\"type\":\"tiles\"") && since >= 0) {
                spells.add(String.format("%.1f s", (at.get(i) - since) / 1000.0));
                since = -1;
            }
        }
        return spells.isEmpty() ? "never" : String.join(", ", spells);
    }

    private static List<ClickHouseHttp> replicas(TestStack stack) {
        String database = stack.stack.env().getOrDefault("CORDON_CLICKHOUSE_DATABASE", "default");
        return stack.stack.clickHouseReplicas().stream()
                .map(r -> new ClickHouseHttp(r.url(), database))
                .toList();
    }

    /** Waits until a replica's tables accept writes again; answers when. */
    private static long awaitWritable(ClickHouseHttp replica) throws InterruptedException {
        TestStack.eventually(
                Duration.ofSeconds(90),
                () -> {
                    try {
                        return replica.executeBlocking("SELECT sum(is_readonly) + sum(is_session_expired)"
                                        + " FROM system.replicas FORMAT TSV")
                                .strip()
                                .equals("0");
                    } catch (RuntimeException e) {
                        return false;
                    }
                },
                () -> "a replica stayed read-only");
        return System.currentTimeMillis();
    }

    /**
     * Waits until a replica has what it missed: no part logged before {@code since} left to fetch, and as many counted
     * events received before {@code since} as the other replica (the two counts read together); answers when. Parts
     * written later, under the load that goes on, are fetched as they come.
     */
    private static long awaitFetchedMissed(ClickHouseHttp replica, ClickHouseHttp other, long since)
            throws InterruptedException {
        String missed =
                "SELECT count() FROM system.replication_queue WHERE type = 'GET_PART' AND create_time < toDateTime("
                        + since / 1000 + ") FORMAT TSV";
        String before = "SELECT count() FROM counted_events FINAL WHERE received_ms < " + since + " FORMAT TSV";
        TestStack.eventually(
                Duration.ofSeconds(60),
                () -> {
                    try {
                        if (!replica.executeBlocking(missed).strip().equals("0")) {
                            return false;
                        }
                        String here = replica.executeBlocking(before).strip();
                        return !here.equals("0")
                                && here.equals(other.executeBlocking(before).strip());
                    } catch (RuntimeException e) {
                        return false;
                    }
                },
                () -> "a replica never fetched the parts it missed");
        return System.currentTimeMillis();
    }

    /** Waits until a replica has fetched everything the other wrote (its replication queue empty); answers when. */
    private static long awaitCaughtUp(ClickHouseHttp replica) throws InterruptedException {
        TestStack.eventually(
                Duration.ofSeconds(60),
                () -> {
                    try {
                        return replica.executeBlocking("SELECT sum(queue_size) FROM system.replicas FORMAT TSV")
                                .strip()
                                .equals("0");
                    } catch (RuntimeException e) {
                        return false;
                    }
                },
                () -> "a replica's queue never emptied");
        return System.currentTimeMillis();
    }

    /** Waits until both replicas hold the same rows of a table (every column; rows in one order); answers when. */
    private static long awaitSameRows(TestStack stack, String table) throws InterruptedException {
        List<ClickHouseHttp> replicas = replicas(stack);
        String query = "SELECT * FROM " + table + " FORMAT TSV";
        String[] last = new String[2];
        TestStack.eventually(
                Duration.ofSeconds(60),
                () -> {
                    try {
                        last[0] = sorted(replicas.get(0).executeBlocking(query));
                        last[1] = sorted(replicas.get(1).executeBlocking(query));
                        return last[0].equals(last[1]) && !last[0].isEmpty();
                    } catch (RuntimeException e) {
                        return false;
                    }
                },
                () -> "the replicas' " + table + " differ: " + (last[0] == null ? 0 : last[0].length()) + " against "
                        + (last[1] == null ? 0 : last[1].length()) + " characters");
        return System.currentTimeMillis();
    }

    private static String sorted(String tsv) {
        return tsv.lines().sorted().collect(Collectors.joining("\n"));
    }
}
