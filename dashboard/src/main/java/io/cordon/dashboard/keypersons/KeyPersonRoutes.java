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
                .onSuccess(rows -> {
                    if (format.equals("csv")) {
                        ctx.response()
                                .putHeader("Content-Type", "text/csv; charset=utf-8")
                                .putHeader(
                                        "Content-Disposition",
                                        "attachment; filename=\"cordon-key-persons-" + status + ".csv\"")
                                .end(Buffer.buffer(SnapshotExporter.rowsCsv(table(rows))));
                        return;
                    }
                    Answers.json(
                            ctx,
                            new JsonObject()
                                    .put("within", within.toString())
                                    .put("status", status)
                                    .put(
                                            "as_of",
                                            DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                                    now.atZone(clock.zone()).withNano(0)))
                                    .put("timezone", clock.zone().getId())
                                    .put("follow_up_by", keyPersons.rules().followUpBy())
                                    .put("key_persons", rows));
                })
                .onFailure(e -> Answers.failed(ctx, e));
    }

    /** The list as CSV rows: the header (the row keys), then one line per person. */
    static List<List<Object>> table(JsonArray rows) {
        List<List<Object>> table = new ArrayList<>(rows.size() + 1);
        table.add(new ArrayList<>(KeyPersonQueries.COLUMNS));
        for (Object o : rows) {
            JsonObject r = (JsonObject) o;
            List<Object> line = new ArrayList<>();
            for (String c : KeyPersonQueries.COLUMNS) {
                Object v = r.getValue(c);
                line.add(v == null ? "" : v);
            }
            table.add(line);
        }
        return table;
    }
}
