package io.cordon.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private standalone ZooKeeper (3.9, from Maven) for replicated ClickHouse: a process of its own on a free loopback
 * port, started from this JVM's class path, with its data kept in {@code dir} so that a restart finds the replicas'
 * metadata again (ClickHouse 18.16 cannot restore replicas from an empty ZooKeeper: its tables would stay read-only).
 * Ready when its {@code srvr} command answers {@code Mode: standalone}. An ensemble ({@link #startEnsemble}) is
 * several such processes, each ready as leader or follower.
 *
 * @param main the server's main class: standalone or a peer of an ensemble
 */
public record LocalZooKeeper(Process process, int port, Path dir, String main) implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalZooKeeper.class);

    private static final String STANDALONE = "org.apache.zookeeper.server.ZooKeeperServerMain";
    private static final String PEER = "org.apache.zookeeper.server.quorum.QuorumPeerMain";

    /** host:port, as ClickHouse's {@code <zookeeper>} section and clients name it. */
    public String connect() {
        return "127.0.0.1:" + port;
    }

    public static LocalZooKeeper start(Path dir) throws IOException, InterruptedException {
        return start(dir, FreePorts.next());
    }

    /** Starts the server of a data directory on a given port (to restart it after {@link #kill}). */
    public static LocalZooKeeper start(Path dir, int port) throws IOException, InterruptedException {
        Path abs = dir.toAbsolutePath();
        Files.createDirectories(abs.resolve("data"));
        Files.writeString(abs.resolve("zoo.cfg"), config(abs, port, List.of()));
        return launch(abs, port, STANDALONE).awaitServing();
    }

    /**
     * An ensemble of {@code ids.size()} servers (in {@code dir/zk-ID}), each a process of its own, as the compose file's
     * {@code ZOO_SERVERS} describes one: {@code server.ID} lines with a quorum and an election port, {@code myid} in the
     * data directory. Answers once every member serves as leader or follower.
     */
    public static List<LocalZooKeeper> startEnsemble(Path dir, List<Integer> ids)
            throws IOException, InterruptedException {
        List<String> servers = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        for (int id : ids) {
            servers.add("server." + id + "=127.0.0.1:" + FreePorts.next() + ":" + FreePorts.next());
            ports.add(FreePorts.next());
        }
        List<LocalZooKeeper> members = new ArrayList<>();
        try {
            for (int i = 0; i < ids.size(); i++) {
                Path abs = dir.resolve("zk-" + ids.get(i)).toAbsolutePath();
                Files.createDirectories(abs.resolve("data"));
                Files.writeString(abs.resolve("data").resolve("myid"), ids.get(i) + "\n");
                Files.writeString(abs.resolve("zoo.cfg"), config(abs, ports.get(i), servers));
                members.add(launch(abs, ports.get(i), PEER));
            }
            for (LocalZooKeeper member : members) {
                member.awaitServing();
            }
            return members;
        } catch (IOException | InterruptedException | RuntimeException e) {
            members.forEach(LocalZooKeeper::close);
            throw e;
        }
    }

    private static String config(Path abs, int port, List<String> servers) {
        List<String> lines = new ArrayList<>(List.of(
                // a short tick: an ensemble elects its leader within a few seconds of a member's loss
                "tickTime=" + (servers.isEmpty() ? 2000 : 500),
                "initLimit=20",
                "syncLimit=10",
                "dataDir=" + abs.resolve("data"),
                "clientPort=" + port,
                "clientPortAddress=127.0.0.1",
                "maxClientCnxns=0",
                // no admin server (it would want :8080), and only the two four-letter words readiness needs
                "admin.enableServer=false",
                "4lw.commands.whitelist=srvr,ruok"));
        lines.addAll(servers);
        return String.join("\n", lines) + "\n";
    }

    private static LocalZooKeeper launch(Path abs, int port, String main) throws IOException {
        Process p = new ProcessBuilder(ChildJvm.command(
                        "-Xmx128m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        main,
                        abs.resolve("zoo.cfg").toString()))
                .directory(abs.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        abs.resolve("zookeeper.log").toFile()))
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "zookeeper-stop"));
        return new LocalZooKeeper(p, port, abs, main);
    }

    private LocalZooKeeper awaitServing() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!serving()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "ZooKeeper exited with " + process.exitValue() + "; see " + dir.resolve("zookeeper.log"));
            }
            if (Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "ZooKeeper did not serve within 60 s; see " + dir.resolve("zookeeper.log"));
            }
            Thread.sleep(100);
        }
        LOG.debug("ZooKeeper up at {}", connect());
        return this;
    }

    /**
     * True when the server answers {@code srvr} as a serving server: standalone, or a member of an ensemble with a
     * quorum (leader or follower). An open port is not enough.
     */
    public boolean serving() {
        String mode = mode();
        return mode.equals("standalone") || mode.equals("leader") || mode.equals("follower");
    }

    /** The server's {@code Mode:} as {@code srvr} tells it ({@code leader}, {@code follower}, ...), "" if it does not. */
    public String mode() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.startsWith("Mode: ")) {
                    return line.substring("Mode: ".length()).strip();
                }
            }
            return "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Kills the server at once (SIGKILL); its data directory stays for {@link #restart}. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Starts the server again on its port, configuration and data (a member of an ensemble rejoins it). */
    public LocalZooKeeper restart() throws IOException, InterruptedException {
        return launch(dir, port, main).awaitServing();
    }

    @Override
    public void close() {
        ServerProcesses.stop(process);
    }
}
