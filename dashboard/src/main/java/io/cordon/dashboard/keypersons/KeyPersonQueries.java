package io.cordon.dashboard.keypersons;

import io.cordon.dashboard.screening.CompoundFilter;
import io.cordon.schemas.OperationRules;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import io.cordon.schemas.clickhouse.TsvRows;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The reads of key persons (API.md, "Key persons"): the register ({@code key_persons}, a row per upload of a person,
 * with the areas of their household) against the counted follow-ups ({@code follow_ups}, signed rows per revision of
 * each follow-up). Every figure is evaluated at read time for a day and a time, so that "overdue" appears at
 * {@code CORDON_FOLLOWUP_BY} without anyone posting, and a snapshot's figures are those as of its cutoff.
 */
public final class KeyPersonQueries {

    /** The statuses of a person on a day, in the list's order. */
    public static final List<String> STATUSES = List.of("overdue", "due", "followed_up", "not_under_measure");

    private final ClickHouseHttp clickHouse;
    private final OperationRules rules;

    public KeyPersonQueries(ClickHouseHttp clickHouse, OperationRules rules) {
        this.clickHouse = clickHouse;
        this.rules = rules;
    }

    public OperationRules rules() {
        return rules;
    }

    /**
     * The follow-ups that count on a day, one row per follow-up ({@code person_id}, {@code reached}, {@code fever},
     * {@code followed_at}, ...): the content of each event whose rows' signs sum to 1, of the rows received by
     * {@code receivedBy} (null: all, the live figures).
     */
    private static String countedFollowUps(String where, Instant receivedBy) {
        return "SELECT event_id, person_id, day, followed_at, reached, fever, has_temperature, temperature_c, "
                + "sum(sign) AS s FROM follow_ups FINAL WHERE " + where
                + (receivedBy == null ? "" : " AND received_at <= toDateTime(" + receivedBy.getEpochSecond() + ")")
                + " GROUP BY event_id, person_id, day, followed_at, reached, fever, has_temperature, temperature_c"
                + " HAVING s > 0";
    }

    /**
     * The register as of a time (null: now): each person's latest row received by then ({@code key_persons} keeps every
     * upload), narrowed by a condition on its columns.
     */
    private static String register(String where, Instant receivedBy) {
        return "SELECT * FROM (SELECT person_id, household_id, compound_id, district, street, community,"
                + " responsible_unit, category, measure, measure_from, measure_until, responsible FROM key_persons"
                + (receivedBy == null ? "" : " WHERE received_at <= toDateTime(" + receivedBy.getEpochSecond() + ")")
                + " ORDER BY person_id, version DESC LIMIT 1 BY person_id) WHERE " + where;
    }

    private static String underMeasure(LocalDate day) {
        String d = ClickHouseSql.quote(day.toString());
        return "(measure_from <= " + d + " AND (measure_until = '' OR measure_until > " + d + "))";
    }

    /**
     * The figures of every group of persons on {@code asOf}'s day as of {@code asOf}, counting follow-ups received by
     * {@code receivedBy} (null: every one, for the live walls). One read, whatever the walls or scopes.
     */
    public CompletableFuture<KeyPersonFigures> figures(Instant asOf, Instant receivedBy) {
        LocalDate day = asOf.atZone(rules.zone()).toLocalDate();
        boolean pastDeadline = !asOf.isBefore(rules.followUpDeadline(day));
        String d = ClickHouseSql.quote(day.toString());
        String followed = "SELECT person_id, max(reached) AS followed, max(fever) AS feverish FROM ("
                + countedFollowUps(
                        "day = " + d
                                + (receivedBy == null
                                        ? ""
                                        : " AND followed_at <= toDateTime(" + asOf.getEpochSecond() + ")"),
                        receivedBy)
                + ") WHERE reached = 1 GROUP BY person_id";
        String sql = "SELECT district, street, community, responsible_unit, countIf(under), "
                + "countIf(under AND measure = 'home_quarantine'), countIf(under AND measure = 'central_quarantine'), "
                + "countIf(under AND measure = 'health_monitoring'), countIf(under AND followed = 1), "
                + "countIf(measure_until = " + d + "), countIf(under AND feverish = 1) FROM (SELECT *, "
                + underMeasure(day) + " AS under FROM ("
                + register(
                        "measure_from <= " + d + " AND (measure_until = '' OR measure_until >= " + d + ")", receivedBy)
                + ")) ANY LEFT JOIN (" + followed + ") USING person_id "
                + "GROUP BY district, street, community, responsible_unit FORMAT TSV";
        return clickHouse
                .execute(sql)
                .thenApply(body ->
                        new KeyPersonFigures(day, asOf, pastDeadline, KeyPersonFigures.groups(TsvRows.parse(body))));
    }

    /**
     * The list of key persons of an area on today's day as of {@code now} ({@code GET /api/v1/key-persons}): overdue
     * first, then due, then the rest, each by responsible cadre then person; {@code status} one of {@code overdue},
     * {@code due}, {@code followed_up}, {@code releases_today}, {@code all}. Never an ID number, in any form.
     */
    public CompletableFuture<JsonArray> list(CompoundFilter area, String status, Instant now) {
        LocalDate day = now.atZone(rules.zone()).toLocalDate();
        boolean pastDeadline = !now.isBefore(rules.followUpDeadline(day));
        String d = ClickHouseSql.quote(day.toString());
        String scope = area.sql();
        String last =
                "SELECT person_id, max(followed_at) AS last_at, argMax(has_temperature, followed_at) AS last_has_t,"
                        + " argMax(temperature_c, followed_at) AS last_t, max(day = " + d + ") AS today FROM ("
                        + countedFollowUps(
                                "reached = 1 AND person_id IN (SELECT person_id FROM (" + register(scope, null) + "))",
                                null)
                        + ") GROUP BY person_id";
        // one JOIN per SELECT (ClickHouse 18.16): the persons with their follow-ups, then their compounds' names
        String sql = "SELECT person_id, household_id, compound_id, compound_name, community, street, district,"
                + " category, measure, measure_from, measure_until, responsible, last_at, last_has_t, last_t, today,"
                + " under FROM (SELECT person_id, household_id, compound_id, community, street, district, category,"
                + " measure, measure_from, measure_until, responsible, toUInt32(last_at) AS last_at, last_has_t, last_t,"
                + " today, " + underMeasure(day) + " AS under FROM (" + register(scope, null) + ") ANY LEFT JOIN ("
                + last
                + ") USING person_id) ANY LEFT JOIN (SELECT compound_id, compound_name FROM compounds FINAL) USING"
                + " compound_id FORMAT JSON";
        DateTimeFormatter iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        return clickHouse.execute(sql).thenApply(body -> {
            List<JsonObject> rows = new java.util.ArrayList<>();
            for (Object o : io.cordon.dashboard.web.Rows.of(body)) {
                JsonObject r = (JsonObject) o;
                boolean under = r.getValue("under").toString().equals("1");
                boolean today = r.getValue("today").toString().equals("1");
                String s = !under ? "not_under_measure" : today ? "followed_up" : pastDeadline ? "overdue" : "due";
                boolean releases = day.toString().equals(r.getString("measure_until"));
                if (!matches(status, s, releases)) {
                    continue;
                }
                long lastAt = io.cordon.dashboard.web.Rows.number(r, "last_at");
                boolean hasT = r.getValue("last_has_t").toString().equals("1");
                rows.add(new JsonObject()
                        .put("person_id", r.getString("person_id"))
                        .put("household_id", r.getString("household_id"))
                        .put("compound_id", r.getString("compound_id"))
                        .put("compound_name", r.getString("compound_name"))
                        .put("community", r.getString("community"))
                        .put("street", r.getString("street"))
                        .put("district", r.getString("district"))
                        .put("category", r.getString("category"))
                        .put("measure", r.getString("measure"))
                        .put("measure_from", r.getString("measure_from"))
                        .put(
                                "measure_until",
                                r.getString("measure_until").isEmpty() ? null : r.getString("measure_until"))
                        .put("responsible", r.getString("responsible"))
                        .put(
                                "last_followed_at",
                                lastAt == 0
                                        ? null
                                        : iso.format(
                                                Instant.ofEpochSecond(lastAt).atZone(rules.zone())))
                        .put(
                                "last_temperature_c",
                                lastAt == 0 || !hasT ? null : ((Number) r.getValue("last_t")).doubleValue())
                        .put("status", s));
            }
            rows.sort(java.util.Comparator.<JsonObject>comparingInt(r -> STATUSES.indexOf(r.getString("status")))
                    .thenComparing(r -> r.getString("responsible"))
                    .thenComparing(r -> r.getString("person_id")));
            return new JsonArray(new java.util.ArrayList<>(rows));
        });
    }

    private static boolean matches(String asked, String status, boolean releasesToday) {
        return switch (asked) {
            case "all" -> true;
            case "releases_today" -> releasesToday;
            default -> asked.equals(status);
        };
    }

    /** The columns of the list's CSV, in order. */
    public static final List<String> COLUMNS = List.of(
            "person_id",
            "household_id",
            "compound_id",
            "compound_name",
            "community",
            "street",
            "district",
            "category",
            "measure",
            "measure_from",
            "measure_until",
            "responsible",
            "last_followed_at",
            "last_temperature_c",
            "status");
}
