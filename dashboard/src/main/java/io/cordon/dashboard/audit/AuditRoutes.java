package io.cordon.dashboard.audit;

import io.cordon.dashboard.web.Access;
import io.cordon.dashboard.web.Answers;
import io.cordon.dashboard.web.BadParameter;
import io.cordon.dashboard.web.Params;
import io.cordon.dashboard.web.ReadGate;
import io.cordon.dashboard.web.Rows;
import io.cordon.http.AccessToken;
import io.cordon.http.Scope;
import io.cordon.schemas.Figure;
import io.cordon.schemas.OperationClock;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/** {@code GET /api/v1/audit} (admin): who changed, voided, froze, signed, acknowledged or exported what. */
public record AuditRoutes(ClickHouseHttp clickHouse, OperationClock clock) {

    /** The actions of the audit log, as {@code ?action=} takes them. */
    static final List<String> ACTIONS = List.of(
            "registry_upsert",
            "correction",
            "void",
            "void_refused",
            "correction_refused",
            "post_refused",
            "report_freeze",
            "sign_off",
            "sign_off_return",
            "alert_ack",
            "export");

    public void mount(Router router, Access access, ReadGate reads) {
        access.admin(router.get("/api/v1/audit")).handler(reads).handler(this::list);
    }

    /**
     * {@code GET /api/v1/audit?since=&action=&limit=}: newest first; a district's admin reads its district's entries
     * only, the whole log needs an admin of scope all.
     */
    private void list(RoutingContext ctx) {
        AccessToken token = Access.token(ctx);
        Instant since = Params.instant("since", ctx.request().getParam("since"), clock.startOfToday());
        int limit = Params.wholeNumber("limit", ctx.request().getParam("limit"), 100, 1, 1000);
        String action = ctx.request().getParam("action");
        if (action != null && !ACTIONS.contains(action)) {
            throw new BadParameter("action", "must be one of " + String.join(", ", ACTIONS) + ", got '" + action + "'");
        }
        String where = "at >= toDateTime(" + since.getEpochSecond() + ")"
                + (action == null ? "" : " AND action = " + ClickHouseSql.quote(action))
                + (token.scope().isAll() ? "" : " AND " + of(token));
        Answers.later(
                        ctx,
                        clickHouse.execute(
                                "SELECT toUInt32(at) AS t, action, actor, target, reason, detail FROM audit_log"
                                        + " WHERE " + where + " ORDER BY at DESC LIMIT " + limit + " FORMAT JSON"))
                .onSuccess(body -> {
                    JsonArray out = new JsonArray();
                    for (Object o : Rows.of(body)) {
                        JsonObject r = (JsonObject) o;
                        String detail = r.getString("detail");
                        out.add(new JsonObject()
                                .put(
                                        "at",
                                        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                                Instant.ofEpochSecond(Rows.number(r, "t"))
                                                        .atZone(clock.zone())))
                                .put("action", r.getString("action"))
                                .put("actor", r.getString("actor"))
                                .put("target", r.getString("target"))
                                .put("reason", r.getString("reason"))
                                .put("detail", detail == null || detail.isEmpty() ? null : new JsonObject(detail)));
                    }
                    Answers.json(ctx, out);
                })
                .onFailure(e -> Answers.failed(ctx, e));
    }

    /**
     * The audit rows of a district: those written with it (a refused change of another district's event is written with
     * the district of the admin who tried it), and the changes the jobs refused of a checkpoint or compound of the
     * district, by the figure their detail names: both districts' admins read a refused cross-district change.
     */
    /**
     * The entries an admin below the city reads: a district's, its district's; a street's, a community's or a unit's,
     * the entries it made itself (the audit log files entries by district; what other areas of the district did is
     * not theirs to read).
     */
    static String of(AccessToken token) {
        Scope scope = token.scope();
        return scope.isDistrict()
                ? ofDistrict(scope.value())
                : "actor = " + ClickHouseSql.quote(token.label()) + " AND district = "
                        + ClickHouseSql.quote(Objects.requireNonNullElse(scope.districtName(), ""));
    }

    static String ofDistrict(String district) {
        String d = ClickHouseSql.quote(district);
        return "(district = " + d + " OR (action IN ('void_refused', 'correction_refused', 'post_refused') AND ("
                + "visitParamExtractString(detail, 'figure') IN (SELECT concat('" + Figure.ofCheckpoint("")
                + "', checkpoint_id) FROM checkpoints FINAL "
                + "WHERE district = " + d
                + ") OR visitParamExtractString(detail, 'figure') IN (SELECT concat('" + Figure.ofCompound("")
                + "', compound_id) "
                + "FROM compounds FINAL WHERE district = " + d + "))))";
    }
}
