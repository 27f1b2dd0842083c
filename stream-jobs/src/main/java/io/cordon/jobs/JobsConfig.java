package io.cordon.jobs;

import io.cordon.schemas.EnvVars;
import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/** Settings of the Flink jobs, read from the environment (docs/OPERATIONS.md, "Configuration"). */
public record JobsConfig(
        String kafkaBootstrap,
        String clickhouseUrl,
        String clickhouseDatabase,
        double feverThresholdC,
        Duration revisitWindow,
        Duration checkpointInterval,
        ZoneId timezone,
        Duration correctionWindow)
        implements Serializable {

    public static JobsConfig fromEnv(Map<String, String> environment) {
        EnvVars env = new EnvVars(environment);
        return new JobsConfig(
                env.required("CORDON_KAFKA_BOOTSTRAP"),
                env.required("CORDON_CLICKHOUSE_URL"),
                env.string("CORDON_CLICKHOUSE_DATABASE", "default"),
                env.number("CORDON_FEVER_THRESHOLD_C", 37.3, 30, 45),
                env.duration("CORDON_REVISIT_WINDOW", Duration.ofHours(6)),
                env.duration("CORDON_CHECKPOINT_INTERVAL", Duration.ofSeconds(10)),
                env.zone("CORDON_TIMEZONE", "Asia/Shanghai"),
                env.duration("CORDON_CORRECTION_WINDOW", Duration.ofDays(30)));
    }
}
