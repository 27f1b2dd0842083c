package io.cordon.stack;

import io.cordon.dashboard.DashboardMain;
import io.cordon.ingest.IngestMain;
import io.cordon.jobs.JobsConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./cordon run ingest|dashboard|jobs}: one component alone, in its own process, against existing servers
 * ({@code CORDON_KAFKA_BOOTSTRAP}, {@code CORDON_CLICKHOUSE_URL}), as on a cluster: several ingest processes behind one
 * address, the dashboard on another machine, the jobs on a MiniCluster of their own (or the job jar on a Flink cluster).
 */
public final class ComponentMain {

    private static final Logger CONSOLE = LoggerFactory.getLogger("cordon");

    private ComponentMain() {}

    public static void main(String[] args) throws Exception {
        String component = args.length == 0 ? "" : args[0];
        switch (component) {
            case "ingest" -> IngestMain.main(new String[0]);
            case "dashboard" -> DashboardMain.main(new String[0]);
            case "jobs" -> jobs(System.getenv());
            default -> {
                CONSOLE.error(
                        "usage: cordon run ingest|dashboard|jobs (with CORDON_KAFKA_BOOTSTRAP and CORDON_CLICKHOUSE_URL)");
                System.exit(2);
            }
        }
    }

    private static void jobs(Map<String, String> env) throws Exception {
        JobsConfig config = JobsConfig.fromEnv(env);
        config.clickHouse().applySchema();
        Path dir = Path.of(env.getOrDefault("CORDON_DATA_DIR", ".cordon"))
                .toAbsolutePath()
                .resolve("flink");
        LocalFlink flink = LocalFlink.start(dir, config);
        CONSOLE.info(
                "jobs running on a MiniCluster{}; checkpoints in {}",
                flink.restoredFrom() == null ? "" : " (resumed from " + flink.restoredFrom() + ")",
                dir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                flink.close();
                            } catch (Exception e) {
                                CONSOLE.warn("stopping the jobs: {}", e.getMessage());
                            }
                            stopped.countDown();
                        },
                        "cordon-jobs-shutdown"));
        stopped.await();
    }
}
