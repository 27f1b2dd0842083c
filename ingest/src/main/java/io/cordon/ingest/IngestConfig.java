package io.cordon.ingest;

import io.cordon.http.AccessTokens;
import io.cordon.schemas.EnvVars;
import io.cordon.schemas.Topics;
import java.util.Map;

/**
 * Ingest's settings, read from the environment (README, "Configuration").
 *
 * @param tokens the feed, admin and viewer tokens (API.md, "Tokens, roles and scopes"); ingest checks feed and admin ones
 */
public record IngestConfig(
        int port,
        String kafkaBootstrap,
        String clickhouseUrl,
        String clickhouseDatabase,
        AccessTokens tokens,
        String idHashKey,
        long maxBodyBytes,
        Topics.Settings topics) {

    public static final String DEV_TOKEN = AccessTokens.DEV_TOKEN;
    public static final String DEV_HASH_KEY = "cordon-dev-hash-key";

    public static IngestConfig fromEnv(Map<String, String> environment) {
        EnvVars env = new EnvVars(environment);
        AccessTokens tokens = AccessTokens.fromEnv(environment);
        return new IngestConfig(
                env.port("CORDON_INGEST_PORT", 8081),
                env.required("CORDON_KAFKA_BOOTSTRAP"),
                env.required("CORDON_CLICKHOUSE_URL"),
                env.string("CORDON_CLICKHOUSE_DATABASE", "default"),
                tokens,
                env.string("CORDON_ID_HASH_KEY", DEV_HASH_KEY),
                env.positiveLong("CORDON_INGEST_MAX_BODY_BYTES", 16L * 1024 * 1024),
                Topics.Settings.fromEnv(environment));
    }
}
