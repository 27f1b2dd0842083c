package io.cordon.stack;

import io.cordon.jobs.CordonJobs;
import io.cordon.jobs.JobsConfig;
import io.cordon.jobs.StateSettings;
import io.cordon.testkit.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cordon jobs on a Flink MiniCluster in this JVM, with exactly-once checkpoints kept in {@code dir} after a
 * stop: the next start resumes from the latest one, so nothing is lost or counted twice across restarts.
 */
public final class LocalFlink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFlink.class);

    private final JobClient job;
    private final String restoredFrom;
    private final int restPort;

    private LocalFlink(JobClient job, String restoredFrom, int restPort) {
        this.job = job;
        this.restoredFrom = restoredFrom;
        this.restPort = restPort;
    }

    /** The MiniCluster's REST API (Flink's monitoring endpoints: checkpoints, state sizes), on loopback. */
    public String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    public JobClient job() {
        return job;
    }

    /** The checkpoint the job resumed from, or null for a fresh start. */
    public String restoredFrom() {
        return restoredFrom;
    }

    public static LocalFlink start(Path dir, JobsConfig config) throws Exception {
        return start(dir, config, true);
    }

    /**
     * Starts the jobs; with {@code resume} false, checkpoints of earlier runs are discarded (they hold offsets of an
     * event log that no longer exists, for instance after the local Kafka's data was deleted).
     */
    public static LocalFlink start(Path dir, JobsConfig config, boolean resume) throws Exception {
        Path checkpoints = dir.toAbsolutePath().resolve("checkpoints");
        if (!resume) {
            Directories.deleteTree(checkpoints);
        }
        Files.createDirectories(checkpoints);
        // Flink's working files (each RocksDB instance's local files, blobs) under the stack's directory rather than
        // /tmp, emptied at every start: a killed stack's are not left behind where nothing would ever delete them
        Path workingFiles = dir.toAbsolutePath().resolve("flink-tmp");
        Directories.deleteTree(workingFiles);
        Files.createDirectories(workingFiles);
        Configuration conf = new Configuration();
        conf.set(CoreOptions.TMP_DIRS, workingFiles.toString());
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        int restPort = FreePorts.next();
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, String.valueOf(restPort));
        // a job that failed (ClickHouse or Kafka away) restarts for ever, at most 10 s apart, so it is back soon after
        // them
        conf.setString("restart-strategy.type", "exponential-delay");
        conf.setString("restart-strategy.exponential-delay.initial-backoff", "1 s");
        conf.setString("restart-strategy.exponential-delay.max-backoff", "10 s");
        conf.setString("restart-strategy.exponential-delay.attempts-before-reset-backoff", "2147483647");
        // state lives on disk in RocksDB, and each checkpoint uploads only what changed since the last one
        conf.addAll(StateSettings.configuration());
        if (Boolean.getBoolean("cordon.flink.state-metrics")) {
            // for the benches only (CityBench's state stage): RocksDB's own estimates of the keys and live bytes of
            // each state, beside the files a checkpoint refers to (which hold deleted entries until compaction)
            conf.setString("state.backend.rocksdb.metrics.estimate-num-keys", "true");
            conf.setString("state.backend.rocksdb.metrics.estimate-live-data-size", "true");
        }
        // RocksDB's block cache and write buffers come from managed memory: with a city's households the keyed
        // state does not fit a small cache, and every cache miss is a read from disk
        conf.set(
                TaskManagerOptions.MANAGED_MEMORY_SIZE,
                MemorySize.parse(System.getenv().getOrDefault("CORDON_FLINK_MANAGED_MEMORY", "512m")));
        Optional<Path> latest = latestCheckpoint(checkpoints);
        latest.ifPresent(
                p -> conf.set(StateRecoveryOptions.SAVEPOINT_PATH, p.toUri().toString()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(conf);
        CordonJobs.define(env, config);
        JobClient client = env.executeAsync(CordonJobs.JOB_NAME);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (client.getJobStatus().get() != JobStatus.RUNNING) {
            JobStatus s = client.getJobStatus().get();
            if (s.isGloballyTerminalState() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the Flink job did not start (status " + s + ")");
            }
            Thread.sleep(100);
        }
        LOG.debug("Flink job {} running", client.getJobID());
        return new LocalFlink(client, latest.map(Path::toString).orElse(null), restPort);
    }

    /** The most recent completed checkpoint under {@code checkpoints}, of any earlier run. */
    public static Optional<Path> latestCheckpoint(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(checkpoints, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .filter(p -> p.getParent().getFileName().toString().startsWith("chk-"))
                    .max(Comparator.comparingLong(LocalFlink::modified))
                    .map(Path::getParent);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Cancels the job; its last completed checkpoint is kept for the next start. */
    @Override
    public void close() throws Exception {
        try {
            job.cancel().get();
        } catch (Exception e) {
            LOG.warn("cancelling the Flink job failed: {}", e.getMessage());
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (job.getJobStatus().get().isGloballyTerminalState()) {
                    return;
                }
            } catch (Exception e) {
                return; // the job's MiniCluster shuts down with the job: it is gone
            }
            Thread.sleep(100);
        }
    }
}
