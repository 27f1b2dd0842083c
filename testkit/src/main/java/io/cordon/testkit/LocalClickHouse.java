package io.cordon.testkit;

import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.ClickHouseSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private ClickHouse server: Debian's clickhouse-server (18.16) run with its own config, data directory and free
 * ports, never the system service. Stopped with the stack; its data stays in {@code dir}.
 */
public final class LocalClickHouse implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalClickHouse.class);
    private static final List<Path> BINARIES = List.of(
            Path.of("/usr/sbin/clickhouse-server"),
            Path.of("/usr/bin/clickhouse-server"),
            Path.of("/usr/bin/clickhouse"));

    private final Process process;
    private final int httpPort;
    private final int tcpPort;
    private final Path dir;
    /** The replica's part of its config (ZooKeeper, macros, the cluster), empty for a server alone. */
    private final String replication;

    private LocalClickHouse(Process process, int httpPort, int tcpPort, Path dir, String replication) {
        this.process = process;
        this.httpPort = httpPort;
        this.tcpPort = tcpPort;
        this.dir = dir;
        this.replication = replication;
    }

    /**
     * Starts the replicas of one shard (in {@code dir/r1}, {@code dir/r2}, ...), replicating through {@code zooKeeper}
     * and named together as {@code cluster} for {@code ON CLUSTER} DDL: macros {@code {shard}} = 01 and
     * {@code {replica}} = r1, r2, ...; each with its own HTTP, native and interserver ports on the loopback.
     */
    public static List<LocalClickHouse> startReplicas(Path dir, int count, LocalZooKeeper zooKeeper, String cluster)
            throws IOException, InterruptedException {
        return startReplicas(dir, count, List.of(zooKeeper), cluster);
    }

    /** The same through a ZooKeeper ensemble: every member named in each replica's {@code <zookeeper>} section. */
    public static List<LocalClickHouse> startReplicas(
            Path dir, int count, List<LocalZooKeeper> zooKeepers, String cluster)
            throws IOException, InterruptedException {
        StringBuilder nodes = new StringBuilder();
        for (LocalZooKeeper zk : zooKeepers) {
            nodes.append("<node><host>127.0.0.1</host><port>").append(zk.port()).append("</port></node>");
        }
        int[][] ports = new int[count][3];
        StringBuilder replicas = new StringBuilder();
        for (int i = 0; i < count; i++) {
            ports[i] = new int[] {FreePorts.next(), FreePorts.next(), FreePorts.next()};
            replicas.append("<replica><host>127.0.0.1</host><port>")
                    .append(ports[i][1])
                    .append("</port></replica>");
        }
        List<LocalClickHouse> started = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                String replication = """
                          <interserver_http_host>127.0.0.1</interserver_http_host>
                          <interserver_http_port>%1$d</interserver_http_port>
                          <zookeeper>
                            %2$s
                            <session_timeout_ms>6000</session_timeout_ms>
                          </zookeeper>
                          <macros><shard>01</shard><replica>r%3$d</replica></macros>
                          <remote_servers><%4$s><shard><internal_replication>true</internal_replication>%5$s</shard>\
                        </%4$s></remote_servers>
                          <distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>
                        """.formatted(ports[i][2], nodes, i + 1, cluster, replicas);
                started.add(start(dir.resolve("r" + (i + 1)), ports[i][0], ports[i][1], replication));
            }
            return started;
        } catch (IOException | InterruptedException | RuntimeException e) {
            started.forEach(LocalClickHouse::close);
            throw e;
        }
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** A client of this server's {@code default} database. */
    public ClickHouseHttp client() {
        return new ClickHouseHttp(url(), "default");
    }

    /**
     * Starts a private server on free ports with Cordon's schema applied to its {@code default} database: what a
     * module test of the queries needs ({@link #client()} reads and writes it).
     */
    public static LocalClickHouse withSchema(Path dir) throws IOException, InterruptedException {
        LocalClickHouse server = start(dir);
        try {
            ClickHouseSchema.apply(server.client());
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Starts a private server on free ports; a start that fails (a port taken between choosing and binding it) is
     * tried again on other ports, twice.
     */
    public static LocalClickHouse start(Path dir) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return start(dir, FreePorts.next(), FreePorts.next());
            } catch (IllegalStateException e) {
                if (attempt == 3 || !e.getMessage().contains("exited")) {
                    throw e;
                }
                LOG.warn("clickhouse-server did not start ({}); trying other ports", e.getMessage());
            }
        }
    }

    /** Starts the server of a data directory on given ports (to restart one after a kill). */
    public static LocalClickHouse start(Path dir, int httpPort, int tcpPort) throws IOException, InterruptedException {
        return start(dir, httpPort, tcpPort, "");
    }

    private static LocalClickHouse start(Path dir, int httpPort, int tcpPort, String replication)
            throws IOException, InterruptedException {
        Path binary = BINARIES.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() ->
                        new IllegalStateException("clickhouse-server is not installed: run ./cordon test once, or "
                                + "apt-get install -y clickhouse-server, or set CORDON_CLICKHOUSE_URL"));
        Path abs = dir.toAbsolutePath();
        for (String sub : List.of("data", "tmp", "user_files", "format_schemas", "log")) {
            Files.createDirectories(abs.resolve(sub));
        }
        Files.writeString(abs.resolve("config.xml"), config(abs, httpPort, tcpPort, replication));
        Files.writeString(abs.resolve("users.xml"), USERS);
        List<String> command = binary.getFileName().toString().equals("clickhouse")
                ? List.of(binary.toString(), "server", "--config-file=" + abs.resolve("config.xml"))
                : List.of(binary.toString(), "--config-file=" + abs.resolve("config.xml"));
        Process p = new ProcessBuilder(command)
                .directory(abs.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        abs.resolve("log/stdout.log").toFile()))
                .start();
        // a JVM that exits without closing the stack (a crashed test fork, System.exit) still stops its server
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy, "clickhouse-stop"));
        LocalClickHouse ch = new LocalClickHouse(p, httpPort, tcpPort, dir, replication);
        ClickHouseHttp http = new ClickHouseHttp(ch.url(), "default");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!http.ping()) {
            if (!p.isAlive()) {
                throw new IllegalStateException("clickhouse-server exited with " + p.exitValue() + "; see "
                        + abs.resolve("log") + "; its last error: " + lastError(abs.resolve("log")));
            }
            if (Instant.now().isAfter(deadline)) {
                p.destroyForcibly();
                throw new IllegalStateException(
                        "clickhouse-server did not answer within 60 s; see " + abs.resolve("log"));
            }
            Thread.sleep(100);
        }
        LOG.debug("ClickHouse {} up at {}", binary, ch.url());
        return ch;
    }

    /** The server's process, for the CPU it used (the load bench's ledger). */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** Freezes the server (SIGSTOP): it keeps its connections but answers nothing, as a hung host would. */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Lets a frozen server go on (SIGCONT). */
    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    /** Kills the server at once (SIGKILL), as a crash or an OOM kill would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * Starts the server again on the same ports and data (after {@link #kill}); a start that exits at once (a port
     * still held for a moment) is tried again, up to five times a second apart.
     */
    public LocalClickHouse restart() throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return start(dir, httpPort, tcpPort, replication);
            } catch (IllegalStateException e) {
                if (attempt == 5 || !e.getMessage().contains("exited")) {
                    throw e;
                }
                LOG.warn("clickhouse-server did not start again ({}); trying again in a second", e.getMessage());
                Thread.sleep(1000);
            }
        }
    }

    /** The last line of the server's error log, for the message of a start that failed. */
    private static String lastError(Path logDir) {
        try {
            List<String> lines = Files.readAllLines(logDir.resolve("clickhouse-server.err.log"));
            return lines.isEmpty() ? "(none)" : lines.get(lines.size() - 1);
        } catch (IOException | RuntimeException e) {
            return "(no error log: " + e.getMessage() + ")";
        }
    }

    private void signal(String name) throws IOException, InterruptedException {
        int rc = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
        if (rc != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed with " + rc);
        }
    }

    @Override
    public void close() {
        try {
            signal("CONT"); // a frozen server cannot stop
        } catch (IOException | InterruptedException e) {
            // it is not frozen, or gone
        }
        ServerProcesses.stop(process);
    }

    private static String config(Path dir, int httpPort, int tcpPort, String replication) {
        return """
                <?xml version="1.0"?>
                <yandex>
                  <logger>
                    <level>warning</level>
                    <log>%1$s/log/clickhouse-server.log</log>
                    <errorlog>%1$s/log/clickhouse-server.err.log</errorlog>
                    <size>10M</size>
                    <count>2</count>
                  </logger>
                  <listen_host>127.0.0.1</listen_host>
                  <http_port>%2$d</http_port>
                  <tcp_port>%3$d</tcp_port>
                  <path>%1$s/data/</path>
                  <tmp_path>%1$s/tmp/</tmp_path>
                  <user_files_path>%1$s/user_files/</user_files_path>
                  <format_schema_path>%1$s/format_schemas/</format_schema_path>
                  <users_config>%1$s/users.xml</users_config>
                  <default_profile>default</default_profile>
                  <default_database>default</default_database>
                  <mark_cache_size>268435456</mark_cache_size>
                  <max_concurrent_queries>200</max_concurrent_queries>
                  <!-- a stop waits for idle keep-alive connections: 10 s each stop by default, 2 s so -->
                  <keep_alive_timeout>2</keep_alive_timeout>
                  <timezone>UTC</timezone>
                %4$s</yandex>
                """.formatted(dir, httpPort, tcpPort, replication);
    }

    /** A user with a password on every private server, for the tests of ClickHouse credentials. */
    public static final String PASSWORD_USER = "cordon";

    /** {@link #PASSWORD_USER}'s password (the server keeps only its SHA-256). */
    public static final String PASSWORD = "cordon-local-password";

    private static final String USERS = """
            <?xml version="1.0"?>
            <yandex>
              <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
              <users>
                <default>
                  <password></password>
                  <networks><ip>::1</ip><ip>127.0.0.1</ip></networks>
                  <profile>default</profile>
                  <quota>default</quota>
                </default>
                <cordon>
                  <password_sha256_hex>f566ffcc9cb6d26e5e1aa9ab5e29dbaab16770c6446cbf4ed2496c774864d954</password_sha256_hex>
                  <networks><ip>::1</ip><ip>127.0.0.1</ip></networks>
                  <profile>default</profile>
                  <quota>default</quota>
                </cordon>
              </users>
              <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
                <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
            </yandex>
            """;
}
