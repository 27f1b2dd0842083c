package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.EventTimes;
import io.cordon.schemas.Json;
import io.cordon.testkit.ChildJvm;
import io.cordon.testkit.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two dashboards behind one address (a round-robin TCP balancer, one backend per new connection), on the same Kafka
 * and the same replicated ClickHouse, each writing to its own replica first: a wall on each sees the same fever; an acknowledgement taken by either reaches both walls; freezing
 * the same date through both at once stores one report (one {@code 201}, one {@code 409}; five dates in turn), and both dashboards serve
 * the bytes whose {@code sha256} the {@code 201} named.
 */
class TwoDashboardsIT {

    static final String WALL = "wall-hq-0123456789abcdef";

    /** The servers of an address, last first. */
    static List<String> reversed(String address) {
        List<String> servers = new ArrayList<>(List.of(address.split(",")));
        Collections.reverse(servers);
        return servers;
    }

    @TempDir
    Path dir;

    @Test
    void acknowledgementsAndTheFreezeAreSharedByEveryDashboard() throws Exception {
        Process second = null;
        try (TestStack stack =
                TestStack.start(dir, Map.of("CORDON_VIEWER_TOKENS", WALL, "CORDON_CLICKHOUSE_REPLICAS", "2"))) {
            int port = FreePorts.next();
            ProcessBuilder pb = new ProcessBuilder(ChildJvm.command(
                    "-Xmx384m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    ComponentMain.class.getName(),
                    "dashboard"));
            pb.environment().keySet().removeIf(k -> k.startsWith("CORDON_"));
            pb.environment()
                    .putAll(Map.of(
                            "CORDON_KAFKA_BOOTSTRAP",
                            stack.stack.env().get("CORDON_KAFKA_BOOTSTRAP"),
                            "CORDON_CLICKHOUSE_URL",
                            // the other replica first: each dashboard writes to its own replica
                            String.join(",", reversed(stack.stack.env().get("CORDON_CLICKHOUSE_URL"))),
                            "CORDON_INGEST_TOKENS",
                            TestStack.TOKEN,
                            "CORDON_VIEWER_TOKENS",
                            WALL,
                            "CORDON_TIMEZONE",
                            "Asia/Shanghai",
                            "CORDON_DASHBOARD_REFRESH",
                            "PT0.2S",
                            "CORDON_DASHBOARD_PORT",
                            String.valueOf(port)));
            stack.stack.env().forEach((k, v) -> {
                if (k.startsWith("CORDON_CLICKHOUSE_") && !k.equals("CORDON_CLICKHOUSE_URL")) {
                    pb.environment().put(k, v);
                }
            });
            pb.redirectErrorStream(true)
                    .redirectOutput(dir.resolve("dashboard-2.log").toFile());
            second = pb.start();
            String a = stack.stack.dashboardUrl();
            String b = "http://127.0.0.1:" + port;
            TestStack.eventually(
                    Duration.ofSeconds(60),
                    () -> status(stack.http, b + "/health/ready") == 200,
                    () -> "the second dashboard never became ready: " + log());

            try (RoundRobin balancer = new RoundRobin(List.of(portOf(a), port))) {
                String one = "http://127.0.0.1:" + balancer.port();
                assertThat(stack.putCheckpoints(
                                        "checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                                                + "TD-1,卡口,highway,上海,,浦东新区,,,\n")
                                .statusCode())
                        .isEqualTo(200);
                List<ConcurrentLinkedQueue<String>> walls =
                        List.of(new ConcurrentLinkedQueue<>(), new ConcurrentLinkedQueue<>());
                List<WebSocket> sockets = new ArrayList<>();
                for (ConcurrentLinkedQueue<String> wall : walls) {
                    sockets.add(HttpClient.newHttpClient()
                            .newWebSocketBuilder()
                            .buildAsync(
                                    URI.create(one.replace("http", "ws") + "/ws/live?token=" + WALL), listener(wall))
                            .get(10, TimeUnit.SECONDS));
                }
                assertThat(balancer.backends()).as("one wall on each dashboard").containsExactly(0, 1);

                String now = EventTimes.format(Instant.now(), FaultLoad.SHANGHAI);
                assertThat(stack.postArrivals(CheckpointSnapshotIT.arrival(
                                        "td-fever", "TD-1", now, false, "referred", "38.9"))
                                .statusCode())
                        .isEqualTo(202);
                for (ConcurrentLinkedQueue<String> wall : walls) {
                    TestStack.eventually(
                            Duration.ofSeconds(30),
                            () -> wall.stream()
                                    .anyMatch(m -> m.contains("\"type\":\"alert\"") && m.contains("td-fever/0")),
                            () -> "a wall never saw the fever: " + alertsOf(wall));
                }
                // the acknowledgement through the balancer: a new connection, so to whichever dashboard is next (the
                // alert is stored within a second of its delivery; until then it is unknown: 404)
                HttpResponse<String> ack = null;
                for (int i = 0; i < 40 && (ack == null || ack.statusCode() == 404); i++) {
                    Thread.sleep(250);
                    ack = HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create(one + "/api/v1/alerts/td-fever/0/ack"))
                                            .header("Authorization", "Bearer " + WALL)
                                            .POST(HttpRequest.BodyPublishers.noBody())
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                }
                assertThat(ack.statusCode()).as(ack.body()).isEqualTo(204);
                for (ConcurrentLinkedQueue<String> wall : walls) {
                    TestStack.eventually(
                            Duration.ofSeconds(10),
                            () -> wall.stream()
                                    .anyMatch(m -> m.contains("\"alert_acknowledged\"") && m.contains("td-fever/0")),
                            () -> "a wall of the other dashboard was not told of the acknowledgement: "
                                    + alertsOf(wall));
                }
                for (ConcurrentLinkedQueue<String> wall : walls) {
                    assertThat(wall.stream()
                                    .filter(m -> m.contains("\"alert_acknowledged\""))
                                    .count())
                            .as("told once")
                            .isEqualTo(1);
                }
                sockets.forEach(ws -> ws.abort());

                // the same date frozen through both dashboards at once, each on its own replica: one report. Five
                // dates, so that the race is run more than once
                String yesterday =
                        LocalDate.now(FaultLoad.SHANGHAI).minusDays(1).toString();
                String sha = null;
                for (int back = 5; back >= 1; back--) {
                    String date =
                            LocalDate.now(FaultLoad.SHANGHAI).minusDays(back).toString();
                    int before = balancer.backends().size();
                    List<CompletableFuture<HttpResponse<String>>> freezes = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                        freezes.add(HttpClient.newHttpClient()
                                .sendAsync(
                                        HttpRequest.newBuilder(URI.create(
                                                        one + "/api/v1/reports?date=" + date + "&cutoff=20:00"))
                                                .header("Authorization", "Bearer " + TestStack.TOKEN)
                                                .timeout(Duration.ofSeconds(60))
                                                .POST(HttpRequest.BodyPublishers.noBody())
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString()));
                    }
                    List<Integer> statuses = new ArrayList<>();
                    for (CompletableFuture<HttpResponse<String>> f : freezes) {
                        HttpResponse<String> r = f.get(90, TimeUnit.SECONDS);
                        statuses.add(r.statusCode());
                        if (r.statusCode() == 201 && date.equals(yesterday)) {
                            sha = Json.MAPPER.readTree(r.body()).get("sha256").asText();
                        }
                    }
                    assertThat(balancer.backends()
                                    .subList(before, balancer.backends().size()))
                            .as("the two freezes went to different dashboards")
                            .contains(0, 1);
                    assertThat(statuses).as(date).containsExactlyInAnyOrder(201, 409);
                }
                for (String dashboard : List.of(a, b)) {
                    HttpResponse<byte[]> report = stack.http.send(
                            HttpRequest.newBuilder(
                                            URI.create(dashboard + "/api/v1/reports/" + yesterday + "?format=json"))
                                    .header("Authorization", "Bearer " + WALL)
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(report.statusCode()).isEqualTo(200);
                    assertThat(HexFormat.of()
                                    .formatHex(
                                            MessageDigest.getInstance("SHA-256").digest(report.body())))
                            .as(dashboard + " serves the bytes the 201 named")
                            .isEqualTo(sha);
                }
                JsonNode list = Json.MAPPER.readTree(stack.send("GET", b + "/api/v1/reports", null, null, WALL)
                        .body());
                assertThat(list.findValues("date").stream()
                                .filter(d -> d.asText().equals(yesterday))
                                .count())
                        .isEqualTo(1);
            }
        } finally {
            if (second != null) {
                second.destroy();
                second.waitFor(20, TimeUnit.SECONDS);
                second.destroyForcibly();
            }
        }
    }

    private static List<String> alertsOf(ConcurrentLinkedQueue<String> wall) {
        return wall.stream().filter(m -> m.contains("alert")).toList();
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("dashboard-2.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int portOf(String url) {
        return URI.create(url).getPort();
    }

    private static int status(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static WebSocket.Listener listener(ConcurrentLinkedQueue<String> wall) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    wall.add(partial.toString());
                    partial.setLength(0);
                }
                socket.request(1);
                return null;
            }
        };
    }

    /** A TCP balancer on the loopback: each new connection goes to the next backend in turn. */
    static final class RoundRobin implements AutoCloseable {
        private final ServerSocket server;
        private final List<Integer> backends;
        private final List<Integer> chosen = new CopyOnWriteArrayList<>();
        private final AtomicInteger next = new AtomicInteger();

        RoundRobin(List<Integer> backendPorts) throws IOException {
            this.backends = backendPorts;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(this::accept, "round-robin");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return server.getLocalPort();
        }

        /** Which backend (its index) each connection went to, in order. */
        List<Integer> backends() {
            return List.copyOf(chosen);
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    int index = Math.floorMod(next.getAndIncrement(), backends.size());
                    chosen.add(index);
                    Socket backend = new Socket(InetAddress.getLoopbackAddress(), backends.get(index));
                    pump(client, backend);
                    pump(backend, client);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void pump(Socket from, Socket to) {
            Thread t = new Thread(
                    () -> {
                        try (InputStream in = from.getInputStream()) {
                            OutputStream out = to.getOutputStream();
                            in.transferTo(out);
                        } catch (IOException e) {
                            // the other side closed
                        } finally {
                            try {
                                to.shutdownOutput();
                            } catch (IOException e) {
                                // already closed
                            }
                        }
                    },
                    "round-robin-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
