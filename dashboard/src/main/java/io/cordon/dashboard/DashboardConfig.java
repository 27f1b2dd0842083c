package io.cordon.dashboard;

import java.time.Duration;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's settings, read from the environment (README, "Configuration").
 *
 * @param viewerTokens empty when reads need no token
 */
public record DashboardConfig(
        int port,
        String clickhouseUrl,
        String clickhouseDatabase,
        String kafkaBootstrap,
        ZoneId timezone,
        Duration silentAfter,
        Duration revisitWindow,
        List<String> viewerTokens,
        Duration refreshInterval) {

    public static DashboardConfig fromEnv(Map<String, String> env) {
        String tokens = env.get("CORDON_VIEWER_TOKENS");
        return new DashboardConfig(
                port(env, "CORDON_DASHBOARD_PORT", 8080),
                required(env, "CORDON_CLICKHOUSE_URL"),
                env.getOrDefault("CORDON_CLICKHOUSE_DATABASE", "default"),
                required(env, "CORDON_KAFKA_BOOTSTRAP"),
                zone(env),
                duration(env, "CORDON_SILENT_AFTER", Duration.ofMinutes(10)),
                duration(env, "CORDON_REVISIT_WINDOW", Duration.ofHours(6)),
                tokens == null || tokens.isBlank() ? List.of()
                        : Arrays.stream(tokens.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList(),
                duration(env, "CORDON_DASHBOARD_REFRESH", Duration.ofMillis(500)));
    }

    private static ZoneId zone(Map<String, String> env) {
        String v = env.getOrDefault("CORDON_TIMEZONE", "Asia/Shanghai");
        try {
            return ZoneId.of(v.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("CORDON_TIMEZONE must be a time zone such as Asia/Shanghai, got '" + v + "'");
        }
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is required and not set");
        }
        return v.strip();
    }

    private static int port(Map<String, String> env, String name, int dflt) {
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

    private static Duration duration(Map<String, String> env, String name, Duration dflt) {
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
            throw new IllegalArgumentException(name + " must be a positive ISO-8601 duration such as PT10M, got '" + v + "'");
        }
    }
}
