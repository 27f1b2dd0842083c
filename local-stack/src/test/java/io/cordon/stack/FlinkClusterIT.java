package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.jobs.StateSettings;
import io.cordon.schemas.EventTimes;
import io.cordon.schemas.Json;
import io.cordon.testkit.ChildJvm;
import io.cordon.testkit.FreePorts;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar that compose deploys, on a real Flink cluster of separate processes: a JobManager
 * ({@code StandaloneSessionClusterEntrypoint}) and a TaskManager ({@code TaskManagerRunner}) started from Flink's own
 * entrypoints, RocksDB with incremental checkpoints. The jar is submitted over REST while arrivals flow; the TaskManager
 * is killed once mid-stream and a new one started; the job comes back from its checkpoint and every figure is exact.
 */
class FlinkClusterIT {

    @TempDir
    Path dir;

    @Test
    void theJobJarSurvivesALostTaskManagerWithEveryFigureExact() throws Exception {
        Path jar = Path.of("..", "stream-jobs", "target", "stream-jobs-0.1.0-SNAPSHOT-job.jar")
                .toAbsolutePath()
                .normalize();
        assertThat(jar).exists();
        List<Process> processes = new ArrayList<>();
        try (TestStack stack = TestStack.start(dir.resolve("stack"), Map.of("CORDON_LOCAL_JOBS", "false"))) {
            int restPort = FreePorts.next();
            Path conf = writeConfig(dir.resolve("flink-conf"), restPort, FreePorts.next(), dir.resolve("checkpoints"));
            processes.add(start(
                    conf,
                    "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                    "jobmanager",
                    "-Xmx512m"));
            processes.add(start(
                    conf,
                    "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                    "taskmanager-1",
                    taskManagerJvm()));

            Configuration client = new Configuration();
            client.set(RestOptions.ADDRESS, "127.0.0.1");
            client.set(RestOptions.PORT, restPort);
            // the test JVM has the job's classes and libraries already: load them once, not again from the jar
            client.set(CoreOptions.CLASSLOADER_RESOLVE_ORDER, "parent-first");
            Map<String, String> env = stack.stack.env();
            PackagedProgram program = PackagedProgram.newBuilder()
                    .setJarFile(jar.toFile())
                    .setEntryPointClassName("io.cordon.jobs.CordonJobs")
                    .setConfiguration(client)
                    .setArguments(
                            "CORDON_KAFKA_BOOTSTRAP=" + env.get("CORDON_KAFKA_BOOTSTRAP"),
                            "CORDON_CLICKHOUSE_URL=" + env.get("CORDON_CLICKHOUSE_URL"),
                            "CORDON_CHECKPOINT_INTERVAL=PT2S",
                            "CORDON_TIMEZONE=Asia/Shanghai")
                    .build();
            JobGraph graph = PackagedProgramUtils.createJobGraph(program, client, 2, false);
            JobID job;
            try (RestClusterClient<StandaloneClusterId> rest =
                    new RestClusterClient<>(client, StandaloneClusterId.getInstance())) {
                TestStack.eventually(
                        Duration.ofSeconds(60),
                        () -> {
                            try {
                                return rest.listJobs().get() != null;
                            } catch (Exception e) {
                                return false;
                            }
                        },
                        () -> "the JobManager's REST endpoint never answered");
                job = rest.submitJob(graph).get();
                JobID submitted = job;
                TestStack.eventually(
                        Duration.ofSeconds(60),
                        () -> {
                            try {
                                return rest.getJobStatus(submitted).get() == JobStatus.RUNNING;
                            } catch (Exception e) {
                                return false;
                            }
                        },
                        () -> "the submitted job never ran");

                assertThat(stack.putCheckpoints(
                                        "checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                                                + "FC-1,集群站,highway,上海,上海,浦东新区,,,\n")
                                .statusCode())
                        .isEqualTo(200);
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicInteger acknowledged = new AtomicInteger();
                Thread load = new Thread(
                        () -> {
                            int n = 0;
                            while (running.get()) {
                                try {
                                    HttpResponse<String> r = stack.postArrivals(batch(n));
                                    if (r.statusCode() == 202) {
                                        acknowledged.addAndGet(20);
                                        n++;
                                    }
                                    Thread.sleep(50);
                                } catch (Exception e) {
                                    // posted again with the same ids
                                }
                            }
                        },
                        "load");
                load.start();
                // two checkpoints complete with the load on: the job has something to come back from
                String checkpointsUrl = "http://127.0.0.1:" + restPort + "/jobs/" + submitted + "/checkpoints";
                TestStack.eventually(
                        Duration.ofSeconds(60),
                        () -> {
                            try {
                                return Json.MAPPER
                                                .readTree(stack.send("GET", checkpointsUrl, null, null, null)
                                                        .body())
                                                .path("counts")
                                                .path("completed")
                                                .asInt()
                                        >= 2;
                            } catch (Exception e) {
                                return false;
                            }
                        },
                        () -> "no two checkpoints completed");
                processes.get(1).destroyForcibly().waitFor();
                Thread.sleep(1000);
                processes.add(start(
                        conf,
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                        "taskmanager-2",
                        taskManagerJvm()));
                Thread.sleep(3000);
                running.set(false);
                load.join(30_000);
                int expected = acknowledged.get();
                assertThat(expected).isGreaterThan(100);
                TestStack.eventually(
                        Duration.ofSeconds(120),
                        () -> {
                            try {
                                JsonNode t = stack.getJson("/api/v1/tiles?scope=checkpoint:FC-1")
                                        .get("tiles");
                                return t.get("registered_persons")
                                                        .get("cumulative")
                                                        .asLong()
                                                == 2L * expected
                                        && t.get("abnormal_temperatures")
                                                        .get("today")
                                                        .asLong()
                                                == expected / 20;
                            } catch (Exception e) {
                                return false;
                            }
                        },
                        () -> expected + " arrivals should be counted once each after the TaskManager was lost");
                // the job did come back from a checkpoint (not from the start of the log)
                HttpResponse<String> checkpoints = stack.send("GET", checkpointsUrl, null, null, null);
                JsonNode restored =
                        Json.MAPPER.readTree(checkpoints.body()).path("latest").path("restored");
                assertThat(restored.path("id").asLong()).as(checkpoints.body()).isPositive();
                rest.cancel(submitted).get();
            }
        } finally {
            for (Process p : processes) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    private static String[] taskManagerJvm() {
        return new String[] {"-Xmx384m", "-XX:MaxDirectMemorySize=256m", "-XX:MaxMetaspaceSize=256m"};
    }

    private Process start(Path conf, String mainClass, String name, String... jvm) throws Exception {
        List<String> command = ChildJvm.command(jvm);
        command.addAll(
                List.of("-cp", System.getProperty("java.class.path"), mainClass, "--configDir", conf.toString()));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        return pb.start();
    }

    private static Path writeConfig(Path confDir, int restPort, int rpcPort, Path checkpoints) throws Exception {
        Files.createDirectories(confDir);
        String yaml = String.join(
                "\n",
                "jobmanager.rpc.address: 127.0.0.1",
                "jobmanager.rpc.port: " + rpcPort,
                "jobmanager.bind-host: 127.0.0.1",
                "jobmanager.memory.process.size: 1g",
                "rest.address: 127.0.0.1",
                "rest.bind-address: 127.0.0.1",
                "rest.port: " + restPort,
                "taskmanager.host: 127.0.0.1",
                "taskmanager.bind-host: 127.0.0.1",
                "taskmanager.numberOfTaskSlots: 2",
                "parallelism.default: 2",
                "taskmanager.cpu.cores: 2",
                "taskmanager.memory.task.heap.size: 256m",
                "taskmanager.memory.task.off-heap.size: 0m",
                "taskmanager.memory.framework.heap.size: 128m",
                "taskmanager.memory.framework.off-heap.size: 128m",
                "taskmanager.memory.managed.size: 256m",
                "taskmanager.memory.network.min: 64m",
                "taskmanager.memory.network.max: 64m",
                "taskmanager.memory.jvm-metaspace.size: 256m",
                "taskmanager.memory.jvm-overhead.min: 192m",
                "taskmanager.memory.jvm-overhead.max: 192m",
                "execution.checkpointing.dir: " + checkpoints.toUri(),
                // the processes' working directories (tm_*, blobs, local state) inside the test's own, deleted with it
                "io.tmp.dirs: " + confDir.resolveSibling("flink-tmp"),
                "restart-strategy.type: fixed-delay",
                "restart-strategy.fixed-delay.attempts: 1000",
                "restart-strategy.fixed-delay.delay: 1 s",
                "heartbeat.interval: 1000",
                "heartbeat.timeout: 5000",
                "classloader.resolve-order: parent-first",
                "");
        // the state settings every deployment uses (RocksDB, incremental checkpoints, its log bounded)
        StringBuilder state = new StringBuilder();
        StateSettings.ROCKSDB.forEach(
                (k, v) -> state.append(k).append(": ").append(v).append('\n'));
        Files.writeString(confDir.resolve("config.yaml"), yaml + state);
        return confDir;
    }

    private static String batch(int n) {
        String at = EventTimes.format(Instant.now().minusSeconds(5), ZoneId.of("Asia/Shanghai"));
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < 20; i++) {
            b.append(i == 0 ? "" : ",")
                    .append("{\"event_id\":\"fc-")
                    .append(n)
                    .append('-')
                    .append(i)
                    .append("\",\"checkpoint_id\":\"FC-1\",\"occurred_at\":\"")
                    .append(at)
                    .append("\",\"direction\":\"in\",")
                    .append("\"persons\":[{\"temperature_c\":")
                    .append(i == 0 ? "38.2" : "36.5")
                    .append("},{\"temperature_c\":36.6}],")
                    .append("\"decision\":\"admitted\"}");
        }
        return b.append(']').toString();
    }
}
