package io.cordon.dashboard.reports;

import io.cordon.dashboard.files.SnapshotExporter;
import io.cordon.dashboard.web.Access;
import io.cordon.dashboard.web.Answers;
import io.cordon.dashboard.web.BadParameter;
import io.cordon.dashboard.web.ReadGate;
import io.cordon.http.AccessToken;
import io.cordon.http.Scope;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The districts' sign-offs of a frozen report: {@code GET} (JSON, or the PDF sheet) and {@code POST .../sign-offs}. */
public record SignOffRoutes(ReportService reports, SignOffs signOffs, AuditLog audit, OperationClock clock) {

    public void mount(Router router, Access access, ReadGate reads) {
        access.viewer(router.get("/api/v1/reports/:date/sign-offs"))
                .handler(reads)
                .handler(this::list);
        access.admin(router.post("/api/v1/reports/:date/sign-offs")).handler(this::sign);
    }

    /**
     * {@code GET /api/v1/reports/{date}/sign-offs}: the districts' sign-offs of a report (a district's viewer: its own);
     * {@code ?include=unsigned} lists every district of the report, {@code "signed"} true or false; {@code ?format=pdf}
     * is the printable sign-off sheet of the same (a sheet of its own, never inside the report's files).
     */
    private void list(RoutingContext ctx) {
        LocalDate date = Access.date("date", ctx.pathParam("date"));
        Scope own = Access.token(ctx).scope();
        String format = ctx.request().getParam("format", "json");
        boolean all = "unsigned".equals(ctx.request().getParam("include")) || format.equals("pdf");
        if (!format.equals("json") && !format.equals("pdf")) {
            throw new BadParameter("format", "format must be json or pdf, got '" + format + "'");
        }
        if (!all) {
            Answers.later(
                            ctx,
                            signOffs.of(date, own.isAll() ? null : Objects.requireNonNullElse(own.districtName(), "")))
                    .onSuccess(list -> Answers.json(ctx, list))
                    .onFailure(e -> Answers.failed(ctx, e));
            return;
        }
        Answers.later(ctx, reports.list())
                .compose(list -> {
                    var entry = list.stream()
                            .filter(e -> e.date().equals(date.toString()))
                            .findFirst()
                            .orElse(null);
                    if (entry == null) {
                        Answers.notFound(ctx, "no frozen report of " + date);
                        return Future.succeededFuture();
                    }
                    return Answers.later(ctx, signOffs.status(date))
                            .onSuccess(status -> {
                                List<JsonObject> rows = new ArrayList<>();
                                status.forEach(o -> {
                                    JsonObject r = (JsonObject) o;
                                    if (own.isAll() || r.getString("district").equals(own.districtName())) {
                                        rows.add(r);
                                    }
                                });
                                if (format.equals("pdf")) {
                                    ctx.response()
                                            .putHeader("Content-Type", "application/pdf")
                                            .putHeader(
                                                    "Content-Disposition",
                                                    "attachment; filename=\"cordon-sign-offs-" + date + ".pdf\"")
                                            .end(Buffer.buffer(SnapshotExporter.signOffSheet(
                                                    date.toString(), entry.cutoff(), entry.frozenAt(), rows)));
                                } else {
                                    Answers.json(ctx, new JsonArray(new ArrayList<>(rows)));
                                }
                            })
                            .mapEmpty();
                })
                .onFailure(e -> Answers.failed(ctx, e));
    }

    /**
     * {@code POST /api/v1/reports/{date}/sign-offs} (a district's admin, for its district; an admin of all names it with
     * {@code ?district=}): {@code 201}; {@code 404} a date not frozen; {@code 409} signed already.
     */
    private void sign(RoutingContext ctx) {
        LocalDate date = Access.date("date", ctx.pathParam("date"));
        AccessToken token = Access.token(ctx);
        String district = Access.district(ctx);
        if (district == null) {
            throw new BadParameter("district", "an admin of all names the district it signs for (?district=NAME)");
        }
        String note = ctx.request().getParam("note");
        Instant now = clock.now();
        Answers.later(ctx, reports.list())
                .compose(list -> {
                    if (list.stream().noneMatch(e -> e.date().equals(date.toString()))) {
                        Answers.notFound(ctx, "no frozen report of " + date + " to sign");
                        return Future.succeededFuture();
                    }
                    return Answers.later(ctx, signOffs.of(date, district)).compose(signed -> {
                        if (!signed.isEmpty()) {
                            Answers.conflict(ctx, district + " signed the report of " + date + " already");
                            return Future.succeededFuture();
                        }
                        return Answers.later(ctx, signOffs.sign(date, district, token.label(), note, now))
                                .onSuccess(json -> {
                                    audit.record(now, "sign_off", token.label(), district, date.toString(), note, null);
                                    ctx.response().setStatusCode(201);
                                    Answers.json(ctx, json);
                                })
                                .mapEmpty();
                    });
                })
                .onFailure(e -> Answers.failed(ctx, e));
    }
}
