package io.cordon.dashboard;

import io.cordon.dashboard.alerts.AlertAcks;
import io.cordon.dashboard.alerts.AlertFeed;
import io.cordon.dashboard.alerts.AlertStore;
import io.cordon.dashboard.alerts.AlertWebhook;
import io.cordon.dashboard.checkpoints.CheckpointQueries;
import io.cordon.dashboard.keypersons.KeyPersonQueries;
import io.cordon.dashboard.live.ChartService;
import io.cordon.dashboard.live.LiveHub;
import io.cordon.dashboard.live.TileService;
import io.cordon.dashboard.reports.DailyFreeze;
import io.cordon.dashboard.reports.ReportChanges;
import io.cordon.dashboard.reports.ReportService;
import io.cordon.dashboard.reports.SignOffs;
import io.cordon.dashboard.reports.SnapshotService;
import io.cordon.dashboard.screening.ScreeningQueries;
import io.cordon.http.CountingLag;
import io.cordon.http.Health;
import io.cordon.schemas.Topics;
import io.cordon.schemas.clickhouse.AuditLog;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The dashboard's services, built once from its configuration: one ClickHouse client (every statement limited to
 * 15 s and timed), the queries, the shared live read, the alert store, feed and webhook, the reports; their periodic
 * work handed to {@link Background}. The rooms' routes take what they need from here.
 */
record Services(
        ClickHouseHttp clickHouse,
        ScreeningQueries screening,
        KeyPersonQueries keyPersons,
        TileService tiles,
        ChartService charts,
        LiveHub hub,
        AuditLog audit,
        AlertStore alertStore,
        AlertAcks acks,
        SnapshotService snapshots,
        ReportService reports,
        ReportChanges changes,
        SignOffs signOffs,
        Supplier<Map<String, Health.Check>> health) {

    /** What {@code /health} reports: ClickHouse as last pinged, and the alert feed when the dashboard follows Kafka. */
    private static final class HealthState {
        volatile Health.Check clickHouse = Health.Check.down("not asked yet");
    }

    static Services create(
            Vertx vertx,
            DashboardConfig config,
            Clock clock,
            DashboardVerticle.Dependencies dependencies,
            MeterRegistry registry,
            Background background) {
        HealthState health = new HealthState();
        ZoneId zone = config.timezone();
        Timer queries = Timer.builder("cordon_clickhouse_query")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .description("ClickHouse statements of the dashboard, from sent to answered")
                .register(registry);
        // no statement holds ClickHouse's threads for more than 15 s: a read queued up to 10 s behind
        // CORDON_MAX_CONCURRENT_READS and then run still ends within the 30 s every /api route is answered in
        ClickHouseHttp clickHouse = config.clickHouse()
                .client()
                .limitedTo(15)
                .observedBy((nanos, ok) -> queries.record(nanos, TimeUnit.NANOSECONDS));
        background.blocking(
                3000,
                () -> health.clickHouse =
                        clickHouse.ping() ? Health.Check.ok() : Health.Check.down("no answer to /ping within 2 s"));
        CheckpointQueries checkpoints = new CheckpointQueries(clickHouse);
        ScreeningQueries screening = new ScreeningQueries(clickHouse, zone, config.revisitWindow(), clock);
        Supplier<CountingLag.Lag> countingLag =
                lag(background, config, dependencies, Topics.CHECKPOINT_ARRIVALS, Topics.CHECKPOINT_COUNTS_GROUP);
        Supplier<CountingLag.Lag> screeningLag =
                lag(background, config, dependencies, Topics.HOUSEHOLD_VISITS, Topics.SCREENING_GROUP);
        CountingLag.register(registry, Topics.CHECKPOINT_COUNTS_GROUP, countingLag);
        CountingLag.register(registry, Topics.SCREENING_GROUP, screeningLag);
        KeyPersonQueries keyPersons = new KeyPersonQueries(clickHouse, config.rules());
        TileService tiles = new TileService(checkpoints, screening, keyPersons, config, clock, countingLag);
        ChartService charts = new ChartService(clickHouse, tiles, screening, zone, config.silentAfter(), clock);
        LiveHub hub = new LiveHub(vertx, tiles, checkpoints, zone);
        hub.charts(charts);
        // caught up: every replica that answers has each part logged before the reads moved
        hub.readsFrom(clickHouse::currentServer, clickHouse::hasEverythingLoggedUntil);
        hub.start(config.refreshInterval());
        hub.register(registry);
        AuditLog audit = new AuditLog(clickHouse);
        background.blocking(1000, audit::flush);
        AlertStore alertStore = new AlertStore(clickHouse);
        background.blocking(1000, alertStore::flush);
        AlertFeed alerts = null;
        AlertAcks acks = background.closing(
                new AlertAcks(vertx, hub, dependencies.followKafka() ? config.kafkaBootstrap() : null));
        if (dependencies.followKafka()) {
            alerts = background.closing(new AlertFeed(
                            config.kafkaBootstrap(),
                            alertStore,
                            alert -> vertx.runOnContext(v -> hub.alert(alert)),
                            acks::received)
                    .start()
                    .register(registry));
            if (config.alertWebhookUrl() != null) {
                background.closing(new AlertWebhook(
                                config.alertWebhookUrl(),
                                config.alertWebhookFormat(),
                                config.alertWebhookSecret(),
                                zone,
                                config.kafkaBootstrap(),
                                clickHouse)
                        .start()
                        .register(registry));
            }
        }
        SnapshotService snapshots = new SnapshotService(checkpoints, screening, keyPersons);
        ReportService reports = new ReportService(clickHouse, snapshots, zone);
        DailyFreeze dailyFreeze = new DailyFreeze(
                reports, audit, config.rules().clock(clock), config.reportCutoff(), countingLag, screeningLag);
        // never from a replica the reads just moved to while it catches up: the next round, 30 s on, tries again
        background.onLoop(30_000, () -> {
            if (!hub.waitingForReplica()) {
                dailyFreeze.run();
            }
        });
        AlertFeed feed = alerts;
        return new Services(
                clickHouse,
                screening,
                keyPersons,
                tiles,
                charts,
                hub,
                audit,
                alertStore,
                acks,
                snapshots,
                reports,
                new ReportChanges(reports, snapshots, clickHouse, zone),
                new SignOffs(clickHouse, zone, config.signOffChain()),
                () -> feed == null
                        ? Map.of("clickhouse", health.clickHouse)
                        : Map.of("clickhouse", health.clickHouse, "alert_feed", feed.health()));
    }

    /** How far a job is behind its topic, followed when the dashboard follows Kafka, unknown otherwise. */
    private static Supplier<CountingLag.Lag> lag(
            Background background,
            DashboardConfig config,
            DashboardVerticle.Dependencies dependencies,
            String topic,
            String group) {
        return dependencies.followKafka()
                ? background.closing(new CountingLag(config.kafkaBootstrap(), topic, group).start(background.vertx()))
                : () -> CountingLag.Lag.UNKNOWN;
    }
}
