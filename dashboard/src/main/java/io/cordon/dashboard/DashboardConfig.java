package io.cordon.dashboard;

import io.cordon.dashboard.reports.SignOffChain;
import io.cordon.http.AccessTokens;
import io.cordon.schemas.EnvVars;
import io.cordon.schemas.OperationRules;
import io.cordon.schemas.clickhouse.ClickHouseAccess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's settings, read from the environment (docs/OPERATIONS.md, "Configuration").
 *
 * @param tokens the feed, admin and viewer tokens (API.md, "Tokens, roles and scopes"); reads are open without viewer tokens
 * @param mapFile the GeoJSON of the city's districts for the wall's map ({@code CORDON_MAP_FILE}): empty for Shanghai's,
 *     bundled; {@code none} for none (the map then lays the districts out as tiles)
 */
public record DashboardConfig(
        int port,
        ClickHouseAccess clickHouse,
        String kafkaBootstrap,
        OperationRules rules,
        Duration silentAfter,
        AccessTokens tokens,
        Duration refreshInterval,
        int maxWallClients,
        int maxWallClientsPerToken,
        String alertWebhookUrl,
        String alertWebhookFormat,
        String alertWebhookSecret,
        int maxConcurrentReads,
        SignOffChain signOffChain,
        String mapFile) {

    public static DashboardConfig fromEnv(Map<String, String> environment) {
        EnvVars env = new EnvVars(environment);
        env.logFormat();
        return new DashboardConfig(
                env.port("CORDON_DASHBOARD_PORT", 8080),
                ClickHouseAccess.fromEnv(environment),
                env.required("CORDON_KAFKA_BOOTSTRAP"),
                OperationRules.fromEnv(environment),
                env.duration("CORDON_SILENT_AFTER", Duration.ofMinutes(10)),
                AccessTokens.fromEnv(environment),
                env.duration("CORDON_DASHBOARD_REFRESH", Duration.ofMillis(500)),
                env.nonNegativeInt("CORDON_WS_MAX_CLIENTS", 2000),
                env.nonNegativeInt("CORDON_WS_MAX_CLIENTS_PER_TOKEN", 200),
                webhookUrl(env.string("CORDON_ALERT_WEBHOOK_URL", null)),
                webhookFormat(env.string("CORDON_ALERT_WEBHOOK_FORMAT", "json")),
                env.string("CORDON_ALERT_WEBHOOK_SECRET", null),
                positive("CORDON_MAX_CONCURRENT_READS", env.nonNegativeInt("CORDON_MAX_CONCURRENT_READS", 8)),
                SignOffChain.fromEnv(
                        env.string("CORDON_SIGNOFF_LEVELS", "district"), env.string("CORDON_SIGNOFF_DUE", "21:00")),
                env.string("CORDON_MAP_FILE", ""));
    }

    /** The map's GeoJSON, or null for none: the configured file, or the bundled outlines of Shanghai's districts. */
    public byte[] mapGeoJson() {
        if (mapFile.equals("none")) {
            return null;
        }
        try {
            if (mapFile.isEmpty()) {
                try (InputStream in =
                        DashboardConfig.class.getClassLoader().getResourceAsStream("maps/shanghai-districts.geojson")) {
                    return in == null ? null : in.readAllBytes();
                }
            }
            return Files.readAllBytes(Path.of(mapFile));
        } catch (IOException e) {
            throw new IllegalArgumentException("CORDON_MAP_FILE cannot be read: " + e.getMessage());
        }
    }

    private static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
        return value;
    }

    /** The operation's time zone (the rules'). */
    public ZoneId timezone() {
        return rules.zone();
    }

    public Duration revisitWindow() {
        return rules.revisitWindow();
    }

    public String reportCutoff() {
        return rules.reportCutoff();
    }

    private static String webhookUrl(String url) {
        if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("CORDON_ALERT_WEBHOOK_URL must be an http:// or https:// URL");
        }
        return url;
    }

    private static String webhookFormat(String format) {
        if (!List.of("wecom", "dingtalk", "json").contains(format)) {
            throw new IllegalArgumentException(
                    "CORDON_ALERT_WEBHOOK_FORMAT must be wecom, dingtalk or json, got '" + format + "'");
        }
        return format;
    }

    /** The ClickHouse servers, comma-separated. */
    public String clickhouseUrl() {
        return clickHouse.url();
    }

    public String clickhouseDatabase() {
        return clickHouse.database();
    }
}
