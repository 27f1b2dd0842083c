package io.cordon.dashboard.live;

import io.cordon.dashboard.web.Access;
import io.cordon.dashboard.web.Answers;
import io.cordon.dashboard.web.Params;
import io.cordon.http.Forbidden;
import io.cordon.http.Problems;
import io.cordon.http.Scope;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The routes the walls live on: {@code WS /ws/live}, {@code GET /api/v1/tiles}, {@code GET /api/v1/series} and
 * {@code GET /api/v1/trend}. They never
 * wait behind the read bound: their figures come from the one shared read of each refresh.
 */
public record LiveRoutes(LiveHub hub, TileService tiles, ChartService charts, int maxWalls, int maxWallsPerToken) {

    public void mount(Router router, Access access) {
        access.viewer(router.get("/ws/live")).handler(this::live);
        access.viewer(router.get("/api/v1/tiles")).handler(this::tiles);
        access.viewer(router.get("/api/v1/series")).handler(this::series);
        access.viewer(router.get("/api/v1/trend")).handler(this::trend);
    }

    /** {@code GET /ws/live}: an unknown scope (404) or one outside the token's (403) is refused before the upgrade. */
    private void live(RoutingContext ctx) {
        Scope scope = Access.askedScope(ctx);
        Scope own = Access.token(ctx).scope();
        String tokenKey = wallKey(ctx);
        LiveHub.Reservation place = hub.reserve(tokenKey, maxWalls, maxWallsPerToken);
        if (place == LiveHub.Reservation.DASHBOARD_FULL) {
            ctx.response().putHeader("Retry-After", "30");
            Problems.send(
                    ctx.response(),
                    503,
                    "Service Unavailable",
                    "the dashboard has its " + maxWalls + " walls open (CORDON_WS_MAX_CLIENTS); try again later");
            return;
        }
        if (place == LiveHub.Reservation.TOKEN_FULL) {
            ctx.response().putHeader("Retry-After", "30");
            Problems.send(
                    ctx.response(),
                    429,
                    "Too Many Requests",
                    "this token has " + maxWallsPerToken
                            + " walls open (CORDON_WS_MAX_CLIENTS_PER_TOKEN); close one first");
            return;
        }
        ctx.request().pause();
        Answers.later(ctx, tiles.figuresKnowing(scope)).onComplete(ar -> {
            if (ar.failed()) {
                hub.unreserve(tokenKey);
                Answers.failed(ctx, ar.cause());
            } else if (!own.contains(scope, ar.result()::locationOf)) {
                hub.unreserve(tokenKey);
                Answers.failed(ctx, Forbidden.outside(scope, Access.token(ctx)));
            } else {
                ctx.request()
                        .toWebSocket()
                        .onSuccess(ws -> hub.add(ws, scope, tokenKey))
                        .onFailure(e -> {
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
        String key = Access.token(ctx).secretSha256();
        if (key == null || key.isEmpty()) {
            var remote = ctx.request().remoteAddress();
            return "address:" + (remote == null ? "" : remote.hostAddress());
        }
        return key;
    }

    /** {@code GET /api/v1/tiles}: the tiles of a scope inside the token's (its own by default). */
    private void tiles(RoutingContext ctx) {
        if (waitingForReplica(ctx)) {
            return;
        }
        Scope scope = Access.askedScope(ctx);
        var answer = tiles.tiles(
                scope,
                Params.round(ctx.request().getParam("round")),
                Access.token(ctx).scope());
        Answers.later(ctx, answer)
                .onSuccess(json -> {
                    if (waitingForReplica(ctx)) {
                        return; // this read is the one that moved to another replica
                    }
                    ctx.response()
                            .putHeader("X-Cordon-Figures-Read-Ms", String.valueOf(tiles.lastReadMillis()))
                            .putHeader("X-Cordon-Figures-Read-Parts", tiles.lastReadParts());
                    Answers.json(ctx, json);
                })
                .onFailure(e -> Answers.failed(ctx, e));
    }

    /** {@code GET /api/v1/series?scope=}: what the wall's charts show, for a scope inside the token's. */
    private void series(RoutingContext ctx) {
        if (waitingForReplica(ctx)) {
            return;
        }
        Answers.later(
                        ctx,
                        charts.charts(Access.askedScope(ctx), Access.token(ctx).scope()))
                .onSuccess(json -> {
                    if (!waitingForReplica(ctx)) {
                        Answers.json(ctx, json);
                    }
                })
                .onFailure(e -> Answers.failed(ctx, e));
    }

    /**
     * While the walls show STALE because the reads moved to a replica still catching up, the live figures' routes answer
     * {@code 503} with {@code Retry-After} too: never a figure below one already shown.
     */
    private boolean waitingForReplica(RoutingContext ctx) {
        if (!hub.waitingForReplica()) {
            return false;
        }
        Answers.replicaCatchingUp(ctx);
        return true;
    }

    /** {@code GET /api/v1/trend?scope=&days=}: the seven counts of each of the last 1 to 28 days (14 by default). */
    private void trend(RoutingContext ctx) {
        int days = Params.wholeNumber("days", ctx.request().getParam("days"), 14, 1, ChartService.MAX_TREND_DAYS);
        Answers.json(ctx, charts.trend(Access.askedScope(ctx), Access.token(ctx).scope(), days));
    }
}
