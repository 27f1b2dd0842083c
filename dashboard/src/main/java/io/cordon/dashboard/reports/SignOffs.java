package io.cordon.dashboard.reports;

import io.cordon.dashboard.web.Rows;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import io.cordon.schemas.clickhouse.Tables;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/** The districts' sign-offs of frozen reports (table {@code report_sign_offs}), kept beside the reports, never inside. */
public final class SignOffs {

    private static final DateTimeFormatter CH_TIME = ClickHouseSql.DATE_TIME;

    private final ClickHouseHttp clickHouse;
    private final ZoneId zone;

    public SignOffs(ClickHouseHttp clickHouse, ZoneId zone) {
        this.clickHouse = clickHouse;
        this.zone = zone;
    }

    /** The sign-offs of a date's report (all, or one district's), by district. */
    public CompletableFuture<JsonArray> of(LocalDate date, String district) {
        return clickHouse
                .execute(
                        "SELECT district, signed_by, toUInt32(signed_at) AS t, note FROM report_sign_offs FINAL WHERE date = toDate('"
                                + date + "')"
                                + (district == null ? "" : " AND district = " + ClickHouseSql.quote(district))
                                + " ORDER BY district FORMAT JSON")
                .thenApply(body -> {
                    JsonArray out = new JsonArray();
                    for (Object o : Rows.of(body)) {
                        JsonObject r = (JsonObject) o;
                        out.add(new JsonObject()
                                .put("district", r.getString("district"))
                                .put("signed_by", r.getString("signed_by"))
                                .put(
                                        "signed_at",
                                        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                                Instant.ofEpochSecond(Rows.number(r, "t"))
                                                        .atZone(zone)))
                                .put("note", r.getString("note")));
                    }
                    return out;
                });
    }

    /**
     * Every district of a frozen report (those it has a slice for), signed or not: {@code "signed"} true with who and
     * when, or false. Null when the date is not frozen.
     */
    public CompletableFuture<JsonArray> status(LocalDate date) {
        CompletableFuture<String> districts = clickHouse.execute(
                "SELECT DISTINCT substring(scope, 10) AS d FROM reports FINAL " + "WHERE date = toDate('" + date
                        + "') AND format = 'json' AND scope LIKE 'district:%' ORDER BY d FORMAT JSON");
        return districts.thenCombine(of(date, null), (body, signed) -> {
            Map<String, JsonObject> byDistrict = new TreeMap<>();
            for (Object o : Rows.of(body)) {
                String d = ((JsonObject) o).getString("d");
                byDistrict.put(
                        d,
                        new JsonObject()
                                .put("district", d)
                                .put("signed", false)
                                .putNull("signed_by")
                                .putNull("signed_at")
                                .putNull("note"));
            }
            for (Object o : signed) {
                JsonObject s = ((JsonObject) o).copy().put("signed", true);
                byDistrict.put(s.getString("district"), s);
            }
            return new JsonArray(new ArrayList<>(byDistrict.values()));
        });
    }

    /** Records a district's sign-off of a frozen report (kept beside it, never inside its files). */
    public CompletableFuture<JsonObject> sign(LocalDate date, String district, String label, String note, Instant now) {
        JsonObject row = new JsonObject()
                .put("date", date.toString())
                .put("district", district)
                .put("signed_by", label)
                .put("signed_at", CH_TIME.format(now))
                .put("note", note == null ? "" : note);
        return clickHouse
                .insertJsonEachRow(Tables.REPORT_SIGN_OFFS, List.of(row.encode()))
                .thenApply(x -> new JsonObject()
                        .put("date", date.toString())
                        .put("district", district)
                        .put("signed_by", label)
                        .put(
                                "signed_at",
                                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                        now.atZone(zone).withNano(0)))
                        .put("note", note));
    }
}
