package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordon.dashboard.DashboardConfig;
import io.cordon.dashboard.files.PdfFile;
import io.cordon.http.AccessTokens;
import io.cordon.ingest.IngestConfig;
import io.cordon.jobs.JobsConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * docker-compose.yml checked against the code, without Docker (issue 24): every service's image, command, environment
 * and volumes against what Cordon reads and builds; Kafka's cluster id formatted by Kafka's own storage tool; the
 * ClickHouse replicas' configuration against the cluster the DDL runs on; Flink's state on a volume it can write.
 * {@code ComposeServicesIT} starts the services' own commands as processes.
 */
class ComposeCheckTest {

    /** What an operator sets: the variables the compose file demands ({@code :?}). */
    static final Map<String, String> OPERATOR = Map.of(
            "CORDON_INGEST_TOKENS", "device-pd:feed-secret-0123456789@district:浦东新区",
            "CORDON_ADMIN_TOKENS", "city-admin:admin-secret-0123456789",
            "CORDON_VIEWER_TOKENS", "wall:viewer-secret-0123456789",
            "CORDON_ID_HASH_KEY", "hash-key-0123456789abcdef",
            "CORDON_CLICKHOUSE_PASSWORD", "clickhouse-password-0123");

    static final List<String> CORDON_SERVICES = List.of("ingest", "dashboard", "jobmanager", "taskmanager");

    @Test
    void everyCordonVariableTheFileSetsIsOneCordonReads() throws Exception {
        Compose compose = Compose.read(OPERATOR);
        TreeSet<String> known = Compose.knownVariables();
        assertThat(known).contains("CORDON_CLICKHOUSE_URL", "CORDON_CLICKHOUSE_PASSWORD", "CORDON_LOG_FORMAT");
        for (String service : compose.services().keySet()) {
            Set<String> set = compose.environment(service).keySet().stream()
                    .filter(k -> k.startsWith("CORDON_"))
                    .collect(Collectors.toSet());
            assertThat(known).as(service + " sets only variables Cordon reads").containsAll(set);
        }
    }

    @Test
    void everyServiceStartsFromItsEnvironmentAndRefusesToWithoutTheOperatorsSecrets() throws Exception {
        Compose compose = Compose.read(OPERATOR);
        Map<String, String> ingest = compose.environment("ingest");
        AccessTokens.requireLongSecrets(ingest);
        IngestConfig ingestConfig = IngestConfig.fromEnv(ingest);
        assertThat(ingestConfig.clickHouse().servers()).hasSize(2);
        assertThat(ingestConfig.clickHouse().cluster()).isEqualTo("cordon");
        assertThat(ingestConfig.clickHouse().toString()).doesNotContain(OPERATOR.get("CORDON_CLICKHOUSE_PASSWORD"));
        Map<String, String> dashboard = compose.environment("dashboard");
        AccessTokens.requireLongSecrets(dashboard);
        assertThat(DashboardConfig.fromEnv(dashboard).clickHouse()).isEqualTo(ingestConfig.clickHouse());
        for (String flink : List.of("jobmanager", "taskmanager")) {
            assertThat(JobsConfig.fromEnv(compose.environment(flink)).clickHouse())
                    .isEqualTo(ingestConfig.clickHouse());
        }
        for (String secret : OPERATOR.keySet()) {
            Map<String, String> without = new LinkedHashMap<>(OPERATOR);
            without.remove(secret);
            assertThatThrownBy(() -> {
                        Compose c = Compose.read(without);
                        for (String service : c.services().keySet()) {
                            c.environment(service);
                        }
                    })
                    .as(secret)
                    .hasMessageContaining(secret + " must be set");
        }
    }

    @Test
    void theKafkaClusterIdIsSixteenBytesAndKafkasStorageToolFormatsEveryNode(@TempDir Path dir) throws Exception {
        Compose compose = Compose.read(OPERATOR);
        List<String> brokers = List.of("kafka-1", "kafka-2", "kafka-3");
        String clusterId = compose.environment("kafka-1").get("CLUSTER_ID");
        assertThat(Uuid.fromString(clusterId)).isNotEqualTo(Uuid.ZERO_UUID);
        Set<String> nodeIds = new TreeSet<>();
        for (String broker : brokers) {
            Map<String, String> env = compose.environment(broker);
            assertThat(env.get("CLUSTER_ID")).isEqualTo(clusterId);
            nodeIds.add(env.get("KAFKA_NODE_ID"));
            // the event log on the broker's own volume, never in the container's /tmp
            String logDirs = env.get("KAFKA_LOG_DIRS");
            assertThat(compose.mounts(broker))
                    .anySatisfy(m -> assertThat(m).containsExactly(broker + "-data", logDirs));
            assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
                    .contains(env.get("KAFKA_NODE_ID") + "@" + broker + ":9093");
            assertThat(compose.service(broker).get("restart")).isEqualTo("unless-stopped");
            assertThat(compose.healthcheck(broker)).isNotEmpty();

            // what the image's entrypoint does: KAFKA_X_Y=v becomes x.y=v, then kafka-storage format
            Path nodeDir = dir.resolve(broker);
            Properties props = new Properties();
            env.forEach((k, v) -> {
                if (k.startsWith("KAFKA_")) {
                    props.setProperty(k.substring(6).toLowerCase().replace('_', '.'), v);
                }
            });
            props.setProperty("log.dirs", nodeDir.resolve("data").toString());
            Path config = nodeDir.resolve("server.properties");
            Files.createDirectories(nodeDir);
            try (var out = Files.newBufferedWriter(config)) {
                props.store(out, broker);
            }
            Process tool = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            "kafka.tools.StorageTool",
                            "format",
                            "--cluster-id",
                            clusterId,
                            "--config",
                            config.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(tool.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(tool.exitValue()).as(output).isZero();
            Properties meta = new Properties();
            try (var in = Files.newBufferedReader(nodeDir.resolve("data").resolve("meta.properties"))) {
                meta.load(in);
            }
            assertThat(meta.getProperty("cluster.id")).isEqualTo(clusterId);
            assertThat(meta.getProperty("node.id")).isEqualTo(env.get("KAFKA_NODE_ID"));
        }
        assertThat(nodeIds).hasSize(3);
    }

    @Test
    void theClickHouseReplicasFormTheClusterTheDdlRunsOn() throws Exception {
        Compose compose = Compose.read(OPERATOR);
        Map<String, String> cordon = compose.environment("ingest");
        String cluster = cordon.get("CORDON_CLICKHOUSE_CLUSTER");
        List<String> replicas = compose.services().keySet().stream()
                .filter(s -> String.valueOf(compose.service(s).get("image")).startsWith("clickhouse/"))
                .toList();
        assertThat(replicas).hasSizeGreaterThanOrEqualTo(2);
        assertThat(List.of(cordon.get("CORDON_CLICKHOUSE_URL").split(",")))
                .containsExactlyElementsOf(
                        replicas.stream().map(r -> "http://" + r + ":8123").toList());

        Set<String> replicaNames = new TreeSet<>();
        Set<String> shards = new TreeSet<>();
        for (String replica : replicas) {
            Map<String, Object> service = compose.service(replica);
            assertThat(service.get("hostname")).isEqualTo(replica);
            assertThat(service.get("restart")).isEqualTo("unless-stopped");
            assertThat(compose.healthcheck(replica)).isNotEmpty();
            Map<String, String> env = compose.environment(replica);
            assertThat(env.get("CLICKHOUSE_USER")).isEqualTo(cordon.get("CORDON_CLICKHOUSE_USER"));
            assertThat(env.get("CLICKHOUSE_PASSWORD")).isEqualTo(cordon.get("CORDON_CLICKHOUSE_PASSWORD"));
            Document clusterXml = null;
            Document replicaXml = null;
            for (String[] m : compose.mounts(replica)) {
                if (m[0].startsWith("./")) {
                    Path file = Compose.ROOT.resolve(m[0].substring(2));
                    assertThat(file).as(m[0]).exists();
                    if (m[1].startsWith("/etc/clickhouse-server/config.d/")) {
                        Document xml = xml(file);
                        if (xml.getElementsByTagName("remote_servers").getLength() > 0) {
                            clusterXml = xml;
                        }
                        if (xml.getElementsByTagName("macros").getLength() > 0) {
                            replicaXml = xml;
                        }
                    }
                }
            }
            assertThat(clusterXml)
                    .as(replica + " mounts the cluster's configuration")
                    .isNotNull();
            assertThat(replicaXml).as(replica + " mounts its macros").isNotNull();
            Element servers =
                    (Element) clusterXml.getElementsByTagName("remote_servers").item(0);
            NodeList named = servers.getElementsByTagName(cluster);
            assertThat(named.getLength())
                    .as("remote_servers names the cluster " + cluster)
                    .isEqualTo(1);
            List<String> hosts = texts(((Element) named.item(0)).getElementsByTagName("host"));
            assertThat(hosts).containsExactlyInAnyOrderElementsOf(replicas);
            List<String> zooKeeperHosts = texts(
                    ((Element) clusterXml.getElementsByTagName("zookeeper").item(0)).getElementsByTagName("host"));
            assertThat(zooKeeperHosts)
                    .as("the replicas name every member of the ensemble")
                    .containsExactlyInAnyOrderElementsOf(
                            zooKeeperEnsemble(compose).values());
            assertThat(compose.service(replica).get("depends_on").toString())
                    .as(replica + " waits for the ensemble")
                    .contains(zooKeeperHosts);
            replicaNames.add(texts(replicaXml.getElementsByTagName("replica")).get(0));
            shards.add(texts(replicaXml.getElementsByTagName("shard")).get(0));
            assertThat(texts(replicaXml.getElementsByTagName("interserver_http_host")))
                    .containsExactly(replica);
            assertThat(compose.mounts(replica)).anySatisfy(m -> assertThat(m[1]).isEqualTo("/var/lib/clickhouse"));
        }
        assertThat(replicaNames).as("every replica its own name").hasSize(replicas.size());
        assertThat(shards).as("one shard").hasSize(1);
    }

    @Test
    void flinkKeepsItsCheckpointsAndSavepointsOnAVolumeItOwns() throws Exception {
        Compose compose = Compose.read(OPERATOR);
        Map<String, String> props = new LinkedHashMap<>();
        for (String line :
                compose.environment("jobmanager").get("FLINK_PROPERTIES").split("\n")) {
            int colon = line.indexOf(':');
            if (!line.isBlank() && !line.strip().startsWith("#") && colon > 0) {
                props.put(
                        line.substring(0, colon).strip(),
                        line.substring(colon + 1).strip());
            }
        }
        String checkpoints = props.get("execution.checkpointing.dir");
        String savepoints = props.get("execution.checkpointing.savepoint-dir");
        assertThat(checkpoints).startsWith("file:///");
        assertThat(savepoints).startsWith("file:///");
        String owner = "flink-state-owner";
        List<String> ownerCommand = compose.command(owner);
        for (String flink : List.of("jobmanager", "taskmanager")) {
            assertThat(compose.environment(flink).get("FLINK_PROPERTIES"))
                    .isEqualTo(compose.environment("jobmanager").get("FLINK_PROPERTIES"));
            assertThat(compose.service(flink).get("restart")).isEqualTo("unless-stopped");
            for (String dir : List.of(checkpoints, savepoints)) {
                String path = dir.substring("file://".length());
                String[] mount = compose.mounts(flink).stream()
                        .filter(m -> path.startsWith(m[1] + "/"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(flink + " has no volume for " + path));
                assertThat(compose.volumes()).containsKey(mount[0]);
                // the volume is handed to Flink's user (uid 9999) by the one-off owner service
                assertThat(compose.mounts(owner)).anySatisfy(m -> assertThat(m).containsExactly(mount[0], mount[1]));
                assertThat(String.join(" ", ownerCommand)).contains("chown -R 9999:9999 " + mount[1]);
            }
        }
        assertThat(compose.service(owner).get("user")).isEqualTo("root");
        assertThat(compose.service("jobmanager").get("depends_on").toString())
                .contains(owner + "={condition=service_completed_successfully}");
        // the job jar the build makes, and classes that exist in it
        String jobJar = compose.mounts("jobmanager").stream()
                .filter(m -> m[1].startsWith("/opt/flink/usrlib/"))
                .findFirst()
                .orElseThrow()[0];
        assertThat(jobJar).isEqualTo("./stream-jobs/target/stream-jobs-" + version() + "-job.jar");
        List<String> command = compose.command("jobmanager");
        String jobClass = command.get(command.indexOf("--job-classname") + 1);
        assertThat(Class.forName(jobClass).getMethod("main", String[].class)).isNotNull();
        assertThat(Class.forName(props.get("state.backend.rocksdb.options-factory")))
                .isNotNull();
    }

    @Test
    void ingestAndTheDashboardRunFromTheirOwnJarsAndTheDashboardHasAChineseFont() throws Exception {
        Compose compose = Compose.read(OPERATOR);
        for (String service : List.of("ingest", "dashboard")) {
            List<String> command = compose.command(service);
            assertThat(command.subList(0, 2)).containsExactly("java", "-cp");
            Map<String, String> sources = new LinkedHashMap<>();
            compose.mounts(service).forEach(m -> sources.put(m[1], m[0]));
            for (String entry : command.get(2).split(":")) {
                String mountPoint = entry.endsWith("/*") ? entry.substring(0, entry.length() - 2) : entry;
                String source = sources.get(mountPoint);
                assertThat(source).as(service + " mounts " + mountPoint).isNotNull();
                assertThat(source).as("no launcher classpath").startsWith("./" + service + "/target/");
            }
            assertThat(sources.values()).noneMatch(s -> s.contains("local-stack"));
            assertThat(sources.values())
                    .contains(
                            "./" + service + "/target/" + service + "-" + version() + ".jar",
                            "./" + service + "/target/lib");
            String main = command.get(3);
            assertThat(Class.forName(main).getMethod("main", String[].class)).isNotNull();
            assertThat(compose.service(service).get("restart")).isEqualTo("unless-stopped");
            assertThat(String.join(" ", compose.healthcheck(service))).contains("/health/ready");
        }
        Object build = compose.service("dashboard").get("build");
        Path dockerfile = Compose.ROOT.resolve(String.valueOf(build)).resolve("Dockerfile");
        String recipe = Files.readString(dockerfile);
        assertThat(recipe).contains("FROM eclipse-temurin:17-jre").contains("fonts-wqy-zenhei");
        // the package's font is the first the PDF exporter looks for
        assertThat(PdfFile.CJK_FONTS.get(0)).hasToString("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");
    }

    /**
     * The ZooKeeper ensemble: three members (a quorum survives the loss of any one), each with its own data volume, a
     * {@code ZOO_MY_ID} of its own, and the same {@code ZOO_SERVERS} naming each member by its id and host name, with
     * the client port the replicas use. Answers the members by id.
     */
    static Map<Integer, String> zooKeeperEnsemble(Compose compose) {
        List<String> members = compose.services().keySet().stream()
                .filter(s -> String.valueOf(compose.service(s).get("image")).startsWith("zookeeper:"))
                .toList();
        assertThat(members).as("a ZooKeeper ensemble of three").hasSize(3);
        Map<Integer, String> byId = new LinkedHashMap<>();
        String servers = null;
        Set<String> volumes = new TreeSet<>();
        for (String member : members) {
            Map<String, String> env = compose.environment(member);
            assertThat(compose.service(member).get("hostname")).isEqualTo(member);
            assertThat(compose.service(member).get("restart")).isEqualTo("unless-stopped");
            assertThat(compose.healthcheck(member)).isNotEmpty();
            assertThat(byId.put(Integer.parseInt(env.get("ZOO_MY_ID")), member))
                    .as(member + "'s ZOO_MY_ID is its own")
                    .isNull();
            assertThat(servers == null || servers.equals(env.get("ZOO_SERVERS")))
                    .as("every member has the same ZOO_SERVERS")
                    .isTrue();
            servers = env.get("ZOO_SERVERS");
            for (String[] m : compose.mounts(member)) {
                if (m[1].equals("/data") || m[1].equals("/datalog")) {
                    assertThat(volumes.add(m[0]))
                            .as(m[0] + " belongs to one member")
                            .isTrue();
                }
            }
        }
        assertThat(volumes).hasSize(2 * members.size());
        Map<Integer, String> listed = new LinkedHashMap<>();
        for (String server : servers.split(" ")) {
            // server.ID=HOST:QUORUM_PORT:ELECTION_PORT;CLIENT_PORT (the image's form)
            Matcher m = Pattern.compile("server\\.(\\d+)=([\\w-]+):(\\d+):(\\d+);(\\d+)")
                    .matcher(server);
            assertThat(m.matches()).as(server).isTrue();
            listed.put(Integer.parseInt(m.group(1)), m.group(2));
            assertThat(m.group(5)).isEqualTo("2181");
        }
        assertThat(listed).as("ZOO_SERVERS names each member by its id").isEqualTo(byId);
        return byId;
    }

    static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    static List<String> texts(NodeList nodes) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().strip());
        }
        return texts;
    }

    static String version() throws IOException {
        String pom = Files.readString(Compose.ROOT.resolve("pom.xml"));
        int from = pom.indexOf("<version>", pom.indexOf("<artifactId>cordon-parent</artifactId>"));
        return pom.substring(from + "<version>".length(), pom.indexOf("</version>", from));
    }
}
