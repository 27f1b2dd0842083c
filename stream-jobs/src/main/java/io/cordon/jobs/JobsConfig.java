package io.cordon.jobs;

import java.io.Serializable;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Settings of the Flink jobs, read from the environment (README, "Configuration"). */
public record JobsConfig(
        String kafkaBootstrap,
        String clickhouseUrl,
        String clickhouseDatabase,
        double feverThresholdC,
        Duration revisitWindow,
        Duration checkpointInterval) implements Serializable {

    public static JobsConfig fromEnv(Map<String, String> env) {
        return new JobsConfig(
                required(env, "CORDON_KAFKA_BOOTSTRAP"),
                required(env, "CORDON_CLICKHOUSE_URL"),
                env.getOrDefault("CORDON_CLICKHOUSE_DATABASE", "default"),
                feverThreshold(env),
                duration(env, "CORDON_REVISIT_WINDOW", Duration.ofHours(6)),
                duration(env, "CORDON_CHECKPOINT_INTERVAL", Duration.ofSeconds(10)));
    }

    static double feverThreshold(Map<String, String> env) {
        String v = env.get("CORDON_FEVER_THRESHOLD_C");
        if (v == null || v.isBlank()) {
            return 37.3;
        }
        try {
            double t = Double.parseDouble(v.strip());
            if (t < 30 || t > 45) {
                throw new NumberFormatException();
            }
            return t;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CORDON_FEVER_THRESHOLD_C must be a temperature between 30 and 45, got '" + v + "'");
        }
    }

    static Duration duration(Map<String, String> env, String name, Duration dflt) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            Duration d = Duration.parse(v.strip());
            if (d.isNegative() || d.isZero()) {
                throw new DateTimeParseException("not positive", v, 0);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a positive ISO-8601 duration such as PT6H, got '" + v + "'");
        }
    }

    static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is required and not set");
        }
        return v.strip();
    }
}
