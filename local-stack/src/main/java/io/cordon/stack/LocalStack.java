package io.cordon.stack;

import io.cordon.dashboard.DashboardConfig;
import io.cordon.dashboard.DashboardVerticle;
import io.cordon.ingest.EventLog;
import io.cordon.ingest.IngestConfig;
import io.cordon.ingest.IngestVerticle;
import io.cordon.jobs.JobsConfig;
import io.cordon.schemas.EnvVars;
import io.cordon.schemas.OperationRules;
import io.cordon.schemas.Topics;
import io.cordon.schemas.clickhouse.ClickHouseAccess;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.ClickHouseSchema;
import io.cordon.testkit.LocalClickHouse;
import io.cordon.testkit.LocalKafka;
import io.cordon.testkit.LocalKafkaCluster;
import io.cordon.testkit.LocalZooKeeper;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole Cordon stack in one process: a private ClickHouse (or {@code CORDON_CLICKHOUSE_URL}), a KRaft Kafka
 * broker (or {@code CORDON_KAFKA_BOOTSTRAP}), the Flink jobs on a MiniCluster, ingest and the dashboard. Every
 * service reads its settings from the same environment map, so the stack runs exactly what a deployment runs.
 * Closing stops everything in reverse order; data stays in the data directory.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, String> env;
    private Vertx vertx;
    private IngestVerticle ingest;
    private DashboardVerticle dashboard;
    private LocalFlink flink;
    private LocalClickHouse localClickHouse;
    private LocalZooKeeper zooKeeper;
    private final List<LocalClickHouse> replicas = new ArrayList<>();
    private String dashboardDeployment;
    private int dashboardPort;

    private LocalStack(Map<String, String> env) {
        this.env = env;
    }

    /** The environment every service of this stack was configured from (with the servers it started filled in). */
    /**
     * The ID hash key of a data directory without CORDON_ID_HASH_KEY (a demo, the tests): random, made once and kept
     * (readable by its owner only) so that a restart hashes the same ID the same way.
     */
    static String generatedHashKey(Path dataDir) throws IOException {
        Path file = dataDir.resolve("id-hash-key");
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path tmp = dataDir.resolve("id-hash-key.tmp");
            Files.writeString(tmp, HexFormat.of().formatHex(key));
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data directory's own permissions protect it
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        }
        return Files.readString(file).strip();
    }

    public Map<String, String> env() {
        return env;
    }

    public String ingestUrl() {
        return "http://127.0.0.1:" + ingest.port();
    }

    public String dashboardUrl() {
        return "http://127.0.0.1:" + dashboard.port();
    }

    public ClickHouseHttp clickHouse() {
        return ClickHouseAccess.fromEnv(env).client();
    }

    public LocalFlink flink() {
        return flink;
    }

    /** The private ClickHouse server (null when CORDON_CLICKHOUSE_URL named another), for fault tests. */
    public LocalClickHouse localClickHouse() {
        return localClickHouse;
    }

    /** Kills the private ClickHouse (SIGKILL), for fault tests; {@link #restartClickHouse} brings it back. */
    public void killClickHouse() throws InterruptedException {
        localClickHouse.kill();
    }

    /** The private replicas (CORDON_CLICKHOUSE_REPLICAS above 1), in the order of CORDON_CLICKHOUSE_URL. */
    public List<LocalClickHouse> clickHouseReplicas() {
        return List.copyOf(replicas);
    }

    /** Kills replica {@code index} (SIGKILL), for fault tests; {@link #restartReplica} brings it back. */
    public void killReplica(int index) throws InterruptedException {
        replicas.get(index).kill();
    }

    /** Starts replica {@code index} again on its ports and data, after {@link #killReplica}. */
    public void restartReplica(int index) throws Exception {
        replicas.set(index, replicas.get(index).restart());
    }

    /** Kills the private ZooKeeper (SIGKILL); its data stays for {@link #restartZooKeeper}. */
    public void killZooKeeper() throws InterruptedException {
        zooKeeper.kill();
    }

    /** Starts the private ZooKeeper again on its port and data, after {@link #killZooKeeper}. */
    public void restartZooKeeper() throws Exception {
        zooKeeper = zooKeeper.restart();
    }

    /** Starts the private ClickHouse again on its ports and data, after {@link #killClickHouse}. */
    public void restartClickHouse() throws Exception {
        started.remove(localClickHouse);
        localClickHouse = localClickHouse.restart();
        started.push(localClickHouse);
    }

    /**
     * Starts the stack.
     *
     * @param environment the process environment (CORDON_* variables)
     * @param dataDir where the local servers keep their data
     * @param progress told one line per component as it becomes ready
     */
    public static LocalStack start(Map<String, String> environment, Path dataDir, Consumer<String> progress)
            throws Exception {
        LocalStack stack = new LocalStack(new HashMap<>(environment));
        try {
            stack.startAll(dataDir, progress);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Path dataDir, Consumer<String> progress) throws Exception {
        Files.createDirectories(dataDir);
        FileChannel lockFile =
                FileChannel.open(dataDir.resolve("cordon.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.tryLock();
        if (lock == null) {
            lockFile.close();
            throw new IllegalStateException("another Cordon stack is running with the data directory " + dataDir
                    + "; stop it first, or set CORDON_DATA_DIR to another directory");
        }
        started.push(() -> {
            lock.release();
            lockFile.close();
        });
        if (blank(env.get("CORDON_ID_HASH_KEY"))) {
            env.put("CORDON_ID_HASH_KEY", generatedHashKey(dataDir));
            progress.accept("id hash     local  CORDON_ID_HASH_KEY not set: using the key generated in "
                    + dataDir.resolve("id-hash-key"));
        }
        // one local broker starts beside ClickHouse (a second or so less for every start of the stack)
        int brokers = (int) new EnvVars(env).positiveLong("CORDON_KAFKA_BROKERS", 1);
        CompletableFuture<LocalKafka> broker = blank(env.get("CORDON_KAFKA_BOOTSTRAP")) && brokers == 1
                ? beside("kafka", () -> LocalKafka.start(dataDir.resolve("kafka")))
                : null;
        try {
            startClickHouse(dataDir, progress);
        } finally {
            if (broker != null) {
                started.push(joined(broker));
            }
        }
        startKafkaAndServices(dataDir, progress, brokers, broker == null ? null : broker.join());
    }

    /** Starts something on a thread of its own, beside the rest of the start (never on a shared pool). */
    private static <T> CompletableFuture<T> beside(String what, Callable<T> start) {
        CompletableFuture<T> done = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try {
                        done.complete(start.call());
                    } catch (Throwable e) {
                        done.completeExceptionally(e);
                    }
                },
                "cordon-start-" + what);
        t.setDaemon(true);
        t.start();
        return done;
    }

    /** A start run beside this one: its result once done, or its failure as thrown. */
    private static <T> T joined(CompletableFuture<T> start) throws Exception {
        try {
            return start.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private void startClickHouse(Path dataDir, Consumer<String> progress) throws Exception {
        int replicaCount = (int) new EnvVars(env).positiveLong("CORDON_CLICKHOUSE_REPLICAS", 1);
        if (blank(env.get("CORDON_CLICKHOUSE_URL")) && replicaCount > 1) {
            zooKeeper = LocalZooKeeper.start(dataDir.resolve("zookeeper"));
            started.push(() -> zooKeeper.close());
            progress.accept("zookeeper   ready  " + zooKeeper.connect() + " (standalone, data in "
                    + dataDir.resolve("zookeeper") + ")");
            env.putIfAbsent("CORDON_CLICKHOUSE_CLUSTER", "cordon");
            replicas.addAll(LocalClickHouse.startReplicas(
                    dataDir.resolve("clickhouse-replicas"),
                    replicaCount,
                    zooKeeper,
                    env.get("CORDON_CLICKHOUSE_CLUSTER")));
            started.push(() -> replicas.forEach(LocalClickHouse::close));
            env.put(
                    "CORDON_CLICKHOUSE_URL",
                    String.join(",", replicas.stream().map(LocalClickHouse::url).toList()));
            progress.accept("clickhouse  ready  " + env.get("CORDON_CLICKHOUSE_URL") + " (" + replicaCount
                    + " replicas of the cluster " + env.get("CORDON_CLICKHOUSE_CLUSTER") + ", data in "
                    + dataDir.resolve("clickhouse-replicas") + ")");
        } else if (blank(env.get("CORDON_CLICKHOUSE_URL"))) {
            LocalClickHouse ch = LocalClickHouse.start(dataDir.resolve("clickhouse"));
            started.push(ch);
            localClickHouse = ch;
            env.put("CORDON_CLICKHOUSE_URL", ch.url());
            progress.accept("clickhouse  ready  " + ch.url() + " (private server, data in "
                    + dataDir.resolve("clickhouse") + ")");
        } else {
            progress.accept("clickhouse  using  " + env.get("CORDON_CLICKHOUSE_URL"));
        }
        ClickHouseAccess.fromEnv(env).applySchema();
        progress.accept(
                "clickhouse  schema applied (" + ClickHouseSchema.files().size() + " DDL files)");
    }

    private void startKafkaAndServices(Path dataDir, Consumer<String> progress, int brokers, LocalKafka kafka)
            throws Exception {
        boolean resume = true;
        if (blank(env.get("CORDON_KAFKA_BOOTSTRAP")) && brokers > 1) {
            // as compose runs it: every topic on every broker, a write acknowledged by all but one
            resume = Files.exists(dataDir.resolve("kafka-cluster").resolve("cluster-id"));
            LocalKafkaCluster cluster = LocalKafkaCluster.start(dataDir.resolve("kafka-cluster"), brokers);
            started.push(cluster);
            env.put("CORDON_KAFKA_BOOTSTRAP", cluster.bootstrap());
            env.putIfAbsent("CORDON_KAFKA_REPLICATION", String.valueOf(brokers));
            env.putIfAbsent("CORDON_KAFKA_MIN_INSYNC_REPLICAS", String.valueOf(brokers - 1));
            progress.accept("kafka       ready  " + cluster.bootstrap() + " (" + brokers + " KRaft nodes, data in "
                    + dataDir.resolve("kafka-cluster") + ")");
        } else if (kafka != null) {
            resume = !kafka.freshlyFormatted();
            env.put("CORDON_KAFKA_BOOTSTRAP", kafka.bootstrap());
            progress.accept("kafka       ready  " + kafka.bootstrap() + " (KRaft broker, data in "
                    + dataDir.resolve("kafka") + ")");
        } else {
            progress.accept("kafka       using  " + env.get("CORDON_KAFKA_BOOTSTRAP"));
        }
        EventLog.ensureTopics(
                env.get("CORDON_KAFKA_BOOTSTRAP"),
                Topics.Settings.fromEnv(env),
                OperationRules.fromEnv(env).correctionWindow());

        // the jobs start on their MiniCluster while ingest and the dashboard start beside them: none waits for another
        // (a few seconds less for every start of the stack, the tests' included)
        boolean resumeJobs = resume;
        CompletableFuture<LocalFlink> jobs = "false".equalsIgnoreCase(env.get("CORDON_LOCAL_JOBS"))
                ? CompletableFuture.completedFuture(null)
                : beside(
                        "flink", () -> LocalFlink.start(dataDir.resolve("flink"), JobsConfig.fromEnv(env), resumeJobs));
        try {
            startServices(progress);
        } finally {
            flink = joined(jobs);
            if (flink != null) {
                started.push(flink);
            }
        }
        if (flink == null) {
            progress.accept("flink       none   CORDON_LOCAL_JOBS=false: the jobs run elsewhere (a Flink cluster)");
        } else {
            progress.accept("flink       ready  jobs running on a MiniCluster"
                    + (flink.restoredFrom() == null
                            ? " (fresh start)"
                            : " (resumed from " + flink.restoredFrom() + ")"));
        }
        progress.accept("ingest      ready  " + ingestUrl());
        progress.accept("dashboard   ready  " + dashboardUrl());
    }

    private void startServices(Consumer<String> progress) {
        vertx = Vertx.vertx();
        started.push(() -> vertx.close().await());
        IngestConfig ingestConfig = IngestConfig.fromEnv(env);
        if (ingestConfig.tokens().devFeedToken()) {
            progress.accept(
                    "WARNING     CORDON_INGEST_TOKENS is not set: ingest accepts the development token 'dev-token'");
        }
        if (ingestConfig.tokens().adminFromFeed()) {
            progress.accept("WARNING     CORDON_ADMIN_TOKENS is not set: feed tokens also write the registries");
        }
        IngestVerticle.warnAboutTokens(ingestConfig.tokens());
        ingest = new IngestVerticle(ingestConfig);
        vertx.deployVerticle(ingest).await();
        startDashboard();
    }

    /** Stops the dashboard only (open walls lose their connection), for reconnect tests. */
    public void stopDashboard() {
        vertx.undeploy(dashboardDeployment).await();
    }

    /** Starts the dashboard, on the port it had before when it ran already. */
    public void startDashboard() {
        Map<String, String> dashboardEnv = new HashMap<>(env);
        if (dashboardPort != 0) {
            dashboardEnv.put("CORDON_DASHBOARD_PORT", String.valueOf(dashboardPort));
        }
        dashboard = new DashboardVerticle(DashboardConfig.fromEnv(dashboardEnv));
        dashboardDeployment = vertx.deployVerticle(dashboard).await();
        dashboardPort = dashboard.port();
    }

    /** Stops the Flink job only (its last checkpoint is kept), for restart tests. */
    public void stopJobs() throws Exception {
        started.remove(flink);
        flink.close();
    }

    /** Starts the Flink jobs again, resuming from their latest checkpoint in {@code dataDir}. */
    public void restartJobs(Path dataDir) throws Exception {
        flink = LocalFlink.start(dataDir.resolve("flink"), JobsConfig.fromEnv(env));
        started.push(flink);
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            long began = System.nanoTime();
            try {
                c.close();
                LOG.info("stopped {} in {} ms", c.getClass().getSimpleName(), (System.nanoTime() - began) / 1_000_000);
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", c.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
