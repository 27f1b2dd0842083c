package io.cordon.dashboard.areas;

import io.cordon.dashboard.files.SnapshotExporter;
import io.cordon.dashboard.live.LiveFigures;
import io.cordon.dashboard.live.TileService;
import io.cordon.dashboard.screening.CompoundFilter;
import io.cordon.dashboard.screening.ScreeningByArea;
import io.cordon.dashboard.screening.ScreeningQueries;
import io.cordon.dashboard.web.Access;
import io.cordon.dashboard.web.Answers;
import io.cordon.dashboard.web.BadParameter;
import io.cordon.dashboard.web.Params;
import io.cordon.dashboard.web.ReadGate;
import io.cordon.http.Scope;
import io.cordon.schemas.OperationClock;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/v1/areas?level=&within=&round=&format=}: the totals of every area of a level inside an area (by
 * default the token's own), worst coverage first, each the sum of its compounds' rows.
 */
public record AreaRoutes(ScreeningQueries screening, GridTotals grids, TileService tiles, OperationClock clock) {

    public void mount(Router router, Access access, ReadGate reads) {
        access.viewer(router.get("/api/v1/areas")).handler(reads).handler(this::areas);
    }

    /** The answer of one level inside one area, with the round it is of. */
    record Level(Integer round, List<AreaTotals.Row> rows) {}

    private void areas(RoutingContext ctx) {
        Scope within = Access.within(ctx);
        String level = Params.oneOf("level", ctx.request().getParam("level", below(within)), AreaTotals.LEVELS);
        if (!levelInside(level, within)) {
            throw new BadParameter(
                    "level",
                    "the areas of level " + level + " are not inside " + within + ": ask for a level below it");
        }
        Integer round = Params.round(ctx.request().getParam("round"));
        String format = Params.oneOf("format", ctx.request().getParam("format", "json"), List.of("json", "csv"));
        CompletableFuture<Level> answer =
                tiles.figuresKnowing(within).thenCompose(known -> read(level, within, round, known));
        Answers.later(ctx, answer)
                .onSuccess(result -> {
                    if (format.equals("csv")) {
                        Answers.csv(
                                ctx,
                                "cordon-areas-" + level + ".csv",
                                SnapshotExporter.rowsCsv(AreaTotals.table(result.rows())));
                        return;
                    }
                    Answers.json(
                            ctx,
                            new JsonObject()
                                    .put("level", level)
                                    .put("within", within.toString())
                                    .put("round", result.round())
                                    .put(
                                            "as_of",
                                            DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(clock.now()
                                                    .atZone(clock.zone())
                                                    .withNano(0)))
                                    .put("timezone", clock.zone().getId())
                                    .put("areas", AreaTotals.toJson(result.rows())));
                })
                .onFailure(e -> Answers.failed(ctx, e));
    }

    /**
     * The rows of a level: from the walls' shared read of the latest round (or one read of another round's groups),
     * and for grids one read of the households.
     */
    private CompletableFuture<Level> read(String level, Scope within, Integer round, LiveFigures known) {
        return screeningRows(level, within, round, known)
                .thenApply(l -> new Level(l.round(), AreaTotals.withKeyPersons(l.rows(), known.keyPersons(), within)));
    }

    private CompletableFuture<Level> screeningRows(String level, Scope within, Integer round, LiveFigures known) {
        CompoundFilter filter = CompoundFilter.of(within);
        if (level.equals("grid")) {
            return screening.latestRound(null).thenCompose(latest -> {
                Integer r = round != null ? round : latest;
                return grids.of(r, filter, clock.today(), clock.now()).thenApply(rows -> new Level(r, rows));
            });
        }
        if (!AreaTotals.fromGroups(level, within)) {
            // the part of each unit inside an area, or of each area inside a unit: from the area's compound rows
            return screening
                    .compoundTable(round, filter, "name")
                    .thenApply(table -> new Level(
                            table.round(), AreaTotals.of(table.toJson().getJsonArray("compounds"), level)));
        }
        CompletableFuture<ScreeningByArea> groups =
                round == null || round.equals(known.screening().round())
                        ? CompletableFuture.completedFuture(known.screening())
                        : screening.byArea(round);
        return groups.thenApply(s -> new Level(s.round(), AreaTotals.of(s.groups(), level, within)));
    }

    /** The level asked for when none is: the one below the area (a community's grids; a unit's communities). */
    static String below(Scope within) {
        return switch (within.kind()) {
            case "all" -> "district";
            case "district" -> "street";
            case "street" -> "community";
            case "unit" -> "community";
            default -> "grid";
        };
    }

    /**
     * Whether areas of a level lie inside an area: a level of the chain below it, units and grids inside any area
     * (the part of a unit inside it), and the chain's levels inside a unit (the part of each area the unit answers for).
     */
    static boolean levelInside(String level, Scope within) {
        List<String> chain = List.of("all", "district", "street", "community");
        if (level.equals("grid") || within.isAll() || within.kind().equals("unit")) {
            return !(level.equals("unit") && within.kind().equals("unit"));
        }
        if (level.equals("unit")) {
            return true;
        }
        return chain.indexOf(level) > chain.indexOf(within.kind());
    }
}
