package io.cordon.ingest;

import io.cordon.http.AccessTokens;
import io.cordon.schemas.EnvVars;
import io.cordon.schemas.OperationRules;
import io.cordon.schemas.Topics;
import io.cordon.schemas.clickhouse.ClickHouseAccess;
import java.time.Duration;
import java.util.Map;

/**
 * Ingest's settings, read from the environment (docs/OPERATIONS.md, "Configuration").
 *
 * @param tokens the feed, admin and viewer tokens (API.md, "Tokens, roles and scopes"); ingest checks feed and admin ones
 */
public record IngestConfig(
        int port,
        String kafkaBootstrap,
        ClickHouseAccess clickHouse,
        AccessTokens tokens,
        String idHashKey,
        long maxBodyBytes,
        Topics.Settings topics,
        int feedRateLimit,
        OperationRules rules,
        Duration maxCountingLag) {

    public double feverThresholdC() {
        return rules.feverThresholdC();
    }

    public Duration correctionWindow() {
        return rules.correctionWindow();
    }

    public static final String DEV_TOKEN = AccessTokens.DEV_TOKEN;
    /** The key that earlier releases used when none was set: published in the source, so never accepted. */
    static final String PUBLISHED_HASH_KEY = "cordon-dev-hash-key";

    public static IngestConfig fromEnv(Map<String, String> environment) {
        EnvVars env = new EnvVars(environment);
        env.logFormat();
        AccessTokens tokens = AccessTokens.fromEnv(environment);
        return new IngestConfig(
                env.port("CORDON_INGEST_PORT", 8081),
                env.required("CORDON_KAFKA_BOOTSTRAP"),
                ClickHouseAccess.fromEnv(environment),
                tokens,
                hashKey(env.string("CORDON_ID_HASH_KEY", null)),
                env.positiveLong("CORDON_INGEST_MAX_BODY_BYTES", 16L * 1024 * 1024),
                Topics.Settings.fromEnv(environment),
                env.nonNegativeInt("CORDON_FEED_RATE_LIMIT", 200),
                OperationRules.fromEnv(environment),
                env.duration("CORDON_MAX_COUNTING_LAG", Duration.ofSeconds(60)));
    }

    /**
     * The key of the keyed hash of ID numbers and plates: required (a default would be a key anyone can read), not
     * the one earlier releases published, and at least 16 characters. {@code ./cordon demo} and the tests generate one.
     */
    static String hashKey(String key) {
        if (key == null) {
            throw new IllegalArgumentException(
                    "CORDON_ID_HASH_KEY is not set: ID numbers and plates are hashed with it; set it"
                            + " to a secret of at least 16 characters, the same on every ingest instance (./cordon demo generates one)");
        }
        if (key.equals(PUBLISHED_HASH_KEY)) {
            throw new IllegalArgumentException(
                    "CORDON_ID_HASH_KEY is the key published in Cordon's source: choose a secret one");
        }
        if (key.length() < 16) {
            throw new IllegalArgumentException(
                    "CORDON_ID_HASH_KEY is shorter than 16 characters: choose a longer secret");
        }
        return key;
    }

    /** The ClickHouse servers, comma-separated. */
    public String clickhouseUrl() {
        return clickHouse.url();
    }

    public String clickhouseDatabase() {
        return clickHouse.database();
    }
}
