package io.cordon.dashboard.alerts;

import io.cordon.dashboard.live.TileService;
import io.cordon.dashboard.screening.CompoundFilter;
import io.cordon.dashboard.web.Access;
import io.cordon.dashboard.web.Answers;
import io.cordon.dashboard.web.Params;
import io.cordon.dashboard.web.ReadGate;
import io.cordon.http.AccessToken;
import io.cordon.http.Location;
import io.cordon.http.Problems;
import io.cordon.http.Scope;
import io.cordon.schemas.FeverAlert;
import io.cordon.schemas.OperationClock;
import io.cordon.schemas.clickhouse.AuditLog;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;

/** The stored fever alerts: {@code GET /api/v1/alerts} and {@code POST /api/v1/alerts/{alert_id}/ack}. */
public record AlertRoutes(AlertStore store, TileService tiles, AlertAcks acks, AuditLog audit, OperationClock clock) {

    public void mount(Router router, Access access, ReadGate reads) {
        access.viewer(router.get("/api/v1/alerts")).handler(reads).handler(this::list);
        // an alert id is <event_id>/<person>: event ids hold no '/'
        access.viewer(router.postWithRegex("/api/v1/alerts/([^/]+/[0-9]+)/ack")).handler(this::acknowledge);
    }

    /** {@code GET /api/v1/alerts?since=&limit=&scope=}: stored fever alerts in scope, newest first. */
    private void list(RoutingContext ctx) {
        Scope scope = Access.wholeArea(ctx, "alerts are");
        Instant since = Params.instant("since", ctx.request().getParam("since"), clock.startOfToday());
        int limit = Params.wholeNumber("limit", ctx.request().getParam("limit"), 100, 1, 1000);
        // alerts delivered in the last second are written first, so a wall opened right after a fever lists it
        ctx.vertx()
                .executeBlocking(
                        () -> {
                            store.flush();
                            return null;
                        },
                        false)
                .recover(e -> Future.succeededFuture())
                .compose(v -> Answers.later(ctx, tiles.figuresKnowing(scope)))
                .compose(f -> {
                    List<String> inScope = scope.isAll()
                            ? null
                            : f.registry().stream()
                                    .filter(c -> c.in(scope))
                                    .map(c -> c.checkpointId())
                                    .toList();
                    String homes = scope.isCheckpoint()
                            ? "0"
                            : CompoundFilter.of(scope).sql();
                    return Answers.later(ctx, store.list(since, limit, inScope, homes, clock.zone()));
                })
                .onSuccess(list -> Answers.json(ctx, list))
                .onFailure(e -> Answers.failed(ctx, e));
    }

    /**
     * {@code POST /api/v1/alerts/{alert_id}/ack}: any viewer whose scope holds the alert's checkpoint; {@code 204},
     * {@code 404} unknown, {@code 409} withdrawn; every wall of the alert's scope is told, on every dashboard ({@link AlertAcks}).
     */
    private void acknowledge(RoutingContext ctx) {
        String alertId = ctx.pathParam("param0");
        AccessToken token = Access.token(ctx);
        Answers.later(ctx, store.find(alertId))
                .compose(row -> {
                    if (row == null) {
                        Answers.notFound(ctx, "no alert '" + alertId + "'");
                        return Future.succeededFuture();
                    }
                    return Answers.later(ctx, tiles.figures()).compose(f -> {
                        String checkpoint = row.getString("checkpoint_id");
                        boolean home = FeverAlert.KEY_PERSON.equals(row.getString("kind"));
                        Location at = home
                                ? Location.home(
                                        row.getString("district"),
                                        row.getString("street"),
                                        row.getString("community"),
                                        row.getString("responsible_unit").isEmpty()
                                                ? null
                                                : row.getString("responsible_unit"))
                                : f.locationOf(checkpoint);
                        if (at == null || !token.scope().covers(at)) {
                            Problems.forbidden(
                                    ctx.response(),
                                    "alert '" + alertId + "' is outside this token's scope (" + token.scope() + ")");
                            return Future.succeededFuture();
                        }
                        if ("withdrawn".equals(row.getString("status"))) {
                            Answers.conflict(ctx, "alert '" + alertId + "' was withdrawn (its event was voided)");
                            return Future.succeededFuture();
                        }
                        Future<Void> stored = "acknowledged".equals(row.getString("status"))
                                ? Future.succeededFuture()
                                : Answers.later(ctx, store.acknowledge(row, token.label(), clock.now()));
                        return stored.onSuccess(v -> {
                            audit.record(clock.now(), "alert_ack", token.label(), at.district(), alertId, null, null);
                            acks.announce(alertId, at);
                            ctx.response().setStatusCode(204).end();
                        });
                    });
                })
                .onFailure(e -> Answers.failed(ctx, e));
    }
}
