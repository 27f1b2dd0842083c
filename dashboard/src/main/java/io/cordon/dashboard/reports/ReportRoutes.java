package io.cordon.dashboard.reports;

import io.cordon.dashboard.files.SnapshotExporter;
import io.cordon.dashboard.live.TileService;
import io.cordon.dashboard.web.Access;
import io.cordon.dashboard.web.Answers;
import io.cordon.dashboard.web.BadParameter;
import io.cordon.dashboard.web.Params;
import io.cordon.dashboard.web.ReadGate;
import io.cordon.http.AccessToken;
import io.cordon.http.Forbidden;
import io.cordon.http.Problems;
import io.cordon.http.Scope;
import io.cordon.schemas.Figure;
import io.cordon.schemas.OperationClock;
import io.cordon.schemas.clickhouse.AuditLog;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * The day's snapshot and the reports of record: {@code GET /api/v1/snapshot}, {@code GET|POST /api/v1/reports},
 * {@code GET /api/v1/reports/{date}} (the frozen bytes), {@code GET /api/v1/reports/{date}/changes} and a past day as the
 * wall shows it, {@code GET /api/v1/days/{date}}. Every one waits behind the read bound; every export is audited.
 */
public record ReportRoutes(
        SnapshotService snapshots,
        ReportService reports,
        ReportChanges changes,
        PastDays days,
        TileService tiles,
        AuditLog audit,
        OperationClock clock) {

    public void mount(Router router, Access access, ReadGate reads) {
        access.viewer(router.get("/api/v1/snapshot")).handler(reads).handler(this::snapshot);
        access.viewer(router.get("/api/v1/reports")).handler(reads).handler(this::reports);
        access.admin(router.post("/api/v1/reports")).handler(reads).handler(this::freeze);
        access.viewer(router.get("/api/v1/reports/:date")).handler(reads).handler(this::report);
        access.viewer(router.get("/api/v1/reports/:date/changes"))
                .handler(reads)
                .handler(this::changes);
        access.viewer(router.get("/api/v1/days/:date")).handler(reads).handler(this::day);
    }

    /** {@code GET /api/v1/days/{date}?scope=}: a day before today for the wall, from its report of record if frozen. */
    private void day(RoutingContext ctx) {
        LocalDate date = Access.date("date", ctx.pathParam("date"));
        Scope scope = Access.wholeArea(ctx, "a past day is");
        Answers.later(ctx, days.of(date, scope))
                .onSuccess(day -> Answers.json(ctx, day))
                .onFailure(e -> Answers.failed(ctx, e));
    }

    /** {@code GET /api/v1/snapshot}: the day's snapshot of a scope inside the token's (all or a district). */
    private void snapshot(RoutingContext ctx) {
        SnapshotRequest request = SnapshotRequest.parse(
                ctx.request().getParam("date"),
                ctx.request().getParam("cutoff"),
                ctx.request().getParam("round"),
                ctx.request().getParam("format"),
                clock.zone(),
                clock.now());
        Scope scope = Access.wholeArea(ctx, "a snapshot is");
        boolean english = "en".equals(ctx.request().getParam("lang"));
        Answers.later(ctx, snapshots.snapshot(request, scope))
                .compose(s -> request.format().equals("json")
                        ? Future.succeededFuture(Buffer.buffer(s.encode()))
                        : ctx.vertx()
                                .executeBlocking(
                                        () -> Buffer.buffer(SnapshotExporter.export(s, request.format(), english)),
                                        false))
                .onSuccess(body -> {
                    ctx.response().putHeader("Content-Type", SnapshotExporter.contentType(request.format()));
                    if (!request.format().equals("json")) {
                        ctx.response()
                                .putHeader(
                                        "Content-Disposition",
                                        SnapshotRequest.contentDisposition(request.fileName(scope)));
                        audit.record(
                                clock.now(),
                                "export",
                                Access.token(ctx).label(),
                                Objects.requireNonNullElse(scope.districtName(), ""),
                                "snapshot " + request.date() + " " + request.cutoff(),
                                null,
                                Map.of("format", request.format()));
                    }
                    ctx.response().end(body);
                })
                .onFailure(e -> Answers.failed(ctx, e));
    }

    /** {@code GET /api/v1/reports}: the frozen reports of the scope, newest first. */
    private void reports(RoutingContext ctx) {
        Scope scope = Access.wholeArea(ctx, "a report is");
        Answers.later(ctx, reports.list(scope))
                .onSuccess(list -> {
                    JsonArray out = new JsonArray();
                    list.forEach(e -> out.add(e.json()));
                    Answers.json(ctx, out);
                })
                .onFailure(e -> Answers.failed(ctx, e));
    }

    /** {@code POST /api/v1/reports?date=&cutoff=} (an admin of all): freezes one; 201, 409 frozen already, 422 future. */
    private void freeze(RoutingContext ctx) {
        AccessToken token = Access.token(ctx);
        if (!token.scope().isAll()) {
            throw new Forbidden(
                    "freezing a report needs an admin token of scope all (this one is " + token.scope() + ")");
        }
        Instant now = clock.now();
        SnapshotRequest request = SnapshotRequest.parse(
                ctx.request().getParam("date"), ctx.request().getParam("cutoff"), null, null, clock.zone(), now);
        if (ctx.request().getParam("cutoff") == null || ctx.request().getParam("date") == null) {
            throw new BadParameter(
                    ctx.request().getParam("date") == null ? "date" : "cutoff",
                    "date (YYYY-MM-DD) and cutoff (HH:MM) are both required");
        }
        if (request.cutoffInstant().isAfter(now)) {
            Problems.send(
                    ctx.response(),
                    422,
                    "Unprocessable Content",
                    "the cutoff " + request.date() + " " + request.cutoff()
                            + " is still in the future: a report is frozen once its cutoff has passed");
            return;
        }
        Answers.later(ctx, reports.freeze(request.date(), request.cutoff(), now))
                .onSuccess(entry -> {
                    audit.record(
                            now,
                            "report_freeze",
                            token.label(),
                            "",
                            entry.date(),
                            null,
                            Map.of("cutoff", entry.cutoff(), "sha256", entry.sha256()));
                    if (ctx.response().headWritten()) {
                        // answered 503 at the deadline meanwhile: the report stands, frozen and audited; asked again,
                        // it is a 409 naming it
                        return;
                    }
                    ctx.response().setStatusCode(201);
                    Answers.json(ctx, entry.json());
                })
                .onFailure(e -> {
                    if (Answers.cause(e) instanceof ReportService.AlreadyFrozen frozen
                            && !ctx.response().headWritten()) {
                        Answers.conflict(ctx, frozen.getMessage());
                    } else {
                        Answers.failed(ctx, e);
                    }
                });
    }

    /** {@code GET /api/v1/reports/{date}?format=&scope=}: the frozen bytes, the same at every download. */
    private void report(RoutingContext ctx) {
        LocalDate date = Access.date("date", ctx.pathParam("date"));
        Scope scope = Access.wholeArea(ctx, "a report is");
        String format = Params.oneOf("format", ctx.request().getParam("format", "json"), SnapshotRequest.FORMATS);
        Answers.later(ctx, reports.download(date, scope, format))
                .onSuccess(bytes -> {
                    if (bytes == null) {
                        Answers.notFound(ctx, "no frozen report of " + date + (scope.isAll() ? "" : " for " + scope));
                        return;
                    }
                    ctx.response().putHeader("Content-Type", SnapshotExporter.contentType(format));
                    if (!format.equals("json")) {
                        ctx.response()
                                .putHeader(
                                        "Content-Disposition",
                                        SnapshotRequest.contentDisposition("cordon-report-" + date
                                                + (scope.isAll() ? "" : "-" + scope.value()) + "." + format));
                    }
                    ctx.response().end(Buffer.buffer(bytes));
                })
                .onFailure(e -> Answers.failed(ctx, e));
    }

    /** {@code GET /api/v1/reports/{date}/changes}: figures that differ now from what was reported (in the token's scope). */
    private void changes(RoutingContext ctx) {
        LocalDate date = Access.date("date", ctx.pathParam("date"));
        Scope own = Access.token(ctx).scope();
        Answers.later(ctx, changes.of(date))
                .compose(changes -> Answers.later(ctx, tiles.figures()).map(f -> {
                    if (changes == null || own.isAll()) {
                        return changes;
                    }
                    JsonArray inScope = new JsonArray();
                    for (Object o : changes.getJsonArray("changes")) {
                        Figure figure = Figure.parse(((JsonObject) o).getString("figure"));
                        if (figure.kind().equals(Figure.CHECKPOINTS)
                                && f.locationOf(figure.id()) != null
                                && own.covers(f.locationOf(figure.id()))) {
                            inScope.add(o);
                        }
                    }
                    return changes.copy().put("changes", inScope);
                }))
                .onSuccess(changes -> {
                    if (changes == null) {
                        Answers.notFound(ctx, "no frozen report of " + date);
                    } else {
                        Answers.json(ctx, changes);
                    }
                })
                .onFailure(e -> Answers.failed(ctx, e));
    }
}
