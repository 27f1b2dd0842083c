package io.cordon.jobs;

import io.cordon.schemas.EnvVars;
import io.cordon.schemas.OperationRules;
import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/** Settings of the Flink jobs, read from the environment (docs/OPERATIONS.md, "Configuration"). */
public record JobsConfig(
        String kafkaBootstrap,
        String clickhouseUrl,
        String clickhouseDatabase,
        OperationRules rules,
        Duration checkpointInterval)
        implements Serializable {

    public static JobsConfig fromEnv(Map<String, String> environment) {
        EnvVars env = new EnvVars(environment);
        return new JobsConfig(
                env.required("CORDON_KAFKA_BOOTSTRAP"),
                env.required("CORDON_CLICKHOUSE_URL"),
                env.string("CORDON_CLICKHOUSE_DATABASE", "default"),
                OperationRules.fromEnv(environment),
                env.duration("CORDON_CHECKPOINT_INTERVAL", Duration.ofSeconds(10)));
    }

    public double feverThresholdC() {
        return rules.feverThresholdC();
    }

    public Duration revisitWindow() {
        return rules.revisitWindow();
    }

    /** The operation's time zone (the rules'). */
    public ZoneId timezone() {
        return rules.zone();
    }

    public Duration correctionWindow() {
        return rules.correctionWindow();
    }
}
