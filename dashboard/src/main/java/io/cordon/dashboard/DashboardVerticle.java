package io.cordon.dashboard;

import io.cordon.http.Scope;
import io.cordon.http.Problems;

import io.cordon.http.AccessToken;
import io.cordon.http.BearerAuth;
import io.cordon.http.Forbidden;
import io.cordon.http.Health;
import io.cordon.http.Role;
import io.cordon.http.ServiceMetrics;
import io.cordon.schemas.CheckpointCount;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The dashboard HTTP service: the wall page, the JSON API, the live websocket and the snapshot exports. */
public final class DashboardVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardVerticle.class);

    private final DashboardConfig config;
    private final Clock clock;
    private ChartService charts;
    private HttpServer server;
    private ScreeningQueries screening;
    private TileService tiles;
    private SnapshotService snapshots;
    private LiveHub hub;
    private AlertFeed alerts;
    private AlertStore alertStore;
    private ClickHouseHttp clickHouse;
    private AlertWebhook webhook;
    private ReportService reports;
    private long reportTimer = -1;
    private io.cordon.schemas.clickhouse.AuditLog audit;
    private long auditTimer = -1;
    private final ServiceMetrics metrics = new ServiceMetrics("dashboard");
    private volatile Health.Check clickHouseState = Health.Check.down("not asked yet");
    private long clickHouseTimer = -1;
    private long alertStoreTimer = -1;
    private io.cordon.http.CountingLag countingLag;
    /** How far the screening job is behind the visits (the daily report waits for it too). */
    private io.cordon.http.CountingLag screeningLag;

    /**
     * What the verticle reads besides its configuration: whether it follows Kafka (the alert feed, the webhook, the
     * counting lag). The dashboard's own tests run it without Kafka, its ClickHouse pointing nowhere, to test every
     * route's tokens, scopes, parameters and failure answers.
     */
    public record Dependencies(boolean followKafka) {
        public static final Dependencies KAFKA = new Dependencies(true);
        public static final Dependencies WITHOUT_KAFKA = new Dependencies(false);
    }

    private final Dependencies dependencies;

    public DashboardVerticle(DashboardConfig config, Clock clock, Dependencies dependencies) {
        this.config = config;
        this.clock = clock;
        this.dependencies = dependencies;
    }

    public DashboardVerticle(DashboardConfig config, Clock clock) {
        this(config, clock, Dependencies.KAFKA);
    }

    public DashboardVerticle(DashboardConfig config) {
        this(config, Clock.systemUTC());
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public Future<?> start() {
        io.micrometer.core.instrument.Timer queries = io.micrometer.core.instrument.Timer.builder("cordon_clickhouse_query")
                .description("ClickHouse statements of the dashboard, from sent to answered").publishPercentiles(0.5, 0.95, 0.99)
                .register(metrics.registry());
        // no statement of the dashboard holds ClickHouse's threads for more than 15 s: a read queued up to 10 s behind
        // CORDON_MAX_CONCURRENT_READS and then run still ends within the 30 s every /api route is answered in
        clickHouse = new ClickHouseHttp(config.clickhouseUrl(), config.clickhouseDatabase()).limitedTo(15)
                .observedBy((nanos, ok) -> queries.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS));
        CheckpointQueries checkpoints = new CheckpointQueries(clickHouse);
        screening = new ScreeningQueries(clickHouse, config.timezone(), config.revisitWindow(), clock);
        if (dependencies.followKafka()) {
            countingLag = new io.cordon.http.CountingLag(config.kafkaBootstrap(), io.cordon.schemas.Topics.CHECKPOINT_ARRIVALS,
                    io.cordon.schemas.Topics.CHECKPOINT_COUNTS_GROUP).start(vertx);
            screeningLag = new io.cordon.http.CountingLag(config.kafkaBootstrap(), io.cordon.schemas.Topics.HOUSEHOLD_VISITS,
                    io.cordon.schemas.Topics.SCREENING_GROUP).start(vertx);
        }
        tiles = new TileService(checkpoints, screening, config, clock,
                countingLag == null ? () -> io.cordon.http.CountingLag.Lag.UNKNOWN : countingLag);
        snapshots = new SnapshotService(checkpoints, screening);
        reports = new ReportService(clickHouse, snapshots, config.timezone());
        audit = new io.cordon.schemas.clickhouse.AuditLog(clickHouse);
        auditTimer = vertx.setPeriodic(1000, id -> vertx.executeBlocking(() -> {
            audit.flush();
            return null;
        }, false));
        reportTimer = vertx.setPeriodic(30_000, id -> freezeToday());
        charts = new ChartService(clickHouse, tiles, screening, config.timezone(), config.silentAfter(), clock);
        hub = new LiveHub(vertx, tiles, checkpoints, config.timezone());
        hub.charts(charts);
        hub.start(config.refreshInterval());
        alertStore = new AlertStore(clickHouse);
        alertStoreTimer = vertx.setPeriodic(1000, id -> vertx.executeBlocking(() -> {
            alertStore.flush();
            return null;
        }, false));
        if (dependencies.followKafka()) {
            alerts = new AlertFeed(config.kafkaBootstrap(), alertStore, alert -> vertx.runOnContext(v -> hub.alert(alert))).start();
        }
        if (dependencies.followKafka() && config.alertWebhookUrl() != null) {
            webhook = new AlertWebhook(config.alertWebhookUrl(), config.alertWebhookFormat(), config.alertWebhookSecret(),
                    config.timezone(), config.kafkaBootstrap(), clickHouse).start();
            io.micrometer.core.instrument.FunctionCounter.builder("cordon_alert_webhook_delivered", webhook, AlertWebhook::delivered)
                    .description("fever alerts the webhook receiver accepted").register(metrics.registry());
        }
        io.micrometer.core.instrument.Gauge.builder("cordon_websocket_clients", hub, LiveHub::connections)
                .description("open walls").register(metrics.registry());
        io.micrometer.core.instrument.FunctionCounter.builder("cordon_websocket_dropped", hub, LiveHub::dropped)
                .description("walls closed for not reading their messages").register(metrics.registry());
        io.micrometer.core.instrument.FunctionCounter.builder("cordon_walls_marked_stale", hub, LiveHub::staleMarks)
                .description("times the walls were told their figures cannot be read").register(metrics.registry());
        if (alerts != null) {
            io.micrometer.core.instrument.Gauge.builder("cordon_alert_lag_seconds", alerts, a -> a.lastLagMillis() / 1000.0)
                    .description("the latest fever alert: from written to the alert topic to handed to the walls").register(metrics.registry());
        }
        BearerAuth auth = new BearerAuth(config.tokens(), "cordon-dashboard", true);
        io.vertx.core.Handler<RoutingContext> viewer = auth.require(Role.VIEWER);

        Router router = Router.router(vertx);
        router.route().handler(metrics.requests());
        router.get("/metrics").handler(metrics.scrape());
        // ClickHouse is asked on a worker every few seconds, never on the request
        clickHouseTimer = vertx.setPeriodic(0, 3000, id -> vertx.executeBlocking(() -> {
            clickHouseState = clickHouse.ping() ? Health.Check.ok() : Health.Check.down("no answer to /ping within 2 s");
            return null;
        }, false));
        router.get("/health").handler(ctx -> Health.answer(ctx.response(), alerts == null
                ? java.util.Map.of("clickhouse", clickHouseState)
                : java.util.Map.of("clickhouse", clickHouseState, "alert_feed", alerts.health())));
        String openApi = resource("dashboard-openapi.json");
        router.get("/openapi.json").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json").end(openApi));
        String counts = countsScript();
        router.get("/counts.js").handler(ctx -> ctx.response().putHeader("Content-Type", "text/javascript; charset=utf-8").end(counts));
        // the pages and their scripts hold no figures: served to anyone (the page then reads with the token in its URL)
        router.get("/").handler(ctx -> ctx.reroute(withQuery(ctx, "/index.html")));
        router.get("/inspect").handler(ctx -> ctx.reroute(withQuery(ctx, "/inspect.html")));
        // Apache ECharts from its webjar on the classpath: the pages never load anything from the internet
        router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars").setMaxAgeSeconds(86_400));
        router.getWithRegex("/[a-z0-9-]+\\.(html|js|css)").handler(StaticHandler.create("webroot").setCachingEnabled(false));
        // every other route reads figures: a viewer token (any, while CORDON_VIEWER_TOKENS is unset), and its scope
        // admin routes need an admin token (checked on the route), every other one a viewer token
        router.route().handler(ctx -> {
            if (ctx.request().method() == io.vertx.core.http.HttpMethod.POST && (ctx.request().path().equals("/api/v1/reports")
                    || ctx.request().path().endsWith("/sign-offs"))
                    || ctx.request().path().equals("/api/v1/audit")) {
                ctx.next();
            } else {
                viewer.handle(ctx);
            }
        });
        // a handler throws a BadParameter for a wrong query parameter, a Forbidden for a place outside the token's scope
        router.route().failureHandler(DashboardVerticle::thrown);
        // a read that takes longer than 30 s (ClickHouse frozen) is answered 503, never left hanging
        router.route("/api/*").handler(TimeoutHandler.create(30_000));
        router.get("/ws/live").handler(this::live);
        router.get("/api/v1/tiles").handler(this::tiles);
        router.get("/api/v1/series").handler(this::series);
        // snapshots, reports, exports and lists: at most CORDON_MAX_CONCURRENT_READS at once (ReadGate); the tiles, the
        // series and the websocket, which the walls live on, never wait behind them
        ReadGate reads = new ReadGate(vertx, config.maxConcurrentReads());
        io.micrometer.core.instrument.Gauge.builder("cordon_dashboard_reads_running", reads, ReadGate::running)
                .description("snapshot, report, export and list reads running now").register(metrics.registry());
        io.micrometer.core.instrument.Gauge.builder("cordon_dashboard_reads_waiting", reads, ReadGate::waiting)
                .description("reads waiting for one of CORDON_MAX_CONCURRENT_READS").register(metrics.registry());
        io.micrometer.core.instrument.FunctionCounter.builder("cordon_dashboard_reads_refused", reads, ReadGate::refused)
                .description("reads answered 429 or 503 by the read bound").register(metrics.registry());
        router.get("/api/v1/compounds").handler(reads).handler(this::compounds);
        router.get("/api/v1/compounds/:id/households").handler(reads).handler(this::households);
        router.get("/api/v1/revisits/overdue").handler(reads).handler(this::overdue);
        router.get("/api/v1/snapshot").handler(reads).handler(this::snapshot);
        router.get("/api/v1/alerts").handler(reads).handler(this::alerts);
        router.get("/api/v1/reports").handler(reads).handler(this::reports);
        router.post("/api/v1/reports").handler(auth.require(Role.ADMIN)).handler(reads).handler(this::freeze);
        router.get("/api/v1/reports/:date").handler(reads).handler(this::report);
        router.get("/api/v1/reports/:date/changes").handler(reads).handler(this::reportChanges);
        router.get("/api/v1/audit").handler(auth.require(Role.ADMIN)).handler(reads).handler(this::audit);
        router.get("/api/v1/reports/:date/sign-offs").handler(reads).handler(this::signOffs);
        router.post("/api/v1/reports/:date/sign-offs").handler(auth.require(Role.ADMIN)).handler(this::signOff);
        // an alert id is <event_id>/<person>: event ids hold no '/'
        router.postWithRegex("/api/v1/alerts/([^/]+/[0-9]+)/ack").handler(this::acknowledge);
        router.route().last().handler(ctx -> Problems.send(ctx.response(), 404, "Not Found", "no resource at " + ctx.request().path()));
        // idle connections are closed after a minute (walls get a heartbeat every 5 s, so an open wall is never idle)
        // a body trickled byte by byte is cut off after 60 s (the idle timeout alone is reset by every byte)
        return io.cordon.http.SlowClients.guard(vertx, vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions().setIdleTimeout(60)
                .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS)), router).listen(config.port()).onSuccess(s -> {
            server = s;
            LOG.info("dashboard listening on port {}", s.actualPort());
        });
    }

    /** {@code GET /ws/live}: an unknown scope (404) or one outside the token's (403) is refused before the upgrade. */
    private void live(RoutingContext ctx) {
        Scope scope = askedScope(ctx);
        Scope own = BearerAuth.token(ctx).scope();
        String tokenKey = wallKey(ctx);
        LiveHub.Reservation place = hub.reserve(tokenKey, config.maxWallClients(), config.maxWallClientsPerToken());
        if (place == LiveHub.Reservation.DASHBOARD_FULL) {
            ctx.response().putHeader("Retry-After", "30");
            Problems.send(ctx.response(), 503, "Service Unavailable", "the dashboard has its " + config.maxWallClients()
                    + " walls open (CORDON_WS_MAX_CLIENTS); try again later");
            return;
        }
        if (place == LiveHub.Reservation.TOKEN_FULL) {
            ctx.response().putHeader("Retry-After", "30");
            Problems.send(ctx.response(), 429, "Too Many Requests", "this token has " + config.maxWallClientsPerToken()
                    + " walls open (CORDON_WS_MAX_CLIENTS_PER_TOKEN); close one first");
            return;
        }
        ctx.request().pause();
        Future.fromCompletionStage(tiles.figuresKnowing(scope), vertx.getOrCreateContext()).onComplete(ar -> {
            if (ar.failed()) {
                hub.unreserve(tokenKey);
                failed(ctx, ar.cause());
            } else if (!own.contains(scope, ar.result()::districtOf)) {
                hub.unreserve(tokenKey);
                failed(ctx, Forbidden.outside(scope, BearerAuth.token(ctx)));
            } else {
                ctx.request().toWebSocket().onSuccess(ws -> hub.add(ws, scope, tokenKey)).onFailure(e -> {
                    hub.unreserve(tokenKey);
                    Problems.send(ctx.response(), 400, "Bad Request", "a websocket upgrade is expected here");
                });
            }
        });
    }

    /**
     * Whose walls a socket counts against (CORDON_WS_MAX_CLIENTS_PER_TOKEN): its token, or, while reads are open to
     * anyone, its address, so that 200 anonymous sockets from one machine never lock every other wall out.
     */
    private static String wallKey(RoutingContext ctx) {
        String key = BearerAuth.token(ctx).secretSha256();
        if (key == null || key.isEmpty()) {
            var remote = ctx.request().remoteAddress();
            return "address:" + (remote == null ? "" : remote.hostAddress());
        }
        return key;
    }

    /** {@code GET /api/v1/tiles}: the tiles of a scope inside the token's (its own by default). */
    private void tiles(RoutingContext ctx) {
        Scope scope = askedScope(ctx);
        var answer = tiles.tiles(scope, Params.round(ctx.request().getParam("round")), BearerAuth.token(ctx).scope());
        Future.fromCompletionStage(answer, vertx.getOrCreateContext())
                .onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json")
                        .putHeader("X-Cordon-Figures-Read-Ms", String.valueOf(tiles.lastReadMillis())).end(json.encode()))
                .onFailure(e -> failed(ctx, e));
    }

    /** {@code GET /api/v1/series?scope=}: what the wall's charts show, for a scope inside the token's. */
    private void series(RoutingContext ctx) {
        Scope scope = askedScope(ctx);
        Future.fromCompletionStage(charts.charts(scope, BearerAuth.token(ctx).scope()), vertx.getOrCreateContext())
                .onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json").end(json.encode()))
                .onFailure(e -> failed(ctx, e));
    }

    /** {@code GET /api/v1/compounds}: the inspection list, only the compounds of the token's district. */
    private void compounds(RoutingContext ctx) {
        Integer round = Params.round(ctx.request().getParam("round"));
        String order = Params.oneOf("order", ctx.request().getParam("order", "coverage"), ScreeningQueries.ORDERS);
        String format = Params.oneOf("format", ctx.request().getParam("format", "json"), java.util.List.of("json", "csv"));
        Future.fromCompletionStage(screening.compounds(round, filter(ctx), order), vertx.getOrCreateContext())
                .onSuccess(result -> {
                    if (format.equals("csv")) {
                        ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                                .putHeader("Content-Disposition", "attachment; filename=\"cordon-compounds-round-"
                                        + result.getValue("round") + ".csv\"")
                                .end(Buffer.buffer(SnapshotExporter.compoundsCsv(result.getJsonArray("compounds"))));
                    } else {
                        // the time of the figures in the operation's time zone, for pages that must not show the browser's clock
                        result.put("as_of", java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                clock.instant().atZone(config.timezone()).withNano(0))).put("timezone", config.timezone().getId());
                        ctx.response().putHeader("Content-Type", "application/json").end(result.encode());
                    }
                })
                .onFailure(e -> failed(ctx, e));
    }

    /** {@code GET /api/v1/compounds/{id}/households}: a compound's households, if the compound is in the token's scope. */
    private void households(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Scope own = BearerAuth.token(ctx).scope();
        Future.fromCompletionStage(screening.households(id, Params.round(ctx.request().getParam("round")), clock.instant()),
                        vertx.getOrCreateContext())
                .onSuccess(result -> {
                    if (result == null) {
                        Problems.send(ctx.response(), 404, "Not Found", "no compound '" + id + "' in the household registry");
                    } else if (!own.includesDistrict(result.getString("district"))) {
                        Problems.forbidden(ctx.response(), "compound '" + id + "' is outside this token's scope (" + own + ")");
                    } else {
                        ctx.response().putHeader("Content-Type", "application/json").end(result.encode());
                    }
                })
                .onFailure(e -> failed(ctx, e));
    }

    /** {@code GET /api/v1/revisits/overdue}: overdue households, only those of the token's district. */
    private void overdue(RoutingContext ctx) {
        respond(ctx, screening.overdue(Params.round(ctx.request().getParam("round")), filter(ctx), clock.instant(), 500));
    }

    /** {@code GET /api/v1/snapshot}: the day's snapshot of a scope inside the token's (all or a district). */
    private void snapshot(RoutingContext ctx) {
        SnapshotRequest request = SnapshotRequest.parse(ctx.request().getParam("date"), ctx.request().getParam("cutoff"),
                ctx.request().getParam("round"), ctx.request().getParam("format"), config.timezone(), clock.instant());
        Scope scope = askedScope(ctx);
        if (scope.isCheckpoint()) {
            throw new SnapshotRequest.BadParameter("scope", "a snapshot is of all or of a district (district:NAME), got '" + scope + "'");
        }
        AccessToken token = BearerAuth.token(ctx);
        if (!token.scope().contains(scope, id -> null)) {
            throw Forbidden.outside(scope, token);
        }
        Future.fromCompletionStage(snapshots.snapshot(request, scope), vertx.getOrCreateContext())
                .compose(s -> request.format().equals("json") ? Future.succeededFuture(Buffer.buffer(s.encode()))
                        : vertx.executeBlocking(() -> Buffer.buffer(SnapshotExporter.export(s, request.format(), "en".equals(ctx.request().getParam("lang")))), false))
                .onSuccess(body -> {
                    ctx.response().putHeader("Content-Type", SnapshotExporter.contentType(request.format()));
                    if (!request.format().equals("json")) {
                        ctx.response().putHeader("Content-Disposition", SnapshotRequest.contentDisposition(request.fileName(scope)));
                        audit.record(clock.instant(), "export", BearerAuth.token(ctx).label(), scope.isDistrict() ? scope.value() : "",
                                "snapshot " + request.date() + " " + request.cutoff(), null, java.util.Map.of("format", request.format()));
                    }
                    ctx.response().end(body);
                })
                .onFailure(e -> failed(ctx, e));
    }

    /** {@code GET /api/v1/alerts?since=&limit=&scope=}: stored fever alerts in scope, newest first (API.md, "Alerts"). */
    private void alerts(RoutingContext ctx) {
        Scope scope = askedScope(ctx);
        if (scope.isCheckpoint()) {
            throw new SnapshotRequest.BadParameter("scope", "alerts are of all or of a district (district:NAME), got '" + scope + "'");
        }
        AccessToken token = BearerAuth.token(ctx);
        if (!token.scope().contains(scope, id -> null)) {
            throw Forbidden.outside(scope, token);
        }
        java.time.Instant since = Params.instant("since", ctx.request().getParam("since"),
                java.time.LocalDate.now(clock.withZone(config.timezone())).atStartOfDay(config.timezone()).toInstant());
        int limit = Params.wholeNumber("limit", ctx.request().getParam("limit"), 100, 1, 1000);
        // alerts delivered in the last second are written first, so a wall opened right after a fever lists it
        vertx.executeBlocking(() -> {
            alertStore.flush();
            return null;
        }, false).recover(e -> Future.succeededFuture())
                .compose(v -> Future.fromCompletionStage(tiles.figuresKnowing(scope), vertx.getOrCreateContext()))
                .compose(f -> {
                    java.util.List<String> inScope = scope.isAll() ? null : f.registry().stream()
                            .filter(c -> scope.includes(c.checkpointId(), c.district())).map(c -> c.checkpointId()).toList();
                    return Future.fromCompletionStage(alertStore.list(since, limit, inScope, config.timezone()), vertx.getOrCreateContext());
                })
                .onSuccess(list -> ctx.response().putHeader("Content-Type", "application/json").end(list.encode()))
                .onFailure(e -> failed(ctx, e));
    }

    /**
     * {@code POST /api/v1/alerts/{alert_id}/ack}: any viewer whose scope holds the alert's checkpoint; {@code 204},
     * {@code 404} unknown, {@code 409} withdrawn; every wall of the alert's scope is told.
     */
    private void acknowledge(RoutingContext ctx) {
        String alertId = ctx.pathParam("param0");
        AccessToken token = BearerAuth.token(ctx);
        Future.fromCompletionStage(alertStore.find(alertId), vertx.getOrCreateContext()).compose(row -> {
            if (row == null) {
                Problems.send(ctx.response(), 404, "Not Found", "no alert '" + alertId + "'");
                return Future.succeededFuture();
            }
            return Future.fromCompletionStage(tiles.figures(), vertx.getOrCreateContext()).compose(f -> {
                String checkpoint = row.getString("checkpoint_id");
                if (!token.scope().includes(checkpoint, f.districtOf(checkpoint))) {
                    Problems.forbidden(ctx.response(), "alert '" + alertId + "' is outside this token's scope (" + token.scope() + ")");
                    return Future.succeededFuture();
                }
                if ("withdrawn".equals(row.getString("status"))) {
                    Problems.send(ctx.response(), 409, "Conflict", "alert '" + alertId + "' was withdrawn (its event was voided)");
                    return Future.succeededFuture();
                }
                Future<Void> stored = "acknowledged".equals(row.getString("status")) ? Future.succeededFuture()
                        : Future.fromCompletionStage(alertStore.acknowledge(row, token.label(), clock.instant()), vertx.getOrCreateContext());
                return stored.onSuccess(v -> {
                    audit.record(clock.instant(), "alert_ack", token.label(), f.districtOf(checkpoint), alertId, null, null);
                    hub.acknowledged(alertId, checkpoint);
                    ctx.response().setStatusCode(204).end();
                });
            });
        }).onFailure(e -> failed(ctx, e));
    }

    /**
     * Freezes today's report by itself once the cutoff ({@code CORDON_REPORT_CUTOFF}) is two minutes past and both jobs
     * are caught up ({@link #caughtUp}); a date frozen already (by hand, or by another dashboard) is left.
     */
    private void freezeToday() {
        java.time.Instant now = clock.instant();
        java.time.LocalDate today = java.time.LocalDate.ofInstant(now, config.timezone());
        java.time.Instant cutoffAt = new SnapshotRequest(today, config.reportCutoff(), config.timezone(), null, "json").cutoffInstant();
        if (now.isBefore(cutoffAt.plusSeconds(120)) || frozenToday.equals(today)
                || !caughtUp(countingLag, now, cutoffAt) || !caughtUp(screeningLag, now, cutoffAt)) {
            return;
        }
        reports.freeze(today, config.reportCutoff(), now).whenComplete((entry, e) -> {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            if (e == null || cause instanceof ReportService.AlreadyFrozen frozen && !frozen.inProgress()) {
                frozenToday = today;
                if (e == null) {
                    LOG.info("the report of {} ({}) is frozen: sha256 {}", today, config.reportCutoff(), entry.sha256());
                    audit.record(now, "report_freeze", "cordon", "", entry.date(), "the daily cutoff",
                            java.util.Map.of("cutoff", entry.cutoff(), "sha256", entry.sha256()));
                }
            } else if (!(cause instanceof ReportService.AlreadyFrozen)) {
                LOG.warn("the report of {} could not be frozen yet: {}", today, cause.toString());
            }
        });
    }

    private volatile java.time.LocalDate frozenToday = java.time.LocalDate.MIN;

    /**
     * Whether a job has counted what was received before the cutoff: its lag is known and within 5 s. A lag that cannot
     * be known (the job has not committed offsets yet, Kafka away) holds the freeze for half an hour after the cutoff,
     * then the report is frozen anyway (its changes list then names anything counted later).
     */
    private static boolean caughtUp(io.cordon.http.CountingLag lag, java.time.Instant now, java.time.Instant cutoffAt) {
        io.cordon.http.CountingLag.Lag l = lag == null ? io.cordon.http.CountingLag.Lag.UNKNOWN : lag.get();
        return l.known() ? l.seconds() <= 5 : now.isAfter(cutoffAt.plusSeconds(1800));
    }

    /** The {@code scope} of a report or its list: all or a district inside the token's. */
    private Scope reportScope(RoutingContext ctx) {
        Scope scope = askedScope(ctx);
        if (scope.isCheckpoint()) {
            throw new SnapshotRequest.BadParameter("scope", "a report is of all or of a district (district:NAME), got '" + scope + "'");
        }
        AccessToken token = BearerAuth.token(ctx);
        if (!token.scope().contains(scope, id -> null)) {
            throw Forbidden.outside(scope, token);
        }
        return scope;
    }

    private static java.time.LocalDate date(String value) {
        try {
            return java.time.LocalDate.parse(value);
        } catch (java.time.DateTimeException e) {
            throw new SnapshotRequest.BadParameter("date", "must be a date YYYY-MM-DD, got '" + value + "'");
        }
    }

    /** {@code GET /api/v1/reports}: the frozen reports of the scope, newest first. */
    private void reports(RoutingContext ctx) {
        Scope scope = reportScope(ctx);
        Future.fromCompletionStage(reports.list(scope), vertx.getOrCreateContext()).onSuccess(list -> {
            io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
            list.forEach(e -> out.add(e.json()));
            ctx.response().putHeader("Content-Type", "application/json").end(out.encode());
        }).onFailure(e -> failed(ctx, e));
    }

    /** {@code POST /api/v1/reports?date=&cutoff=} (an admin of all): freezes one; 201, 409 frozen already, 422 future. */
    private void freeze(RoutingContext ctx) {
        AccessToken token = BearerAuth.token(ctx);
        if (!token.scope().isAll()) {
            throw new Forbidden("freezing a report needs an admin token of scope all (this one is " + token.scope() + ")");
        }
        java.time.Instant now = clock.instant();
        SnapshotRequest request = SnapshotRequest.parse(ctx.request().getParam("date"), ctx.request().getParam("cutoff"), null, null,
                config.timezone(), now);
        if (ctx.request().getParam("cutoff") == null || ctx.request().getParam("date") == null) {
            throw new SnapshotRequest.BadParameter(ctx.request().getParam("date") == null ? "date" : "cutoff",
                    "date (YYYY-MM-DD) and cutoff (HH:MM) are both required");
        }
        if (request.cutoffInstant().isAfter(now)) {
            Problems.send(ctx.response(), 422, "Unprocessable Content", "the cutoff " + request.date() + " " + request.cutoff()
                    + " is still in the future: a report is frozen once its cutoff has passed");
            return;
        }
        Future.fromCompletionStage(reports.freeze(request.date(), request.cutoff(), now), vertx.getOrCreateContext())
                .onSuccess(entry -> {
                    audit.record(now, "report_freeze", token.label(), "", entry.date(), null,
                            java.util.Map.of("cutoff", entry.cutoff(), "sha256", entry.sha256()));
                    ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(entry.json().encode());
                })
                .onFailure(e -> {
                    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof ReportService.AlreadyFrozen frozen) {
                        Problems.send(ctx.response(), 409, "Conflict", frozen.getMessage());
                    } else {
                        failed(ctx, e);
                    }
                });
    }

    /** {@code GET /api/v1/reports/{date}?format=&scope=}: the frozen bytes, the same at every download. */
    private void report(RoutingContext ctx) {
        java.time.LocalDate date = date(ctx.pathParam("date"));
        Scope scope = reportScope(ctx);
        String format = Params.oneOf("format", ctx.request().getParam("format", "json"), SnapshotRequest.FORMATS);
        Future.fromCompletionStage(reports.download(date, scope, format), vertx.getOrCreateContext()).onSuccess(bytes -> {
            if (bytes == null) {
                Problems.send(ctx.response(), 404, "Not Found", "no frozen report of " + date + (scope.isAll() ? "" : " for " + scope));
                return;
            }
            ctx.response().putHeader("Content-Type", SnapshotExporter.contentType(format));
            if (!format.equals("json")) {
                ctx.response().putHeader("Content-Disposition", SnapshotRequest.contentDisposition("cordon-report-" + date
                        + (scope.isAll() ? "" : "-" + scope.value()) + "." + format));
            }
            ctx.response().end(Buffer.buffer(bytes));
        }).onFailure(e -> failed(ctx, e));
    }

    /** {@code GET /api/v1/reports/{date}/changes}: figures that differ now from what was reported (in the token's scope). */
    private void reportChanges(RoutingContext ctx) {
        java.time.LocalDate date = date(ctx.pathParam("date"));
        Scope own = BearerAuth.token(ctx).scope();
        Future.fromCompletionStage(reports.changes(date), vertx.getOrCreateContext())
                .compose(changes -> Future.fromCompletionStage(tiles.figures(), vertx.getOrCreateContext()).map(f -> {
                    if (changes == null || own.isAll()) {
                        return changes;
                    }
                    io.vertx.core.json.JsonArray inScope = new io.vertx.core.json.JsonArray();
                    for (Object o : changes.getJsonArray("changes")) {
                        String[] path = ((io.vertx.core.json.JsonObject) o).getString("figure").split("/");
                        boolean keep = path[0].equals("checkpoints") && own.includes(path[1], f.districtOf(path[1]));
                        if (keep) {
                            inScope.add(o);
                        }
                    }
                    return changes.copy().put("changes", inScope);
                }))
                .onSuccess(changes -> {
                    if (changes == null) {
                        Problems.send(ctx.response(), 404, "Not Found", "no frozen report of " + date);
                    } else {
                        ctx.response().putHeader("Content-Type", "application/json").end(changes.encode());
                    }
                })
                .onFailure(e -> failed(ctx, e));
    }

    /**
     * {@code GET /api/v1/audit?since=&action=&limit=} (admin): newest first; a district's admin reads its district's
     * entries only, the whole log needs an admin of scope all (API.md, "Audit").
     */
    private void audit(RoutingContext ctx) {
        AccessToken token = BearerAuth.token(ctx);
        java.time.Instant since = Params.instant("since", ctx.request().getParam("since"),
                java.time.LocalDate.now(clock.withZone(config.timezone())).atStartOfDay(config.timezone()).toInstant());
        int limit = Params.wholeNumber("limit", ctx.request().getParam("limit"), 100, 1, 1000);
        String action = ctx.request().getParam("action");
        if (action != null && !java.util.List.of("registry_upsert", "correction", "void", "void_refused", "correction_refused",
                "post_refused", "report_freeze", "sign_off", "alert_ack", "export").contains(action)) {
            throw new SnapshotRequest.BadParameter("action", "must be one of registry_upsert, correction, void, void_refused,"
                    + " correction_refused, post_refused, report_freeze, sign_off, alert_ack, export, got '" + action + "'");
        }
        String where = "at >= toDateTime(" + since.getEpochSecond() + ")"
                + (action == null ? "" : " AND action = " + io.cordon.schemas.clickhouse.ClickHouseSql.quote(action))
                + (token.scope().isAll() ? "" : " AND " + auditOfDistrict(token.scope().value()));
        Future.fromCompletionStage(clickHouse.execute("SELECT toUInt32(at) AS t, action, actor, target, reason, detail FROM audit_log WHERE "
                + where + " ORDER BY at DESC LIMIT " + limit + " FORMAT JSON"), vertx.getOrCreateContext()).onSuccess(body -> {
                    io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
                    for (Object o : CheckpointQueries.data(body)) {
                        io.vertx.core.json.JsonObject r = (io.vertx.core.json.JsonObject) o;
                        String detail = r.getString("detail");
                        out.add(new io.vertx.core.json.JsonObject()
                                .put("at", java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                        java.time.Instant.ofEpochSecond(CheckpointQueries.number(r, "t")).atZone(config.timezone())))
                                .put("action", r.getString("action")).put("actor", r.getString("actor"))
                                .put("target", r.getString("target")).put("reason", r.getString("reason"))
                                .put("detail", detail == null || detail.isEmpty() ? null : new io.vertx.core.json.JsonObject(detail)));
                    }
                    ctx.response().putHeader("Content-Type", "application/json").end(out.encode());
                }).onFailure(e -> failed(ctx, e));
    }

    /**
     * The audit rows of a district: those written with it (a refused change of another district's event is written with
     * the district of the admin who tried it), and the changes the jobs refused of a checkpoint or compound of the
     * district, by the figure their detail names: both districts' admins read a refused cross-district change.
     */
    static String auditOfDistrict(String district) {
        String d = io.cordon.schemas.clickhouse.ClickHouseSql.quote(district);
        return "(district = " + d + " OR (action IN ('void_refused', 'correction_refused', 'post_refused') AND ("
                + "visitParamExtractString(detail, 'figure') IN (SELECT concat('checkpoints/', checkpoint_id) FROM checkpoints FINAL "
                + "WHERE district = " + d + ") OR visitParamExtractString(detail, 'figure') IN (SELECT concat('compounds/', compound_id) "
                + "FROM compounds FINAL WHERE district = " + d + "))))";
    }

    /**
     * {@code GET /api/v1/reports/{date}/sign-offs}: the districts' sign-offs of a report (a district's viewer: its own);
     * {@code ?include=unsigned} lists every district of the report, {@code "signed"} true or false; {@code ?format=pdf}
     * is the printable sign-off sheet of the same (a sheet of its own, never inside the report's files).
     */
    private void signOffs(RoutingContext ctx) {
        java.time.LocalDate date = date(ctx.pathParam("date"));
        Scope own = BearerAuth.token(ctx).scope();
        String format = ctx.request().getParam("format", "json");
        boolean all = "unsigned".equals(ctx.request().getParam("include")) || format.equals("pdf");
        if (!format.equals("json") && !format.equals("pdf")) {
            throw new SnapshotRequest.BadParameter("format", "format must be json or pdf, got '" + format + "'");
        }
        if (!all) {
            Future.fromCompletionStage(reports.signOffs(date, own.isDistrict() ? own.value() : null), vertx.getOrCreateContext())
                    .onSuccess(list -> ctx.response().putHeader("Content-Type", "application/json").end(list.encode()))
                    .onFailure(e -> failed(ctx, e));
            return;
        }
        Future.fromCompletionStage(reports.list(), vertx.getOrCreateContext()).compose(list -> {
            var entry = list.stream().filter(e -> e.date().equals(date.toString())).findFirst().orElse(null);
            if (entry == null) {
                Problems.send(ctx.response(), 404, "Not Found", "no frozen report of " + date);
                return Future.succeededFuture();
            }
            return Future.fromCompletionStage(reports.signOffStatus(date), vertx.getOrCreateContext()).onSuccess(status -> {
                java.util.List<JsonObject> rows = new java.util.ArrayList<>();
                status.forEach(o -> {
                    JsonObject r = (JsonObject) o;
                    if (own.includesDistrict(r.getString("district"))) {
                        rows.add(r);
                    }
                });
                if (format.equals("pdf")) {
                    ctx.response().putHeader("Content-Type", "application/pdf")
                            .putHeader("Content-Disposition", "attachment; filename=\"cordon-sign-offs-" + date + ".pdf\"")
                            .end(io.vertx.core.buffer.Buffer.buffer(SnapshotExporter.signOffSheet(date.toString(), entry.cutoff(),
                                    entry.frozenAt(), rows)));
                } else {
                    ctx.response().putHeader("Content-Type", "application/json").end(new io.vertx.core.json.JsonArray(new java.util.ArrayList<>(rows)).encode());
                }
            }).mapEmpty();
        }).onFailure(e -> failed(ctx, e));
    }

    /**
     * {@code POST /api/v1/reports/{date}/sign-offs} (a district's admin, for its district; an admin of all names it with
     * {@code ?district=}): {@code 201}; {@code 404} a date not frozen; {@code 409} signed already.
     */
    private void signOff(RoutingContext ctx) {
        java.time.LocalDate date = date(ctx.pathParam("date"));
        AccessToken token = BearerAuth.token(ctx);
        String district = token.scope().isDistrict() ? token.scope().value() : ctx.request().getParam("district");
        if (district == null || district.isBlank()) {
            throw new SnapshotRequest.BadParameter("district", "an admin of all names the district it signs for (?district=NAME)");
        }
        String asked = ctx.request().getParam("district");
        if (token.scope().isDistrict() && asked != null && !asked.equals(district)) {
            throw new Forbidden("district '" + asked + "' is outside this token's scope (" + token.scope() + ")");
        }
        String note = ctx.request().getParam("note");
        java.time.Instant now = clock.instant();
        Future.fromCompletionStage(reports.list(), vertx.getOrCreateContext()).compose(list -> {
            if (list.stream().noneMatch(e -> e.date().equals(date.toString()))) {
                Problems.send(ctx.response(), 404, "Not Found", "no frozen report of " + date + " to sign");
                return Future.succeededFuture();
            }
            return Future.fromCompletionStage(reports.signOffs(date, district), vertx.getOrCreateContext()).compose(signed -> {
                if (!signed.isEmpty()) {
                    Problems.send(ctx.response(), 409, "Conflict", district + " signed the report of " + date + " already");
                    return Future.succeededFuture();
                }
                return Future.fromCompletionStage(reports.signOff(date, district, token.label(), note, now), vertx.getOrCreateContext())
                        .onSuccess(json -> {
                            audit.record(now, "sign_off", token.label(), district, date.toString(), note, null);
                            ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(json.encode());
                        }).mapEmpty();
            });
        }).onFailure(e -> failed(ctx, e));
    }

    /** The {@code scope} asked for; left out, the token's own. */
    private static Scope askedScope(RoutingContext ctx) {
        String param = ctx.request().getParam("scope");
        return param == null || param.isBlank() ? BearerAuth.token(ctx).scope() : Params.scope(param);
    }

    @Override
    public Future<?> stop() throws Exception {
        if (hub != null) {
            hub.stop();
        }
        vertx.cancelTimer(clickHouseTimer);
        vertx.cancelTimer(alertStoreTimer);
        vertx.cancelTimer(reportTimer);
        vertx.cancelTimer(auditTimer);
        if (screeningLag != null) {
            screeningLag.close();
        }
        if (countingLag != null) {
            countingLag.close();
        }
        if (alerts != null) {
            alerts.close();
        }
        if (webhook != null) {
            webhook.close();
        }
        return server == null ? Future.succeededFuture() : server.close();
    }

    /** The seven checkpoint counts of {@link CheckpointCount}, for the pages: key, Chinese and English label. */
    static String countsScript() {
        io.vertx.core.json.JsonArray list = new io.vertx.core.json.JsonArray();
        for (CheckpointCount c : CheckpointCount.ALL) {
            list.add(new io.vertx.core.json.JsonArray().add(c.key()).add(c.chinese()).add(c.english()));
        }
        return "window.CORDON_CHECKPOINT_COUNTS = " + list.encode() + ";\n";
    }

    private static String resource(String path) {
        try (java.io.InputStream in = DashboardVerticle.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("missing resource " + path, e);
        }
    }

    /** A rerouted page keeps its query (its token, its scope, its filters). */
    private static String withQuery(RoutingContext ctx, String path) {
        String query = ctx.request().query();
        return query == null ? path : path + "?" + query;
    }

    /** The inspection filters; a district's token sees its district only (another one asked for is a 403). */
    private static CompoundFilter filter(RoutingContext ctx) {
        Scope own = BearerAuth.token(ctx).scope();
        String district = ctx.request().getParam("district");
        if (own.isDistrict()) {
            if (district != null && !district.isBlank() && !district.strip().equals(own.value())) {
                throw new Forbidden("district '" + district.strip() + "' is outside this token's scope (" + own + ")");
            }
            district = own.value();
        }
        return CompoundFilter.of(district, ctx.request().getParam("street"), ctx.request().getParam("community"));
    }

    private void respond(RoutingContext ctx, java.util.concurrent.CompletableFuture<JsonObject> answer) {
        Future.fromCompletionStage(answer, vertx.getOrCreateContext())
                .onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json").end(json.encode()))
                .onFailure(e -> failed(ctx, e));
    }

    /** A handler threw: a wrong parameter (400), a place outside the scope (403), an unknown scope (404), or a bug (500). */
    private static void thrown(RoutingContext ctx) {
        Throwable e = ctx.failure();
        if (e == null) {
            int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            if (status == 503) {
                ctx.response().putHeader("Retry-After", "5");
            }
            Problems.send(ctx.response(), status, status == 500 ? "Internal Server Error" : "Error",
                    "the request failed with status " + status);
        } else if (!answered(ctx, e)) {
            LOG.error("unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), e);
            Problems.send(ctx.response(), 500, "Internal Server Error", "unexpected failure; it was logged");
        }
    }

    /** A read failed: answered as {@link #thrown} would, or 503 when the figures cannot be read (ClickHouse away). */
    private static void failed(RoutingContext ctx, Throwable e) {
        if (!answered(ctx, e)) {
            LOG.warn("{} {} failed: {}", ctx.request().method(), ctx.request().path(), e.getMessage());
            ctx.response().putHeader("Retry-After", "5");
            Problems.send(ctx.response(), 503, "Service Unavailable", "the figures cannot be read now; try again shortly");
        }
    }

    private static boolean answered(RoutingContext ctx, Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof LiveFigures.UnknownScope unknown) {
            Problems.send(ctx.response(), 404, "Not Found", unknown.getMessage());
        } else if (cause instanceof Forbidden forbidden) {
            Problems.forbidden(ctx.response(), forbidden.getMessage());
        } else if (cause instanceof SnapshotRequest.BadParameter bad) {
            Problems.badParameter(ctx.response(), bad.parameter(), bad.getMessage());
        } else {
            return false;
        }
        return true;
    }
}
