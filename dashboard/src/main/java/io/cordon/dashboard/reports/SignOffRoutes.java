package io.cordon.dashboard.reports;

import io.cordon.dashboard.files.PdfFile;
import io.cordon.dashboard.web.Access;
import io.cordon.dashboard.web.Answers;
import io.cordon.dashboard.web.BadParameter;
import io.cordon.dashboard.web.Params;
import io.cordon.dashboard.web.ReadGate;
import io.cordon.dashboard.web.UnknownScope;
import io.cordon.http.AccessToken;
import io.cordon.http.Forbidden;
import io.cordon.http.Problems;
import io.cordon.http.Scope;
import io.cordon.schemas.OperationClock;
import io.cordon.schemas.clickhouse.AuditLog;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The sign-offs of a frozen report up the chain (上报): {@code GET} (JSON, or the PDF sheet), {@code POST .../sign-offs}
 * and {@code POST .../sign-offs/return}.
 */
public record SignOffRoutes(ReportService reports, SignOffs signOffs, AuditLog audit, OperationClock clock) {

    public void mount(Router router, Access access, ReadGate reads) {
        access.viewer(router.get("/api/v1/reports/:date/sign-offs"))
                .handler(reads)
                .handler(this::list);
        access.admin(router.post("/api/v1/reports/:date/sign-offs")).handler(this::sign);
        access.admin(router.post("/api/v1/reports/:date/sign-offs/return")).handler(this::giveBack);
    }

    /**
     * {@code GET /api/v1/reports/{date}/sign-offs}: the districts' sign-offs of a report (a district's viewer: its own);
     * {@code ?include=unsigned} lists every area of every signing level inside the token's scope with its status;
     * {@code ?format=pdf} is the printable sign-off sheet of the same (a sheet of its own, never inside the report's
     * files).
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
        Answers.later(ctx, frozen(date))
                .compose(entry -> {
                    if (entry == null) {
                        Answers.notFound(ctx, "no frozen report of " + date);
                        return Future.succeededFuture();
                    }
                    return Answers.later(ctx, signOffs.status(date, own))
                            .onSuccess(rows -> {
                                if (format.equals("pdf")) {
                                    ctx.response()
                                            .putHeader("Content-Type", "application/pdf")
                                            .putHeader(
                                                    "Content-Disposition",
                                                    "attachment; filename=\"cordon-sign-offs-" + date + ".pdf\"")
                                            .end(Buffer.buffer(PdfFile.signOffSheet(
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
     * {@code POST /api/v1/reports/{date}/sign-offs?area=&note=} (an admin whose scope holds the area; {@code ?district=}
     * means {@code area=district:NAME}; left out, the admin's own area): {@code 201}; {@code 404} a date not frozen or an
     * unknown area; {@code 409} signed already, or an area directly below it at a signing level not signed yet (named
     * in {@code "unsigned"}).
     */
    private void sign(RoutingContext ctx) {
        LocalDate date = Access.date("date", ctx.pathParam("date"));
        AccessToken token = Access.token(ctx);
        Scope area = signingArea(ctx, token);
        String note = ctx.request().getParam("note");
        Instant now = clock.now();
        SignOffChain chain = signOffs.chain();
        Answers.later(ctx, frozen(date))
                .compose(entry -> {
                    if (entry == null) {
                        Answers.notFound(ctx, "no frozen report of " + date + " to sign");
                        return Future.succeededFuture();
                    }
                    return Answers.later(ctx, signOffs.areas(date).thenCombine(signOffs.states(date), Chain::new))
                            .compose(known -> {
                                if (!known.areas().contains(area)) {
                                    throw new UnknownScope("no " + area.kind() + " '" + area.value() + "' to sign for");
                                }
                                SignOffs.State state = known.states().get(area);
                                if (state != null && state.signed()) {
                                    Answers.conflict(ctx, area + " signed the report of " + date + " already");
                                    return Future.succeededFuture();
                                }
                                String below = chain.below(area.kind());
                                List<String> unsigned = new ArrayList<>();
                                for (Scope a : known.areas()) {
                                    if (a.kind().equals(below) && area.contains(a, id -> null)) {
                                        SignOffs.State s = known.states().get(a);
                                        if (s == null || !s.signed()) {
                                            unsigned.add(a.toString());
                                        }
                                    }
                                }
                                if (!unsigned.isEmpty()) {
                                    Problems.send(
                                            ctx.response(),
                                            Problems.problem(
                                                            409,
                                                            "Conflict",
                                                            unsigned.size() + " " + below + " area(s) of " + area
                                                                    + " have not signed yet: they sign first")
                                                    .put("unsigned", new JsonArray(new ArrayList<>(unsigned))));
                                    return Future.succeededFuture();
                                }
                                return Answers.later(ctx, signOffs.sign(date, area, token.label(), note, now))
                                        .onSuccess(json -> {
                                            audit.record(
                                                    now,
                                                    "sign_off",
                                                    token.label(),
                                                    Objects.requireNonNullElse(area.districtName(), ""),
                                                    date.toString(),
                                                    note,
                                                    Map.of("area", area.toString()));
                                            ctx.response().setStatusCode(201);
                                            Answers.json(ctx, json);
                                        })
                                        .mapEmpty();
                            });
                })
                .onFailure(e -> Answers.failed(ctx, e));
    }

    /**
     * {@code POST /api/v1/reports/{date}/sign-offs/return?area=&reason=} (an admin of a scope strictly holding the area):
     * the area's sign-off and those above it become {@code returned}; {@code 204}; {@code 409} when the area has not
     * signed.
     */
    private void giveBack(RoutingContext ctx) {
        LocalDate date = Access.date("date", ctx.pathParam("date"));
        AccessToken token = Access.token(ctx);
        String asked = ctx.request().getParam("area");
        if (asked == null || asked.isBlank()) {
            throw new BadParameter(
                    "area", "names the area whose sign-off is returned (area=street:DISTRICT/STREET, …)");
        }
        Scope area = signingLevel(Params.scope("area", asked));
        String reason = ctx.request().getParam("reason");
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            throw new BadParameter("reason", "is required: 1-200 characters saying why the sign-off is returned");
        }
        if (token.scope().equals(area) || !token.scope().contains(area, id -> null)) {
            throw new Forbidden("returning " + area + "'s sign-off needs an admin of an area above it (this token is "
                    + token.scope() + ")");
        }
        Instant now = clock.now();
        Answers.later(ctx, signOffs.states(date))
                .compose(states -> {
                    SignOffs.State state = states.get(area);
                    if (state == null || !state.signed()) {
                        Answers.conflict(ctx, area + " has not signed the report of " + date + ": nothing to return");
                        return Future.succeededFuture();
                    }
                    List<SignOffs.State> reopened = new ArrayList<>();
                    reopened.add(state);
                    for (Scope up : signOffs.chain().above(area)) {
                        SignOffs.State s = states.get(up);
                        if (s != null && s.signed()) {
                            reopened.add(s);
                        }
                    }
                    String why = reason.strip();
                    return Answers.later(ctx, signOffs.reopen(date, reopened, token.label(), why, now))
                            .onSuccess(v -> {
                                audit.record(
                                        now,
                                        "sign_off_return",
                                        token.label(),
                                        Objects.requireNonNullElse(area.districtName(), ""),
                                        date.toString(),
                                        why,
                                        Map.of(
                                                "area",
                                                area.toString(),
                                                "reopened",
                                                reopened.stream()
                                                        .map(s -> s.area().toString())
                                                        .toList()));
                                ctx.response().setStatusCode(204).end();
                            })
                            .mapEmpty();
                })
                .onFailure(e -> Answers.failed(ctx, e));
    }

    /** The areas of the signing levels and their states, read side by side. */
    private record Chain(List<Scope> areas, Map<Scope, SignOffs.State> states) {}

    /** The date's frozen report, or null. */
    private CompletableFuture<ReportService.Entry> frozen(LocalDate date) {
        return reports.list()
                .thenApply(list -> list.stream()
                        .filter(e -> e.date().equals(date.toString()))
                        .findFirst()
                        .orElse(null));
    }

    /** The area a sign-off is for: {@code area}, {@code district} (the second release's), or the admin's own area. */
    private Scope signingArea(RoutingContext ctx, AccessToken token) {
        String asked = ctx.request().getParam("area");
        Scope area;
        if (asked != null && !asked.isBlank()) {
            area = Params.scope("area", asked);
        } else if (ctx.request().getParam("district") != null
                && !ctx.request().getParam("district").isBlank()) {
            area = Scope.district(ctx.request().getParam("district").strip());
        } else if (SignOffChain.ORDER.contains(token.scope().kind())) {
            area = token.scope();
        } else {
            throw new BadParameter(
                    "area",
                    "names the area it signs for (area=district:NAME, street:…, community:…, or ?district=NAME)");
        }
        signingLevel(area);
        if (!token.scope().contains(area, id -> null)) {
            throw new Forbidden(area + " is outside this token's scope (" + token.scope() + ")");
        }
        return area;
    }

    /** Refuses an area whose level does not sign ({@code CORDON_SIGNOFF_LEVELS}). */
    private Scope signingLevel(Scope area) {
        if (!signOffs.chain().signs(area.kind())) {
            throw new BadParameter(
                    "area",
                    "the " + area.kind() + " level does not sign reports here (CORDON_SIGNOFF_LEVELS="
                            + String.join(",", signOffs.chain().levels()) + "), got '" + area + "'");
        }
        return area;
    }
}
