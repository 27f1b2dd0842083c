package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.EventTimes;
import io.cordon.schemas.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 500 walls at once (100 of which never read a message) and 1,000 websocket requests for random scopes: the
 * dashboard's ClickHouse query rate stays that of one wall, its heap stays bounded, unknown scopes are refused and
 * not kept, and a normal wall still sees a new arrival within seconds. Figures: target/faults/walls.txt.
 */
class ManyWallsIT {

    @TempDir
    Path dir;

    @Test
    void fiveHundredWallsAndAThousandRandomScopesLeaveANormalWallUpToDate() throws Exception {
        try (TestStack stack = TestStack.start(
                dir, Map.of("CORDON_WS_MAX_CLIENTS_PER_TOKEN", "0", "CORDON_DASHBOARD_REFRESH", "PT0.5S"))) {
            assertThat(stack.putCheckpoints("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                                    + "W-1,卡口,highway,云南,,麒麟区,,,\nW-2,卡口,highway,云南,,沾益区,,,\n")
                            .statusCode())
                    .isEqualTo(200);
            String ws = stack.stack.dashboardUrl().replace("http", "ws") + "/ws/live";
            List<WebSocket> open = new ArrayList<>();
            CompletableFuture<Void> firstTiles = new CompletableFuture<>();
            AtomicLong seenPersons = new AtomicLong(-1);
            AtomicLong seenAt = new AtomicLong();
            HttpClient client = HttpClient.newHttpClient();
            WebSocket normal = client.newWebSocketBuilder()
                    .buildAsync(URI.create(ws + "?scope=district:" + enc("麒麟区")), new WebSocket.Listener() {
                        final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                try {
                                    JsonNode m = Json.MAPPER.readTree(text.toString());
                                    if (m.path("type").asText().equals("tiles")) {
                                        long persons = m.get("tiles")
                                                .get("registered_persons")
                                                .get("cumulative")
                                                .asLong();
                                        if (persons != seenPersons.getAndSet(persons)) {
                                            seenAt.set(System.nanoTime());
                                        }
                                        firstTiles.complete(null);
                                    }
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                                text.setLength(0);
                            }
                            socket.request(1);
                            return null;
                        }
                    })
                    .join();
            firstTiles.get(30, TimeUnit.SECONDS);
            double oneWallRate = queryRate(stack, 4);
            long heapBefore = usedHeap();

            String[] scopes = {
                "all", "district:" + enc("麒麟区"), "district:" + enc("沾益区"), "checkpoint:W-1", "checkpoint:W-2"
            };
            // opened 50 at a time: as many handshakes, in a fraction of the time one at a time would take
            List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                boolean reads = i >= 100;
                opening.add(client.newWebSocketBuilder()
                        .buildAsync(
                                URI.create(ws + "?scope=" + scopes[i % scopes.length]),
                                reads
                                        ? new WebSocket.Listener() {
                                            @Override
                                            public CompletionStage<?> onText(
                                                    WebSocket socket, CharSequence data, boolean last) {
                                                socket.request(1);
                                                return null;
                                            }
                                        }
                                        : new WebSocket.Listener() {
                                            @Override
                                            public void onOpen(WebSocket socket) {
                                                // never asks for a message
                                            }
                                        }));
                if (opening.size() == 50) {
                    opening.forEach(f -> open.add(f.join()));
                    opening.clear();
                }
            }
            Random random = new Random(5);
            int refused = 0;
            List<CompletableFuture<WebSocket>> asking = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                String scope = random.nextBoolean()
                        ? "district:" + enc("区" + random.nextInt(1_000_000))
                        : "checkpoint:X-" + random.nextInt(1_000_000);
                asking.add(client.newWebSocketBuilder()
                        .buildAsync(URI.create(ws + "?scope=" + scope), new WebSocket.Listener() {}));
                if (asking.size() == 50 || i == 999) {
                    for (CompletableFuture<WebSocket> f : asking) {
                        try {
                            f.join().abort();
                        } catch (CompletionException e) {
                            refused++;
                        }
                    }
                    asking.clear();
                }
            }
            assertThat(refused).as("websockets for scopes in no registry").isEqualTo(1000);
            Thread.sleep(2000);
            double manyWallsRate = queryRate(stack, 4);
            System.gc();
            long heapAfter = usedHeap();

            long slowest = 0;
            for (int k = 0; k < 5; k++) {
                long before = seenPersons.get();
                long posted = System.nanoTime();
                assertThat(stack.postArrivals(CheckpointSnapshotIT.arrival(
                                        "mw-" + k,
                                        "W-1",
                                        EventTimes.format(Instant.now(), FaultLoad.SHANGHAI),
                                        false,
                                        "admitted",
                                        "36.5"))
                                .statusCode())
                        .isEqualTo(202);
                TestStack.eventually(
                        Duration.ofSeconds(30),
                        () -> seenPersons.get() == before + 1,
                        () -> "the normal wall did not see the arrival");
                slowest = Math.max(slowest, (seenAt.get() - posted) / 1_000_000);
            }
            String scrape = stack.get("/metrics").body();
            long clients = scrape.lines()
                    .filter(l -> l.startsWith("cordon_websocket_clients"))
                    .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum();
            FaultLoad.report(
                    "walls",
                    "500 walls (100 never reading) + 1,000 random scopes refused: ClickHouse statements/s "
                            + String.format("%.1f", oneWallRate) + " with one wall, "
                            + String.format("%.1f", manyWallsRate) + " with 501; heap used "
                            + heapBefore / 1_048_576 + " MiB before, " + heapAfter / 1_048_576
                            + " MiB after (whole test JVM: stack and clients); "
                            + "a normal wall saw a new arrival within " + slowest + " ms (slowest of 5); walls open "
                            + clients);
            assertThat(clients).isGreaterThanOrEqualTo(401);
            assertThat(manyWallsRate)
                    .as("ClickHouse statements a second with 501 walls")
                    .isLessThan(oneWallRate * 1.5 + 2);
            assertThat(slowest).as("ms from a post to the normal wall's update").isLessThan(5_000);
            assertThat(heapAfter - heapBefore).as("heap growth").isLessThan(512L * 1024 * 1024);
            open.forEach(WebSocket::abort);
            normal.abort();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** ClickHouse statements per second of the dashboard, from its /metrics, over some seconds. */
    private static double queryRate(TestStack stack, int seconds) throws Exception {
        long before = statements(stack);
        Thread.sleep(seconds * 1000L);
        return (statements(stack) - before) / (double) seconds;
    }

    private static long statements(TestStack stack) throws Exception {
        return stack.get("/metrics")
                .body()
                .lines()
                .filter(l -> l.startsWith("cordon_clickhouse_query_seconds_count"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
