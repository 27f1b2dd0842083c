package io.cordon.dashboard;

import io.cordon.dashboard.alerts.AlertRoutes;
import io.cordon.dashboard.areas.AreaRoutes;
import io.cordon.dashboard.areas.GridTotals;
import io.cordon.dashboard.audit.AuditRoutes;
import io.cordon.dashboard.keypersons.KeyPersonRoutes;
import io.cordon.dashboard.live.LiveHub;
import io.cordon.dashboard.live.LiveRoutes;
import io.cordon.dashboard.reports.PastDays;
import io.cordon.dashboard.reports.ReportRoutes;
import io.cordon.dashboard.reports.SignOffRoutes;
import io.cordon.dashboard.screening.ScreeningRoutes;
import io.cordon.dashboard.web.Access;
import io.cordon.dashboard.web.Answers;
import io.cordon.dashboard.web.Deadlines;
import io.cordon.dashboard.web.OpenRoutes;
import io.cordon.dashboard.web.ReadGate;
import io.cordon.http.ServiceMetrics;
import io.cordon.http.SlowClients;
import io.cordon.schemas.OperationClock;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard: wires the rooms (live walls, screening, reports, alerts, audit), each mounting its own routes, over
 * one ClickHouse client, one access policy and one read bound, and starts the background work.
 */
public final class DashboardVerticle extends VerticleBase {

    /**
     * Whether the verticle follows Kafka (the alert feed, the webhook, the counting lag). The dashboard's own tests run
     * it without Kafka to test every route's tokens, scopes, parameters and failure answers.
     */
    public record Dependencies(boolean followKafka) {
        public static final Dependencies KAFKA = new Dependencies(true);
        public static final Dependencies WITHOUT_KAFKA = new Dependencies(false);
    }

    private static final Logger LOG = LoggerFactory.getLogger(DashboardVerticle.class);

    private final DashboardConfig config;
    private final Clock clock;
    private final Dependencies dependencies;
    private final ServiceMetrics metrics = new ServiceMetrics("dashboard");
    private Background background;
    private LiveHub hub;
    private HttpServer server;

    public DashboardVerticle(DashboardConfig config, Clock clock, Dependencies dependencies) {
        this.config = config;
        this.clock = clock;
        this.dependencies = dependencies;
    }

    public DashboardVerticle(DashboardConfig config) {
        this(config, Clock.systemUTC(), Dependencies.KAFKA);
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public Future<?> start() {
        background = new Background(vertx);
        Services s = Services.create(vertx, config, clock, dependencies, metrics.registry(), background);
        hub = s.hub();
        OperationClock day = config.rules().clock(clock);
        Router router = Router.router(vertx);
        router.route().handler(metrics.requests());
        OpenRoutes.mount(router, metrics, s.health(), config.mapGeoJson());
        // a handler throws a BadParameter for a wrong query parameter, a Forbidden for a place outside the token's
        // scope
        router.route().failureHandler(Answers::thrown);
        // a request that takes longer than 30 s (ClickHouse frozen) is answered 503, never left hanging; a freeze 5 min
        router.route("/api/*").handler(Deadlines.handler());
        Access access = new Access(config.tokens());
        // snapshots, reports, exports and lists wait for one of CORDON_MAX_CONCURRENT_READS; the walls never do
        ReadGate reads = new ReadGate(vertx, config.maxConcurrentReads())
                .waitingFor(hub::waitingForReplica)
                .register(metrics.registry());
        new LiveRoutes(hub, s.tiles(), s.charts(), config.maxWallClients(), config.maxWallClientsPerToken())
                .mount(router, access);
        new ScreeningRoutes(s.screening(), day).mount(router, access, reads);
        new AreaRoutes(s.screening(), new GridTotals(s.clickHouse(), config.revisitWindow()), s.tiles(), day)
                .mount(router, access, reads);
        new KeyPersonRoutes(s.keyPersons(), s.tiles(), day).mount(router, access, reads);
        new ReportRoutes(
                        s.snapshots(),
                        s.reports(),
                        s.changes(),
                        new PastDays(s.reports(), s.snapshots(), day),
                        s.tiles(),
                        s.audit(),
                        day)
                .mount(router, access, reads);
        new SignOffRoutes(s.reports(), s.signOffs(), s.audit(), day).mount(router, access, reads);
        new AlertRoutes(s.alertStore(), s.tiles(), s.acks(), s.audit(), day).mount(router, access, reads);
        new AuditRoutes(s.clickHouse(), day).mount(router, access, reads);
        access.viewer(router.route().last())
                .handler(ctx ->
                        Answers.notFound(ctx, "no resource at " + ctx.request().path()));
        // idle connections are closed after a minute (walls get a heartbeat every 5 s); a body trickled byte by byte is
        // cut off after 60 s (the idle timeout alone is reset by every byte)
        // gzip for a client that asks (a browser: ECharts alone is about 1 MB as it lies on disk)
        HttpServerOptions options = new HttpServerOptions()
                .setIdleTimeout(60)
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setCompressionSupported(true);
        return SlowClients.guard(vertx, vertx.createHttpServer(options), router)
                .listen(config.port())
                .onSuccess(listening -> {
                    server = listening;
                    LOG.info("dashboard listening on port {}", listening.actualPort());
                });
    }

    @Override
    public Future<?> stop() {
        if (hub != null) {
            hub.stop();
        }
        background.close();
        return server == null ? Future.succeededFuture() : server.close();
    }
}
