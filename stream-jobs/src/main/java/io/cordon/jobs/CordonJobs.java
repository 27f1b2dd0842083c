package io.cordon.jobs;

import io.cordon.jobs.checkpoints.CheckpointCountsJob;
import io.cordon.jobs.registry.RegistryJob;
import io.cordon.jobs.screening.ScreeningJob;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Entry point of the job jar on a Flink cluster: all Cordon jobs in one Flink job, configured from the environment. */
public final class CordonJobs {

    public static final String JOB_NAME = "cordon-stream-jobs";

    private CordonJobs() {
    }

    /** Adds every Cordon workflow, with exactly-once checkpoints, to an environment. */
    public static StreamExecutionEnvironment define(StreamExecutionEnvironment env, JobsConfig config) {
        env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        RegistryJob.addTo(env, config);
        CheckpointCountsJob.addTo(env, config);
        ScreeningJob.addTo(env, config);
        return env;
    }

    public static void main(String[] args) throws Exception {
        JobsConfig config = JobsConfig.fromEnv(System.getenv());
        define(StreamExecutionEnvironment.getExecutionEnvironment(), config).execute(JOB_NAME);
    }
}
