package io.cordon.dashboard;

import io.cordon.http.AccessTokens;
import io.cordon.schemas.EnvVars;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * The dashboard's settings, read from the environment (docs/OPERATIONS.md, "Configuration").
 *
 * @param tokens the feed, admin and viewer tokens (API.md, "Tokens, roles and scopes"); reads are open without viewer tokens
 */
public record DashboardConfig(
        int port,
        String clickhouseUrl,
        String clickhouseDatabase,
        String kafkaBootstrap,
        ZoneId timezone,
        Duration silentAfter,
        Duration revisitWindow,
        AccessTokens tokens,
        Duration refreshInterval,
        int maxWallClients,
        int maxWallClientsPerToken,
        String alertWebhookUrl,
        String alertWebhookFormat,
        String alertWebhookSecret,
        String reportCutoff,
        int maxConcurrentReads) {

    public static DashboardConfig fromEnv(Map<String, String> environment) {
        EnvVars env = new EnvVars(environment);
        return new DashboardConfig(
                env.port("CORDON_DASHBOARD_PORT", 8080),
                env.required("CORDON_CLICKHOUSE_URL"),
                env.string("CORDON_CLICKHOUSE_DATABASE", "default"),
                env.required("CORDON_KAFKA_BOOTSTRAP"),
                env.zone("CORDON_TIMEZONE", "Asia/Shanghai"),
                env.duration("CORDON_SILENT_AFTER", Duration.ofMinutes(10)),
                env.duration("CORDON_REVISIT_WINDOW", Duration.ofHours(6)),
                AccessTokens.fromEnv(environment),
                env.duration("CORDON_DASHBOARD_REFRESH", Duration.ofMillis(500)),
                env.nonNegativeInt("CORDON_WS_MAX_CLIENTS", 2000),
                env.nonNegativeInt("CORDON_WS_MAX_CLIENTS_PER_TOKEN", 200),
                webhookUrl(env.string("CORDON_ALERT_WEBHOOK_URL", null)),
                webhookFormat(env.string("CORDON_ALERT_WEBHOOK_FORMAT", "json")),
                env.string("CORDON_ALERT_WEBHOOK_SECRET", null),
                reportCutoff(env.string("CORDON_REPORT_CUTOFF", "20:00")),
                positive("CORDON_MAX_CONCURRENT_READS", env.nonNegativeInt("CORDON_MAX_CONCURRENT_READS", 8)));
    }

    private static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
        return value;
    }

    private static String reportCutoff(String cutoff) {
        if (!cutoff.matches("([01][0-9]|2[0-3]):[0-5][0-9]|24:00")) {
            throw new IllegalArgumentException("CORDON_REPORT_CUTOFF must be a local time HH:MM, got '" + cutoff + "'");
        }
        return cutoff;
    }

    private static String webhookUrl(String url) {
        if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("CORDON_ALERT_WEBHOOK_URL must be an http:// or https:// URL");
        }
        return url;
    }

    private static String webhookFormat(String format) {
        if (!java.util.List.of("wecom", "dingtalk", "json").contains(format)) {
            throw new IllegalArgumentException(
                    "CORDON_ALERT_WEBHOOK_FORMAT must be wecom, dingtalk or json, got '" + format + "'");
        }
        return format;
    }
}
