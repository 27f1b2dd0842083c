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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private standalone ZooKeeper (3.9, from Maven) for replicated ClickHouse: a process of its own on a free loopback
 * port, started from this JVM's class path, with its data kept in {@code dir} so that a restart finds the replicas'
 * metadata again (ClickHouse 18.16 cannot restore replicas from an empty ZooKeeper: its tables would stay read-only).
 * Ready when its {@code srvr} command answers {@code Mode: standalone}.
 */
public final class LocalZooKeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalZooKeeper.class);

    private final Process process;
    private final int port;
    private final Path dir;

    private LocalZooKeeper(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** host:port, as ClickHouse's {@code <zookeeper>} section and clients name it. */
    public String connect() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public static LocalZooKeeper start(Path dir) throws IOException, InterruptedException {
        return start(dir, FreePorts.next());
    }

    /** Starts the server of a data directory on a given port (to restart it after {@link #kill}). */
    public static LocalZooKeeper start(Path dir, int port) throws IOException, InterruptedException {
        Path abs = dir.toAbsolutePath();
        Files.createDirectories(abs.resolve("data"));
        Files.writeString(
                abs.resolve("zoo.cfg"),
                String.join(
                        "\n",
                        "tickTime=2000",
                        "dataDir=" + abs.resolve("data"),
                        "clientPort=" + port,
                        "clientPortAddress=127.0.0.1",
                        "maxClientCnxns=0",
                        // no admin server (it would want :8080), and only the two four-letter words readiness needs
                        "admin.enableServer=false",
                        "4lw.commands.whitelist=srvr,ruok",
                        ""));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(
                        java.toString(),
                        "-Xmx128m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.apache.zookeeper.server.ZooKeeperServerMain",
                        abs.resolve("zoo.cfg").toString()))
                .directory(abs.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        abs.resolve("zookeeper.log").toFile()))
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "zookeeper-stop"));
        LocalZooKeeper zk = new LocalZooKeeper(p, port, dir);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!zk.serving()) {
            if (!p.isAlive()) {
                throw new IllegalStateException(
                        "ZooKeeper exited with " + p.exitValue() + "; see " + abs.resolve("zookeeper.log"));
            }
            if (Instant.now().isAfter(deadline)) {
                p.destroyForcibly();
                throw new IllegalStateException(
                        "ZooKeeper did not serve within 60 s; see " + abs.resolve("zookeeper.log"));
            }
            Thread.sleep(100);
        }
        LOG.debug("ZooKeeper up at {}", zk.connect());
        return zk;
    }

    /** True when the server answers {@code srvr} as a serving standalone server (an open port is not enough). */
    public boolean serving() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).contains("Mode: standalone");
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills the server at once (SIGKILL); its data directory stays for {@link #restart}. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Starts the server again on its port and data. */
    public LocalZooKeeper restart() throws IOException, InterruptedException {
        return start(dir, port);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
