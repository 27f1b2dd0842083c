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
     * The follow-ups that count, one row per follow-up ({@code person_id}, {@code reached}, {@code fever},
     * {@code followed_at}, ...): the content of each event whose rows' signs sum to 1.
     */
    private static String countedFollowUps(String where) {
        return "SELECT event_id, person_id, day, followed_at, reached, fever, has_temperature, temperature_c, "
                + "sum(sign) AS s FROM follow_ups FINAL WHERE " + where
                + " GROUP BY event_id, person_id, day, followed_at, reached, fever, has_temperature, temperature_c"
                + " HAVING s > 0";
    }

    /**
     * The register: each person's latest row ({@code key_persons} keeps every upload, for the changes of a report),
     * narrowed by a condition on its columns.
     */
    private static String register(String where) {
        return "SELECT * FROM (SELECT person_id, household_id, compound_id, district, street, community,"
                + " responsible_unit, category, measure, measure_from, measure_until, responsible FROM key_persons"
                + " ORDER BY person_id, version DESC LIMIT 1 BY person_id) WHERE " + where;
    }

    private static String underMeasure(LocalDate day) {
        String d = ClickHouseSql.quote(day.toString());
        return "(measure_from <= " + d + " AND (measure_until = '' OR measure_until > " + d + "))";
    }

    /**
     * The figures of every group of persons on a report's day as of its cutoff: the follow-ups made on that day up to
     * the cutoff, whenever they were received (so that a late one changes the figure, and the report's changes say
     * why), against the register as it stands; the deadline compared with the cutoff.
     */
    public CompletableFuture<KeyPersonFigures> asOf(Instant cutoff) {
        return read(cutoff, true);
    }

    /** The groups of the last live read: the day and the state of the tables they were read at. */
    private record LiveRead(
            LocalDate day, String tables, long readAtNanos, CompletableFuture<KeyPersonFigures> figures) {}

    /** At most one read of the groups per this interval while follow-ups stream in (a city's: several a second). */
    private static final long REREAD_NANOS = 2_000_000_000L;

    private volatile LiveRead lastLive;

    /**
     * The live figures, for every refresh of the walls: the groups are read again only when the register or the day's
     * follow-ups changed (a read of two numbers tells: the register's latest version and the day's follow-up rows), at
     * most every 2 s while they keep changing, or when the day did; "overdue" is evaluated against {@code asOf} every time, so it turns at the deadline whatever was read.
     */
    public CompletableFuture<KeyPersonFigures> live(Instant asOf) {
        LocalDate day = asOf.atZone(rules.zone()).toLocalDate();
        boolean pastDeadline = !asOf.isBefore(rules.followUpDeadline(day));
        return clickHouse
                .execute("SELECT (SELECT max(version) FROM key_persons), (SELECT count() FROM follow_ups WHERE day = "
                        + ClickHouseSql.quote(day.toString()) + ") FORMAT TSV")
                .thenCompose(tables -> {
                    LiveRead last = lastLive;
                    CompletableFuture<KeyPersonFigures> groups;
                    long now = System.nanoTime();
                    if (last != null
                            && last.day().equals(day)
                            && (last.tables().equals(tables) || now - last.readAtNanos() < REREAD_NANOS)
                            && !last.figures().isCompletedExceptionally()) {
                        groups = last.figures();
                    } else {
                        groups = read(asOf, false);
                        lastLive = new LiveRead(day, tables, now, groups);
                    }
                    return groups.thenApply(g -> new KeyPersonFigures(day, asOf, pastDeadline, g.groups(), g.sums()));
                });
    }

    private CompletableFuture<KeyPersonFigures> read(Instant asOf, boolean upToAsOf) {
        LocalDate day = asOf.atZone(rules.zone()).toLocalDate();
        boolean pastDeadline = !asOf.isBefore(rules.followUpDeadline(day));
        String d = ClickHouseSql.quote(day.toString());
        String followed = "SELECT person_id, max(reached) AS followed, max(fever) AS feverish FROM ("
                + countedFollowUps("day = " + d
                        + (upToAsOf ? " AND followed_at <= toDateTime(" + asOf.getEpochSecond() + ")" : ""))
                + ") WHERE reached = 1 GROUP BY person_id";
        String sql = "SELECT district, street, community, responsible_unit, countIf(under), "
                + "countIf(under AND measure = 'home_quarantine'), countIf(under AND measure = 'central_quarantine'), "
                + "countIf(under AND measure = 'health_monitoring'), countIf(under AND followed = 1), "
                + "countIf(measure_until = " + d + "), countIf(under AND feverish = 1) FROM (SELECT *, "
                + underMeasure(day) + " AS under FROM ("
                + register("measure_from <= " + d + " AND (measure_until = '' OR measure_until >= " + d + ")")
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
                                "reached = 1 AND person_id IN (SELECT person_id FROM (" + register(scope) + "))")
                        + ") GROUP BY person_id";
        // one JOIN per SELECT (ClickHouse 18.16): the persons with their follow-ups, then their compounds' names
        String sql = "SELECT person_id, household_id, compound_id, compound_name, community, street, district,"
                + " category, measure, measure_from, measure_until, responsible, last_at, last_has_t, last_t, today,"
                + " under FROM (SELECT person_id, household_id, compound_id, community, street, district, category,"
                + " measure, measure_from, measure_until, responsible, toUInt32(last_at) AS last_at, last_has_t, last_t,"
                + " today, " + underMeasure(day) + " AS under FROM (" + register(scope) + ") ANY LEFT JOIN ("
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
