package io.cordon.dashboard.keypersons;

import io.cordon.dashboard.files.SnapshotExporter;
import io.cordon.dashboard.live.TileService;
import io.cordon.dashboard.screening.CompoundFilter;
import io.cordon.dashboard.web.Access;
import io.cordon.dashboard.web.Answers;
import io.cordon.dashboard.web.Params;
import io.cordon.dashboard.web.ReadGate;
import io.cordon.http.Scope;
import io.cordon.schemas.OperationClock;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/key-persons?within=&status=&format=}: the key persons of an area (by default the token's own) to
 * act on today, overdue first, grouped by the cadre responsible; JSON or CSV; never an ID number.
 */
public record KeyPersonRoutes(KeyPersonQueries keyPersons, TileService tiles, OperationClock clock) {

    public static final List<String> ASKED = List.of("overdue", "due", "followed_up", "releases_today", "all");

    public void mount(Router router, Access access, ReadGate reads) {
        access.viewer(router.get("/api/v1/key-persons")).handler(reads).handler(this::list);
    }

    private void list(RoutingContext ctx) {
        Scope within = Access.within(ctx);
        String status = Params.oneOf("status", ctx.request().getParam("status", "all"), ASKED);
        String format = Params.oneOf("format", ctx.request().getParam("format", "json"), List.of("json", "csv"));
        Instant now = clock.now();
        Answers.later(
                        ctx,
                        tiles.figuresKnowing(within)
                                .thenCompose(known -> keyPersons.list(CompoundFilter.of(within), status, now)))
                // a city's list is 250,000 rows: rendered on a worker, never on the event loop the walls share
                .compose(rows -> ctx.vertx().executeBlocking(() -> render(rows, within, status, format, now), false))
                .onSuccess(body -> ctx.response()
                        .putHeader(
                                "Content-Type", format.equals("csv") ? "text/csv; charset=utf-8" : "application/json")
                        .putHeader(
                                "Content-Disposition",
                                format.equals("csv")
                                        ? "attachment; filename=\"cordon-key-persons-" + status + ".csv\""
                                        : "inline")
                        .end(body))
                .onFailure(e -> Answers.failed(ctx, e));
    }

    private Buffer render(List<KeyPersonQueries.Person> rows, Scope within, String status, String format, Instant now) {
        if (format.equals("csv")) {
            return Buffer.buffer(SnapshotExporter.rowsCsv(table(rows, clock.zone())));
        }
        return new JsonObject()
                .put("within", within.toString())
                .put("status", status)
                .put(
                        "as_of",
                        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                now.atZone(clock.zone()).withNano(0)))
                .put("timezone", clock.zone().getId())
                .put("follow_up_by", keyPersons.rules().followUpBy())
                .put("key_persons", json(rows, clock.zone()))
                .toBuffer();
    }

    /** The list as CSV rows: the header (the row keys), then one line per person. */
    static List<List<Object>> table(List<KeyPersonQueries.Person> rows, ZoneId zone) {
        List<List<Object>> table = new ArrayList<>(rows.size() + 1);
        table.add(new ArrayList<>(KeyPersonQueries.COLUMNS));
        rows.forEach(p -> table.add(p.cells(zone)));
        return table;
    }

    static JsonArray json(List<KeyPersonQueries.Person> rows, ZoneId zone) {
        JsonArray out = new JsonArray();
        rows.forEach(p -> out.add(p.toJson(zone)));
        return out;
    }
}
