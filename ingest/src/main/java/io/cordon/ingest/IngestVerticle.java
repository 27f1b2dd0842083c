package io.cordon.ingest;

import io.cordon.http.AccessTokens;
import io.cordon.http.BearerAuth;
import io.cordon.http.CountingLag;
import io.cordon.http.Health;
import io.cordon.http.Periodic;
import io.cordon.http.Problems;
import io.cordon.http.Role;
import io.cordon.http.ServiceMetrics;
import io.cordon.http.SlowClients;
import io.cordon.schemas.Checkpoint;
import io.cordon.schemas.Household;
import io.cordon.schemas.KeyPerson;
import io.cordon.schemas.Resources;
import io.cordon.schemas.Topics;
import io.cordon.schemas.clickhouse.AuditLog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ingest HTTP service: feeds and registries in, Kafka (and the registry tables) out. */
public final class IngestVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(IngestVerticle.class);

    private final IngestConfig config;
    private final Clock clock;
    private final IngestDependencies dependencies;
    /** Arrival ids written lately through this instance: fevers go ahead of the counting for first copies only. */
    private final RecentIds arrivalIds = new RecentIds();

    private EventLogWriter eventLog;
    private EventLogWriter registryLog;
    private HttpServer server;
    private Supplier<Health.Check> kafkaHealth;
    private Supplier<CountingLag.Lag> countingLag;
    private long auditTimer = -1;
    private final ServiceMetrics metrics = new ServiceMetrics("ingest");
    private volatile boolean up;

    public IngestVerticle(IngestConfig config, Clock clock, IngestDependencies dependencies) {
        this.config = config;
        this.clock = clock;
        this.dependencies = dependencies;
    }

    public IngestVerticle(IngestConfig config, Clock clock) {
        this(config, clock, IngestDependencies.kafka(config));
    }

    public IngestVerticle(IngestConfig config) {
        this(config, Clock.systemUTC());
    }

    /** The port the server listens on (the real one when configured with 0). */
    public int port() {
        return server.actualPort();
    }

    @Override
    public Future<?> start() {
        Registry<Checkpoint, Checkpoint> checkpoints = dependencies.checkpoints();
        Registry<Household, HouseholdMirror.Place> households = dependencies.households();
        Registry<KeyPerson, KeyPersonRows.Home> keyPersons = dependencies.keyPersons();
        return vertx.executeBlocking(() -> {
                    if (dependencies.follow()) {
                        EventLog.ensureTopics(config.kafkaBootstrap(), config.topics(), config.correctionWindow());
                    }
                    eventLog = dependencies.eventLog().get();
                    // a registry upload of a million rows has a producer of its own: feed items never wait behind it
                    registryLog = dependencies.registryLog().get();
                    return null;
                })
                .compose(ignored -> {
                    if (!dependencies.follow()) {
                        return Future.succeededFuture();
                    }
                    RegistryFollower follower =
                            new RegistryFollower(config.kafkaBootstrap(), List.of(checkpoints, households, keyPersons));
                    return vertx.deployVerticle(
                                    follower, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
                            .compose(id -> follower.caughtUp());
                })
                .onSuccess(v -> LOG.info(
                        "registry loaded from the registry log: {} checkpoints, {} households",
                        checkpoints.size(),
                        households.size()))
                .compose(ignored -> {
                    KeyedHash hash = new KeyedHash(config.idHashKey());
                    RegistryVisibility visibility = dependencies.visibility();
                    Router router = Router.router(vertx);
                    router.route().handler(metrics.requests());
                    router.get("/metrics").handler(metrics.scrape());
                    FunctionCounter.builder(
                                    "cordon_event_log_errors",
                                    this,
                                    v -> (eventLog == null ? 0 : eventLog.errors())
                                            + (registryLog == null ? 0 : registryLog.errors()))
                            .description("event-log writes that failed (Kafka away or refusing)")
                            .register(metrics.registry());
                    kafkaHealth = dependencies.kafkaHealth().apply(vertx);
                    countingLag = dependencies.countingLag().apply(vertx);
                    CountingLag.register(metrics.registry(), Topics.CHECKPOINT_COUNTS_GROUP, countingLag);
                    AuditLog audit = dependencies.audit();
                    auditTimer = Periodic.blocking(vertx, 1000, audit::flush);
                    Admission admission = new Admission(countingLag, config.maxCountingLag(), eventLog);
                    WorkBound work = new WorkBound();
                    Gauge.builder("cordon_ingest_requests_in_flight", work, WorkBound::requests)
                            .description("feed requests being checked or written now (bounded: beyond it, 503 at once)")
                            .register(metrics.registry());
                    Health.mount(
                            router,
                            () -> Map.of(
                                    "ingest",
                                    up ? Health.Check.ok() : Health.Check.down("starting"),
                                    "kafka",
                                    kafkaHealth.get()));
                    String openApi = Resources.text("ingest-openapi.json");
                    router.get("/openapi.json")
                            .handler(ctx -> ctx.response()
                                    .putHeader("Content-Type", "application/json")
                                    .end(openApi));
                    BearerAuth auth = new BearerAuth(config.tokens(), "cordon-ingest", false);
                    FeedRateLimit rateLimit = new FeedRateLimit(config.feedRateLimit());
                    // no request holds a connection for ever: a feed answers within 30 s (503 otherwise), an upload
                    // within 10 min
                    router.route("/api/v1/registry/*")
                            .handler(TimeoutHandler.create(600_000))
                            .handler(auth.require(Role.ADMIN));
                    Feeds feeds = new Feeds(router, auth, rateLimit, admission, work);
                    feeds.mount(
                            "/api/v1/checkpoint-events",
                            new ArrivalFeed(checkpoints, hash, config.feverThresholdC()),
                            CorrectionHandlers.arrivals(checkpoints),
                            arrivalIds,
                            body -> FeverScan.carriesFever(body, config.feverThresholdC()));
                    feeds.mount(
                            "/api/v1/household-visits",
                            new VisitFeed(households),
                            CorrectionHandlers.visits(households),
                            null,
                            body -> false);
                    feeds.mount(
                            "/api/v1/follow-ups",
                            new FollowUpFeed(keyPersons),
                            CorrectionHandlers.followUps(keyPersons),
                            null,
                            body -> false);
                    registry(router, "/api/v1/registry/checkpoints", 8, checkpoints, visibility, audit);
                    registry(router, "/api/v1/registry/households", 16, households, visibility, audit);
                    registry(router, "/api/v1/registry/key-persons", 16, keyPersons, visibility, audit);
                    router.route()
                            .last()
                            .handler(ctx -> Problems.send(
                                    ctx.response(),
                                    404,
                                    "Not Found",
                                    "no resource at " + ctx.request().path() + "; see /openapi.json"));
                    router.errorHandler(
                            405,
                            ctx -> Problems.send(
                                    ctx.response(),
                                    405,
                                    "Method Not Allowed",
                                    ctx.request().method() + " is not allowed on "
                                            + ctx.request().path()));
                    router.errorHandler(
                            413,
                            ctx -> Problems.send(
                                    ctx.response(),
                                    413,
                                    "Payload Too Large",
                                    "the body is larger than " + config.maxBodyBytes()
                                            + " bytes; send smaller batches"));
                    router.errorHandler(503, ctx -> {
                        ctx.response().putHeader("Retry-After", "5");
                        Problems.send(
                                ctx.response(),
                                503,
                                "Service Unavailable",
                                "the request took too long; send it again later");
                    });
                    router.errorHandler(500, ctx -> {
                        LOG.error(
                                "unexpected failure on {} {}",
                                ctx.request().method(),
                                ctx.request().path(),
                                ctx.failure());
                        Problems.send(
                                ctx.response(), 500, "Internal Server Error", "unexpected failure; it was logged");
                    });
                    // a connection idle for a minute is closed (a device that went away, a slow-headers attack)
                    // a body trickled byte by byte is cut off after 60 s (the idle timeout alone is reset by every
                    // byte)
                    return SlowClients.guard(
                                    vertx,
                                    vertx.createHttpServer(new HttpServerOptions()
                                            .setIdleTimeout(60)
                                            .setIdleTimeoutUnit(TimeUnit.SECONDS)),
                                    router)
                            .listen(config.port());
                })
                .onSuccess(s -> {
                    server = s;
                    up = true;
                    LOG.info("ingest listening on port {}", s.actualPort());
                });
    }

    @Override
    public Future<?> stop() {
        up = false;
        vertx.cancelTimer(auditTimer);
        dependencies.audit().flush();
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
        return closed.compose(v -> vertx.executeBlocking(() -> {
            if (eventLog != null) {
                eventLog.close();
            }
            if (registryLog != null) {
                registryLog.close();
            }
            if (kafkaHealth instanceof AutoCloseable closeable) {
                closeable.close();
            }
            if (countingLag instanceof AutoCloseable closeable) {
                closeable.close();
            }
            return null;
        }));
    }

    /** Logs, at start, which tokens there are (labels and scopes, never secrets) and what an unset variable means. */
    public static void warnAboutTokens(AccessTokens tokens) {
        if (tokens.devFeedToken()) {
            LOG.warn("CORDON_INGEST_TOKENS is not set: accepting only the development token 'dev-token'");
        }
        if (tokens.adminFromFeed()) {
            LOG.warn(
                    "CORDON_ADMIN_TOKENS is not set: feed tokens (scoped all or to a district) also write the registries");
        }
        for (Role role : List.of(Role.FEED, Role.ADMIN)) {
            LOG.info("{} tokens: {}", role.word(), tokens.all(role));
        }
    }

    /** How the feeds are mounted: each the same way, with its own checks. */
    private final class Feeds {
        private final Router router;
        private final BearerAuth auth;
        private final FeedRateLimit rateLimit;
        private final Admission admission;
        private final WorkBound work;

        Feeds(Router router, BearerAuth auth, FeedRateLimit rateLimit, Admission admission, WorkBound work) {
            this.router = router;
            this.auth = auth;
            this.rateLimit = rateLimit;
            this.admission = admission;
            this.work = work;
        }

        /**
         * {@code POST path} (feed tokens; answered within 30 s, 503 otherwise) and {@code PUT|DELETE path/{id}} (admin
         * tokens); {@code written}: where the ids written are remembered (arrivals' fevers go ahead of the counting),
         * {@code carriesFever}: whether a body holds a fever, which admission control never holds back.
         */
        void mount(
                String path,
                Feed feed,
                CorrectionHandlers.Kind kind,
                RecentIds written,
                Predicate<byte[]> carriesFever) {
            router.route(path)
                    .handler(TimeoutHandler.create(30_000))
                    .handler(auth.require(Role.FEED))
                    .handler(rateLimit);
            router.post(path)
                    .handler(ContentTypes.required(
                            t -> ContentTypes.isJson(t) || ContentTypes.isNdjson(t),
                            "application/json or application/x-ndjson"));
            router.post(path)
                    .handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
                    .handler(new FeedHandler(
                            vertx, feed, eventLog, clock, metrics.registry(), admission, written, work, carriesFever));
            corrections(
                    router,
                    auth,
                    path + "/:id",
                    new CorrectionHandlers(
                            vertx,
                            feed,
                            kind,
                            eventLog,
                            clock,
                            config.correctionWindow(),
                            dependencies.audit(),
                            written));
        }
    }

    /** {@code PUT} of a registry (CSV or JSON; a body up to {@code bodyFactor} times a feed's). */
    private void registry(
            Router router,
            String path,
            int bodyFactor,
            Registry<?, ?> registry,
            RegistryVisibility visibility,
            AuditLog audit) {
        router.put(path)
                .handler(ContentTypes.required(
                        t -> ContentTypes.isJson(t) || ContentTypes.isCsv(t), "text/csv or application/json"));
        router.put(path)
                .handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes() * bodyFactor))
                .handler(new RegistryHandler<>(registry, registryLog, clock, visibility, audit));
    }

    /** {@code PUT} (a correction) and {@code DELETE} (a void) of one event of a feed: admin tokens only. */
    private static void corrections(Router router, BearerAuth auth, String path, CorrectionHandlers handlers) {
        router.route(path).handler(TimeoutHandler.create(30_000)).handler(auth.require(Role.ADMIN));
        router.put(path).handler(ContentTypes.required(ContentTypes::isJson, "application/json"));
        router.put(path)
                .handler(BodyHandler.create(false).setBodyLimit(1024 * 1024))
                .handler(handlers.correct());
        router.delete(path).handler(handlers.voiding());
    }

    static List<String> routes() {
        return List.of(
                "/health",
                "/health/live",
                "/health/ready",
                "/metrics",
                "/openapi.json",
                "/api/v1/checkpoint-events",
                "/api/v1/registry/checkpoints",
                "/api/v1/household-visits",
                "/api/v1/registry/households",
                "/api/v1/follow-ups",
                "/api/v1/registry/key-persons");
    }
}
