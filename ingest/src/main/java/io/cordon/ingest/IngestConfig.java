package io.cordon.ingest;

import java.util.Arrays;
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
        long maxBodyBytes) {

    public static final String DEV_TOKEN = "dev-token";
    public static final String DEV_HASH_KEY = "cordon-dev-hash-key";

    public static IngestConfig fromEnv(Map<String, String> env) {
        String tokensVar = env.get("CORDON_INGEST_TOKENS");
        List<String> tokens = tokensVar == null || tokensVar.isBlank() ? List.of(DEV_TOKEN)
                : Arrays.stream(tokensVar.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("CORDON_INGEST_TOKENS holds no token: give a comma-separated list");
        }
        return new IngestConfig(
                Env.port(env, "CORDON_INGEST_PORT", 8081),
                Env.required(env, "CORDON_KAFKA_BOOTSTRAP"),
                Env.required(env, "CORDON_CLICKHOUSE_URL"),
                env.getOrDefault("CORDON_CLICKHOUSE_DATABASE", "default"),
                tokens,
                tokensVar == null || tokensVar.isBlank(),
                env.getOrDefault("CORDON_ID_HASH_KEY", DEV_HASH_KEY),
                Env.positiveLong(env, "CORDON_INGEST_MAX_BODY_BYTES", 16L * 1024 * 1024));
    }

    /** Reading typed values from the environment, with an error that names the variable. */
    static final class Env {
        private Env() {
        }

        static String required(Map<String, String> env, String name) {
            String v = env.get(name);
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException(name + " is required and not set");
            }
            return v.strip();
        }

        static int port(Map<String, String> env, String name, int dflt) {
            String v = env.get(name);
            if (v == null || v.isBlank()) {
                return dflt;
            }
            try {
                int p = Integer.parseInt(v.strip());
                if (p < 0 || p > 65535) {
                    throw new NumberFormatException();
                }
                return p;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a port number 0-65535, got '" + v + "'");
            }
        }

        static long positiveLong(Map<String, String> env, String name, long dflt) {
            String v = env.get(name);
            if (v == null || v.isBlank()) {
                return dflt;
            }
            try {
                long n = Long.parseLong(v.strip());
                if (n <= 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a positive whole number, got '" + v + "'");
            }
        }
    }
}
