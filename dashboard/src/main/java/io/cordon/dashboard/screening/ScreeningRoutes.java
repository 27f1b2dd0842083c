package io.cordon.dashboard.screening;

import io.cordon.dashboard.files.SnapshotExporter;
import io.cordon.dashboard.web.Access;
import io.cordon.dashboard.web.Answers;
import io.cordon.dashboard.web.BadParameter;
import io.cordon.dashboard.web.Params;
import io.cordon.dashboard.web.ReadGate;
import io.cordon.http.Problems;
import io.cordon.http.Scope;
import io.cordon.schemas.OperationClock;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The inspection view's reads: {@code GET /api/v1/compounds}, {@code GET /api/v1/compounds/{id}/households} and
 * {@code GET /api/v1/revisits/overdue}, each of the token's district only.
 */
public record ScreeningRoutes(ScreeningQueries screening, OperationClock clock) {

    public void mount(Router router, Access access, ReadGate reads) {
        access.viewer(router.get("/api/v1/compounds")).handler(reads).handler(this::compounds);
        access.viewer(router.get("/api/v1/compounds/:id/households"))
                .handler(reads)
                .handler(this::households);
        access.viewer(router.get("/api/v1/revisits/overdue")).handler(reads).handler(this::overdue);
    }

    /** {@code GET /api/v1/compounds}: the inspection list, only the compounds of the token's district. */
    private void compounds(RoutingContext ctx) {
        Integer round = Params.round(ctx.request().getParam("round"));
        String order = Params.oneOf("order", ctx.request().getParam("order", "coverage"), ScreeningQueries.ORDERS);
        String format = Params.oneOf("format", ctx.request().getParam("format", "json"), List.of("json", "csv"));
        String query = ctx.request().getParam("q");
        if (query != null && query.length() > CompoundSearch.MAX_QUERY) {
            throw new BadParameter("q", "must be at most " + CompoundSearch.MAX_QUERY + " characters");
        }
        String limitParam = ctx.request().getParam("limit");
        Integer limit = limitParam == null || limitParam.isBlank() || format.equals("csv")
                ? null
                : Params.wholeNumber("limit", limitParam, 50, 1, 1000);
        int offset = format.equals("csv")
                ? 0
                : Params.wholeNumber("offset", ctx.request().getParam("offset"), 0, 0, 1_000_000);
        Answers.later(ctx, screening.compounds(round, filter(ctx), order))
                .map(table -> CompoundSearch.page(table, query, limit, offset))
                .onSuccess(result -> {
                    if (format.equals("csv")) {
                        Answers.csv(
                                ctx,
                                "cordon-compounds-round-" + result.getValue("round") + ".csv",
                                SnapshotExporter.compoundsCsv(result.getJsonArray("compounds")));
                    } else {
                        // the time of the figures in the operation's time zone, for pages that must not show the
                        // browser's clock
                        result.put(
                                        "as_of",
                                        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                                clock.now().atZone(clock.zone()).withNano(0)))
                                .put("timezone", clock.zone().getId());
                        Answers.json(ctx, result);
                    }
                })
                .onFailure(e -> Answers.failed(ctx, e));
    }

    /** {@code GET /api/v1/compounds/{id}/households}: a compound's households, if the compound is in the token's scope. */
    private void households(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Scope own = Access.token(ctx).scope();
        Integer round = Params.round(ctx.request().getParam("round"));
        Answers.later(ctx, screening.households(id, round, clock.now()))
                .onSuccess(result -> {
                    if (result == null) {
                        Answers.notFound(ctx, "no compound '" + id + "' in the household registry");
                    } else if (!own.covers(CompoundRows.location(result))) {
                        Problems.forbidden(
                                ctx.response(), "compound '" + id + "' is outside this token's scope (" + own + ")");
                    } else {
                        Answers.json(ctx, result);
                    }
                })
                .onFailure(e -> Answers.failed(ctx, e));
    }

    /** {@code GET /api/v1/revisits/overdue}: overdue households, only those of the token's district. */
    private void overdue(RoutingContext ctx) {
        Integer round = Params.round(ctx.request().getParam("round"));
        Answers.json(ctx, screening.overdue(round, filter(ctx), clock.now(), 500));
    }

    /**
     * The compounds a list covers: the area asked for ({@code scope}, inside the token's; left out, the token's own),
     * narrowed by the inspection filters; a filter naming another area than the token's is a {@code 403}.
     */
    private static CompoundFilter filter(RoutingContext ctx) {
        Scope own = Access.token(ctx).scope();
        Scope area = Access.wholeArea(ctx, "a list of compounds is");
        CompoundFilter filter = CompoundFilter.of(area);
        for (String field : List.of("district", "street", "community", "responsible_unit")) {
            filter = filter.narrowed(field, ctx.request().getParam(field), own);
        }
        return filter;
    }
}
