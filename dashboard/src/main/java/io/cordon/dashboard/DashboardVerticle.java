package io.cordon.dashboard;

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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The dashboard HTTP service: the wall page, the JSON API, the live websocket and the snapshot exports. */
public final class DashboardVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardVerticle.class);

    private final DashboardConfig config;
    private final Clock clock;
    private HttpServer server;
    private LiveHub hub;
    private AlertFeed alerts;

    public DashboardVerticle(DashboardConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public DashboardVerticle(DashboardConfig config) {
        this(config, Clock.systemUTC());
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public Future<?> start() {
        ClickHouseHttp clickHouse = new ClickHouseHttp(config.clickhouseUrl(), config.clickhouseDatabase());
        CheckpointQueries checkpoints = new CheckpointQueries(clickHouse);
        ScreeningQueries screening = new ScreeningQueries(clickHouse, config.timezone(), config.revisitWindow());
        TileService tiles = new TileService(checkpoints, screening, config, clock);
        SnapshotService snapshots = new SnapshotService(checkpoints, screening);
        hub = new LiveHub(vertx, tiles, checkpoints, config.timezone());
        hub.start(config.refreshInterval());
        alerts = new AlertFeed(config.kafkaBootstrap(), alert -> vertx.runOnContext(v -> hub.alert(alert))).start();

        Router router = Router.router(vertx);
        router.get("/health").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("status", "up").encode()));
        String openApi = resource("dashboard-openapi.json");
        router.get("/openapi.json").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json").end(openApi));
        String counts = countsScript();
        router.get("/counts.js").handler(ctx -> ctx.response().putHeader("Content-Type", "text/javascript; charset=utf-8").end(counts));
        router.route().handler(this::authorize);
        // a handler throws SnapshotRequest.BadParameter for a wrong query parameter: answered here, naming it
        router.route().failureHandler(ctx -> {
            if (ctx.failure() instanceof SnapshotRequest.BadParameter bad) {
                Problems.badParameter(ctx.response(), bad.parameter(), bad.getMessage());
            } else {
                LOG.error("unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
                Problems.send(ctx.response(), ctx.statusCode() > 0 ? ctx.statusCode() : 500, "Internal Server Error",
                        "unexpected failure; it was logged");
            }
        });
        router.get("/ws/live").handler(ctx -> {
            Scope scope = Params.scope(ctx.request().getParam("scope"));
            // an unknown scope is refused before the upgrade, never kept among the watched ones
            ctx.request().pause();
            Future.fromCompletionStage(tiles.figuresKnowing(scope), vertx.getOrCreateContext()).onComplete(ar -> {
                if (ar.failed()) {
                    failed(ctx, ar.cause());
                    return;
                }
                ctx.request().toWebSocket().onSuccess(ws -> hub.add(ws, scope))
                        .onFailure(e -> Problems.send(ctx.response(), 400, "Bad Request", "a websocket upgrade is expected here"));
            });
        });
        router.get("/api/v1/tiles").handler(ctx -> {
            var answer = tiles.tiles(Params.scope(ctx.request().getParam("scope")), Params.round(ctx.request().getParam("round")));
            Future.fromCompletionStage(answer, vertx.getOrCreateContext())
                    .onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json")
                            .putHeader("X-Cordon-Figures-Read-Ms", String.valueOf(tiles.lastReadMillis())).end(json.encode()))
                    .onFailure(e -> failed(ctx, e));
        });
        router.get("/api/v1/compounds").handler(ctx -> {
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
                            ctx.response().putHeader("Content-Type", "application/json").end(result.encode());
                        }
                    })
                    .onFailure(e -> failed(ctx, e));
        });
        router.get("/api/v1/compounds/:id/households").handler(ctx -> {
            String id = ctx.pathParam("id");
            Future.fromCompletionStage(screening.households(id, Params.round(ctx.request().getParam("round")), clock.instant()),
                            vertx.getOrCreateContext())
                    .onSuccess(result -> {
                        if (result == null) {
                            Problems.send(ctx.response(), 404, "Not Found", "no compound '" + id + "' in the household registry");
                        } else {
                            ctx.response().putHeader("Content-Type", "application/json").end(result.encode());
                        }
                    })
                    .onFailure(e -> failed(ctx, e));
        });
        router.get("/api/v1/revisits/overdue").handler(ctx -> respond(ctx,
                screening.overdue(Params.round(ctx.request().getParam("round")), filter(ctx), clock.instant(), 500)));
        router.get("/api/v1/snapshot").handler(ctx -> {
            SnapshotRequest request = SnapshotRequest.parse(ctx.request().getParam("date"), ctx.request().getParam("cutoff"),
                    ctx.request().getParam("round"), ctx.request().getParam("format"), config.timezone(), clock.instant());
            Future.fromCompletionStage(snapshots.snapshot(request), vertx.getOrCreateContext())
                    .compose(s -> request.format().equals("json") ? Future.succeededFuture(Buffer.buffer(s.encode()))
                            : vertx.executeBlocking(() -> Buffer.buffer(SnapshotExporter.export(s, request.format())), false))
                    .onSuccess(body -> {
                        ctx.response().putHeader("Content-Type", SnapshotExporter.contentType(request.format()));
                        if (!request.format().equals("json")) {
                            ctx.response().putHeader("Content-Disposition", "attachment; filename=\"" + request.fileName() + "\"");
                        }
                        ctx.response().end(body);
                    })
                    .onFailure(e -> failed(ctx, e));
        });
        router.get("/").handler(ctx -> ctx.reroute(withQuery(ctx, "/index.html")));
        router.get("/inspect").handler(ctx -> ctx.reroute(withQuery(ctx, "/inspect.html")));
        router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
        router.route().last().handler(ctx -> Problems.send(ctx.response(), 404, "Not Found", "no resource at " + ctx.request().path()));
        return vertx.createHttpServer().requestHandler(router).listen(config.port()).onSuccess(s -> {
            server = s;
            LOG.info("dashboard listening on port {}", s.actualPort());
        });
    }

    @Override
    public Future<?> stop() throws Exception {
        if (hub != null) {
            hub.stop();
        }
        if (alerts != null) {
            alerts.close();
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

    private void authorize(RoutingContext ctx) {
        if (config.viewerTokens().isEmpty()) {
            ctx.next();
            return;
        }
        String given = ctx.request().getParam("token");
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = header.substring(7).strip();
        }
        if (given != null) {
            byte[] g = given.getBytes(StandardCharsets.UTF_8);
            for (String t : config.viewerTokens()) {
                if (MessageDigest.isEqual(g, t.getBytes(StandardCharsets.UTF_8))) {
                    ctx.next();
                    return;
                }
            }
        }
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"cordon-dashboard\"");
        Problems.send(ctx.response(), 401, "Unauthorized", "a viewer token is required: 'Authorization: Bearer <token>' or ?token=");
    }

    private static CompoundFilter filter(RoutingContext ctx) {
        return CompoundFilter.of(ctx.request().getParam("district"), ctx.request().getParam("street"), ctx.request().getParam("community"));
    }

    private void respond(RoutingContext ctx, java.util.concurrent.CompletableFuture<JsonObject> answer) {
        Future.fromCompletionStage(answer, vertx.getOrCreateContext())
                .onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json").end(json.encode()))
                .onFailure(e -> failed(ctx, e));
    }

    private static void failed(RoutingContext ctx, Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof LiveFigures.UnknownScope unknown) {
            Problems.send(ctx.response(), 404, "Not Found", unknown.getMessage());
            return;
        }
        LOG.warn("{} {} failed: {}", ctx.request().method(), ctx.request().path(), e.getMessage());
        ctx.response().putHeader("Retry-After", "5");
        Problems.send(ctx.response(), 503, "Service Unavailable", "the figures cannot be read now; try again shortly");
    }
}
