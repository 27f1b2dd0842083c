package io.cordon.ingest;

import io.cordon.schemas.EnvVars;
import io.cordon.schemas.Topics;
import java.util.List;
import java.util.Map;

/**
 * Ingest's settings, read from the environment (README, "Configuration").
 *
 * @param devTokenOnly true when CORDON_INGEST_TOKENS was unset and only {@code dev-token} is accepted
 */
public record IngestConfig(
        int port,
        String kafkaBootstrap,
        String clickhouseUrl,
        String clickhouseDatabase,
        List<String> tokens,
        boolean devTokenOnly,
        String idHashKey,
        long maxBodyBytes,
        Topics.Settings topics) {

    public static final String DEV_TOKEN = "dev-token";
    public static final String DEV_HASH_KEY = "cordon-dev-hash-key";

    public static IngestConfig fromEnv(Map<String, String> environment) {
        EnvVars env = new EnvVars(environment);
        boolean unset = env.string("CORDON_INGEST_TOKENS", null) == null;
        List<String> tokens = unset ? List.of(DEV_TOKEN) : env.list("CORDON_INGEST_TOKENS");
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("CORDON_INGEST_TOKENS holds no token: give a comma-separated list");
        }
        return new IngestConfig(
                env.port("CORDON_INGEST_PORT", 8081),
                env.required("CORDON_KAFKA_BOOTSTRAP"),
                env.required("CORDON_CLICKHOUSE_URL"),
                env.string("CORDON_CLICKHOUSE_DATABASE", "default"),
                tokens,
                unset,
                env.string("CORDON_ID_HASH_KEY", DEV_HASH_KEY),
                env.positiveLong("CORDON_INGEST_MAX_BODY_BYTES", 16L * 1024 * 1024),
                Topics.Settings.fromEnv(environment));
    }
}
