package io.cordon.jobs;

import io.cordon.schemas.EnvVars;
import io.cordon.schemas.OperationRules;
import io.cordon.schemas.clickhouse.ClickHouseAccess;
import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/** Settings of the Flink jobs, read from the environment (docs/OPERATIONS.md, "Configuration"). */
public record JobsConfig(
        String kafkaBootstrap,
        ClickHouseAccess clickHouse,
        OperationRules rules,
        Duration checkpointInterval,
        Duration bufferTimeout)
        implements Serializable {

    public static JobsConfig fromEnv(Map<String, String> environment) {
        EnvVars env = new EnvVars(environment);
        return new JobsConfig(
                env.required("CORDON_KAFKA_BOOTSTRAP"),
                ClickHouseAccess.fromEnv(environment),
                OperationRules.fromEnv(environment),
                env.duration("CORDON_CHECKPOINT_INTERVAL", Duration.ofSeconds(10)),
                // how long a record may wait in a network buffer that is not full: Flink's default, 100 ms, is paid at
                // each of a record's keyed hops when the feeds are quiet (two for an arrival)
                env.duration("CORDON_BUFFER_TIMEOUT", Duration.ofMillis(25)));
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

    /** The ClickHouse servers, comma-separated. */
    public String clickhouseUrl() {
        return clickHouse.url();
    }

    public String clickhouseDatabase() {
        return clickHouse.database();
    }
}
