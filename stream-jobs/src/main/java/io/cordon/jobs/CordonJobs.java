package io.cordon.jobs;

import io.cordon.jobs.checkpoints.CheckpointCountsJob;
import io.cordon.jobs.keypersons.FollowUpJob;
import io.cordon.jobs.registry.RegistryJob;
import io.cordon.jobs.registry.RegistryRow;
import io.cordon.jobs.screening.ScreeningJob;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Entry point of the job jar on a Flink cluster: all Cordon jobs in one Flink job, configured from the environment. */
public final class CordonJobs {

    public static final String JOB_NAME = "cordon-stream-jobs";

    private CordonJobs() {}

    /** Adds every Cordon workflow, with exactly-once checkpoints, to an environment. */
    public static StreamExecutionEnvironment define(StreamExecutionEnvironment env, JobsConfig config) {
        env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        env.setBufferTimeout(config.bufferTimeout().toMillis());
        DataStream<RegistryRow> keyPersons = RegistryJob.addTo(env, config);
        CheckpointCountsJob.addTo(env, config);
        ScreeningJob.addTo(env, config);
        FollowUpJob.addTo(env, config, keyPersons);
        return env;
    }

    /**
     * Runs the jobs; arguments of the form {@code CORDON_X=value} override the environment (a job submitted to a
     * session cluster runs this main where the cluster chooses, with the cluster's environment).
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        for (String a : args) {
            int eq = a.indexOf('=');
            if (a.startsWith("CORDON_") && eq > 0) {
                env.put(a.substring(0, eq), a.substring(eq + 1));
            } else {
                throw new IllegalArgumentException("arguments are CORDON_NAME=value settings, got '" + a + "'");
            }
        }
        JobsConfig config = JobsConfig.fromEnv(env);
        define(StreamExecutionEnvironment.getExecutionEnvironment(), config).execute(JOB_NAME);
    }
}
