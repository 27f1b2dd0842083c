package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.testkit.ChildJvm;
import io.cordon.testkit.Feeds;
import io.cordon.testkit.FreePorts;
import io.cordon.testkit.LocalClickHouse;
import io.cordon.testkit.LocalKafka;
import io.cordon.testkit.LocalZooKeeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose deployment's ingest and dashboard started as the containers start them: their own commands and slim
 * classpaths (the jars the build puts in {@code ingest/target} and {@code dashboard/target}, through the compose
 * file's mounts), their compose environment, with only the addresses pointed at local servers: ZooKeeper, two
 * ClickHouse replicas whose user has a password, and a Kafka broker (one, so the topics' replication is 1 here). Each
 * becomes healthy by the compose file's own health check, takes its token-guarded requests, and the replicated
 * tables it created carry its writes to both replicas. (The job jar on a Flink cluster: {@code FlinkClusterIT}.)
 */
class ComposeServicesIT {

    @TempDir
    Path dir;

    @Test
    void ingestAndTheDashboardComeUpFromTheirComposeCommandsOnReplicatedClickHouse() throws Exception {
        Map<String, String> operator = new HashMap<>(ComposeCheckTest.OPERATOR);
        operator.put("CORDON_CLICKHOUSE_PASSWORD", LocalClickHouse.PASSWORD);
        Compose compose = Compose.read(operator);
        List<LocalClickHouse> replicas = new ArrayList<>();
        List<Process> services = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        try (LocalZooKeeper zooKeeper = LocalZooKeeper.start(dir.resolve("zookeeper"));
                LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"))) {
            String cluster = compose.environment("ingest").get("CORDON_CLICKHOUSE_CLUSTER");
            replicas.addAll(LocalClickHouse.startReplicas(dir.resolve("clickhouse"), 2, zooKeeper, cluster));
            Map<String, String> local = Map.of(
                    "CORDON_KAFKA_BOOTSTRAP",
                    kafka.bootstrap(),
                    "CORDON_KAFKA_REPLICATION",
                    "1",
                    "CORDON_KAFKA_MIN_INSYNC_REPLICAS",
                    "1",
                    "CORDON_CLICKHOUSE_URL",
                    replicas.stream().map(LocalClickHouse::url).collect(Collectors.joining(",")));

            Map<String, Integer> ports = new LinkedHashMap<>();
            for (String service : List.of("ingest", "dashboard")) {
                int port = FreePorts.next();
                ports.put(service, port);
                Map<String, String> env = new LinkedHashMap<>(compose.environment(service));
                env.putAll(local);
                env.put("CORDON_" + service.toUpperCase() + "_PORT", String.valueOf(port));
                services.add(start(compose, service, env));
            }
            for (String service : ports.keySet()) {
                int port = ports.get(service);
                List<String> check = healthcheck(compose, service, port);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                int status;
                do {
                    Thread.sleep(500);
                    Process p =
                            new ProcessBuilder(check).redirectErrorStream(true).start();
                    p.waitFor(10, TimeUnit.SECONDS);
                    status = p.exitValue();
                } while (status != 0 && System.nanoTime() < deadline);
                assertThat(status)
                        .as(service + " healthy by the compose check; its log: "
                                + Files.readString(dir.resolve(service + ".log")))
                        .isZero();
            }

            String ingest = "http://127.0.0.1:" + ports.get("ingest");
            String dashboard = "http://127.0.0.1:" + ports.get("dashboard");
            String csv = "checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                    + "CP-1,高速出口,highway,上海,上海,浦东新区,,31.2,121.5\n";
            assertThat(send(http, "PUT", ingest + "/api/v1/registry/checkpoints", "admin-secret-0123456789", csv)
                            .statusCode())
                    .isEqualTo(200);
            String arrival = Feeds.arrival("compose-1").checkpoint("CP-1").json();
            HttpResponse<String> accepted = null;
            for (int i = 0; i < 40 && (accepted == null || accepted.statusCode() != 202); i++) {
                Thread.sleep(250);
                accepted = send(http, "POST", ingest + "/api/v1/checkpoint-events", "feed-secret-0123456789", arrival);
            }
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            assertThat(send(http, "GET", dashboard + "/api/v1/tiles", "viewer-secret-0123456789", null)
                            .statusCode())
                    .isEqualTo(200);
            assertThat(send(http, "GET", dashboard + "/api/v1/tiles", null, null)
                            .statusCode())
                    .as("reads need a viewer token")
                    .isEqualTo(401);

            // the tables are replicated, and the upload's audit row is on both replicas, read as Cordon's user
            for (LocalClickHouse replica : replicas) {
                ClickHouseHttp asCordon = new ClickHouseHttp(
                        replica.url(), "default", LocalClickHouse.PASSWORD_USER, LocalClickHouse.PASSWORD);
                assertThat(asCordon.executeBlocking("SELECT engine FROM system.tables WHERE database = 'default'"
                                + " AND name = 'audit_log' FORMAT TSV"))
                        .startsWith("ReplicatedMergeTree");
                String rows = "0";
                for (int i = 0; i < 40 && rows.equals("0"); i++) {
                    Thread.sleep(250);
                    rows = asCordon.executeBlocking("SELECT count() FROM audit_log FORMAT TSV")
                            .strip();
                }
                assertThat(rows).as(replica.url()).isNotEqualTo("0");
            }
            for (String service : ports.keySet()) {
                String log = Files.readString(dir.resolve(service + ".log"));
                assertThat(log.lines()
                                .filter(l -> l.matches("\\d{4}-\\d{2}-\\d{2}T.*"))
                                .count())
                        .as(service + " logs with date, time and zone")
                        .isPositive();
                assertThat(log).doesNotContain(LocalClickHouse.PASSWORD, "admin-secret-0123456789");
            }
        } finally {
            for (Process p : services) {
                p.destroy();
                p.waitFor(20, TimeUnit.SECONDS);
                p.destroyForcibly();
            }
            replicas.forEach(LocalClickHouse::close);
        }
    }

    /** The service's compose command, its container paths mapped back through its mounts to the repository. */
    private Process start(Compose compose, String service, Map<String, String> env) throws Exception {
        Map<String, String> mounts = new HashMap<>();
        compose.mounts(service).forEach(m -> mounts.put(m[1], m[0]));
        List<String> command = new ArrayList<>(compose.command(service));
        command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> classpath = new ArrayList<>();
        for (String entry : command.get(2).split(":")) {
            boolean wildcard = entry.endsWith("/*");
            String mountPoint = wildcard ? entry.substring(0, entry.length() - 2) : entry;
            Path source = Compose.ROOT.resolve(mounts.get(mountPoint).substring(2));
            assertThat(source).as("built by mvn install: " + source).exists();
            classpath.add(wildcard ? source + "/*" : source.toString());
        }
        command.set(2, String.join(":", classpath));
        command.add(1, "-Xmx256m");
        command.addAll(1, ChildJvm.flags());
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("CORDON_"));
        pb.environment().putAll(env);
        pb.redirectErrorStream(true)
                .redirectOutput(dir.resolve(service + ".log").toFile());
        return pb.start();
    }

    /** The compose health check, the container's port replaced by the process's. */
    private static List<String> healthcheck(Compose compose, String service, int port) {
        List<String> test = compose.healthcheck(service);
        assertThat(test.get(0)).isEqualTo("CMD");
        String containerPort = compose.environment(service).get("CORDON_" + service.toUpperCase() + "_PORT");
        return test.subList(1, test.size()).stream()
                .map(part -> part.replace("/" + containerPort + " ", "/" + port + " "))
                .toList();
    }

    private static HttpResponse<String> send(HttpClient http, String method, String url, String token, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", body.startsWith("{") ? "application/json" : "text/csv");
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
