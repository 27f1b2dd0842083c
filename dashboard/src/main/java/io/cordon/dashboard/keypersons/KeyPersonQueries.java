package io.cordon.dashboard.keypersons;

import io.cordon.dashboard.screening.CompoundFilter;
import io.cordon.schemas.OperationRules;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import io.cordon.schemas.clickhouse.TsvRows;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The reads of key persons (API.md, "Key persons"): the register ({@code key_persons}, a row per upload of a person,
 * with the areas of their household) against the counted follow-ups ({@code follow_ups}, signed rows per revision of
 * each follow-up) for a report as of a cutoff and the list; each person's status today as the follow-up job keeps it
 * ({@code key_person_days}) for the live walls. "Overdue" is evaluated against the time asked for, so that it appears
 * at {@code CORDON_FOLLOWUP_BY} without anyone posting, and a snapshot's figures are those as of its cutoff.
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
        return read(cutoff);
    }

    /** The groups of the last live read: the day and the state of the tables they were read at. */
    private record LiveRead(
            LocalDate day, String tables, long readAtNanos, CompletableFuture<KeyPersonFigures> figures) {}

    /** At most one read of the groups per this interval while follow-ups stream in (a city's: several a second). */
    private static final long REREAD_NANOS = 2_000_000_000L;

    private volatile LiveRead lastLive;

    /**
     * The live figures, for every refresh of the walls: each person's status today as the follow-up job keeps it
     * ({@code key_person_days}, written by its timers at the deadline and midnight as well as by every follow-up and
     * register row), summed by group of areas. The groups are read again only when the day's rows changed (their
     * count and latest version tell), at most every 2 s while they keep changing, or when the day did, and meanwhile
     * the last groups of the day serve. "Overdue" is the persons due and not followed up once {@code asOf} is at or
     * past the deadline: the wall turns at the deadline itself, not a watermark and a flush after it.
     */
    public CompletableFuture<KeyPersonFigures> live(Instant asOf) {
        LocalDate day = asOf.atZone(rules.zone()).toLocalDate();
        boolean pastDeadline = !asOf.isBefore(rules.followUpDeadline(day));
        String d = ClickHouseSql.quote(day.toString());
        return clickHouse
                .execute("SELECT max(version), count() FROM key_person_days WHERE day = " + d + " FORMAT TSV")
                .thenCompose(tables -> {
                    LiveRead last = lastLive;
                    long now = System.nanoTime();
                    CompletableFuture<KeyPersonFigures> groups;
                    if (last != null
                            && last.day().equals(day)
                            && (last.tables().equals(tables) || now - last.readAtNanos() < REREAD_NANOS)
                            && !last.figures().isCompletedExceptionally()) {
                        groups = last.figures();
                    } else {
                        groups = readDays(day, asOf);
                        lastLive = new LiveRead(day, tables, now, groups);
                        groups.thenAccept(g -> lastRead = g);
                    }
                    // while the groups are read again, the walls go on with the last ones of the day (a second or so
                    // older): no refresh of the other figures waits for them
                    KeyPersonFigures previous = lastRead;
                    if (!groups.isDone() && previous != null && previous.day().equals(day)) {
                        groups = CompletableFuture.completedFuture(previous);
                    }
                    return groups.thenApply(g -> new KeyPersonFigures(day, asOf, pastDeadline, g.groups(), g.sums()));
                });
    }

    /** The groups of a day from the job's statuses (the latest row of each person; the day is the table's key). */
    private CompletableFuture<KeyPersonFigures> readDays(LocalDate day, Instant asOf) {
        String sql = "SELECT district, street, community, responsible_unit, countIf(under), "
                + "countIf(under AND measure = 'home_quarantine'), countIf(under AND measure = 'central_quarantine'), "
                + "countIf(under AND measure = 'health_monitoring'), countIf(status = 'followed_up'), "
                + "countIf(releases_today = 1), countIf(under AND fever = 1) FROM (SELECT *, "
                + "status != 'not_under_measure' AS under FROM key_person_days FINAL WHERE day = "
                + ClickHouseSql.quote(day.toString()) + ") WHERE under OR releases_today = 1 "
                + "GROUP BY district, street, community, responsible_unit FORMAT TSV";
        return clickHouse
                .execute(sql)
                .thenApply(
                        body -> new KeyPersonFigures(day, asOf, false, KeyPersonFigures.groups(TsvRows.parse(body))));
    }

    /** The groups of the last live read that completed. */
    private volatile KeyPersonFigures lastRead;

    private CompletableFuture<KeyPersonFigures> read(Instant asOf) {
        LocalDate day = asOf.atZone(rules.zone()).toLocalDate();
        boolean pastDeadline = !asOf.isBefore(rules.followUpDeadline(day));
        String d = ClickHouseSql.quote(day.toString());
        String followed = "SELECT person_id, max(reached) AS followed, max(fever) AS feverish FROM ("
                + countedFollowUps("day = " + d + " AND followed_at <= toDateTime(" + asOf.getEpochSecond() + ")")
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
     * {@code due}, {@code followed_up}, {@code releases_today}, {@code all}. Never an ID number, in any form. A person's last follow-up is the latest reached one within
     * the correction window ({@code CORDON_CORRECTION_WINDOW}, 30 days).
     */
    public CompletableFuture<List<Person>> list(CompoundFilter area, String status, Instant now) {
        LocalDate day = now.atZone(rules.zone()).toLocalDate();
        boolean pastDeadline = !now.isBefore(rules.followUpDeadline(day));
        String d = ClickHouseSql.quote(day.toString());
        String scope = area.sql();
        // an area's persons are found by their rows in the area (the table's key is the person), the city's are all
        String persons =
                scope.equals("1") ? "" : "person_id IN (SELECT person_id FROM key_persons WHERE " + scope + ")";
        String since = ClickHouseSql.quote(
                day.minusDays(rules.correctionWindow().toDays()).toString());
        String last =
                "SELECT person_id, max(followed_at) AS last_at, argMax(has_temperature, followed_at) AS last_has_t,"
                        + " argMax(temperature_c, followed_at) AS last_t, max(day = " + d + ") AS today FROM ("
                        + countedFollowUps(
                                "day >= " + since + " AND reached = 1" + (persons.isEmpty() ? "" : " AND " + persons))
                        + ") GROUP BY person_id";
        String register = "SELECT * FROM (SELECT person_id, household_id, compound_id, district, street, community,"
                + " category, measure, measure_from, measure_until, responsible FROM key_persons"
                + (persons.isEmpty() ? "" : " WHERE " + persons)
                + " ORDER BY person_id, version DESC LIMIT 1 BY person_id) WHERE " + scope;
        // one JOIN per SELECT (ClickHouse 18.16): the persons with their follow-ups, then their compounds' names
        String sql = "SELECT person_id, household_id, compound_id, compound_name, community, street, district,"
                + " category, measure, measure_from, measure_until, responsible, last_at, last_has_t, last_t, today,"
                + " under FROM (SELECT person_id, household_id, compound_id, community, street, district, category,"
                + " measure, measure_from, measure_until, responsible, toUInt32(last_at) AS last_at, last_has_t, last_t,"
                + " today, " + underMeasure(day) + " AS under FROM (" + register + ") ANY LEFT JOIN (" + last
                + ") USING person_id) ANY LEFT JOIN (SELECT compound_id, compound_name FROM compounds FINAL) USING"
                + " compound_id FORMAT TSV";
        String releaseDay = day.toString();
        return clickHouse.execute(sql).thenApply(body -> {
            List<Person> rows = new ArrayList<>();
            for (String[] f : TsvRows.parse(body)) {
                boolean under = f[16].equals("1");
                String s = !under
                        ? "not_under_measure"
                        : f[15].equals("1") ? "followed_up" : pastDeadline ? "overdue" : "due";
                if (!matches(status, s, releaseDay.equals(f[10]))) {
                    continue;
                }
                long lastAt = Long.parseLong(f[12]);
                rows.add(new Person(
                        f[0],
                        f[1],
                        f[2],
                        f[3],
                        f[4],
                        f[5],
                        f[6],
                        f[7],
                        f[8],
                        f[9],
                        f[10].isEmpty() ? null : f[10],
                        f[11],
                        lastAt == 0 ? null : Instant.ofEpochSecond(lastAt),
                        lastAt == 0 || !f[13].equals("1") ? null : Double.valueOf(f[14]),
                        s));
            }
            rows.sort(Comparator.<Person>comparingInt(r -> STATUSES.indexOf(r.status()))
                    .thenComparing(Person::responsible)
                    .thenComparing(Person::personId));
            return rows;
        });
    }

    /** One row of the list ({@code GET /api/v1/key-persons}): never an ID number. */
    public record Person(
            String personId,
            String householdId,
            String compoundId,
            String compoundName,
            String community,
            String street,
            String district,
            String category,
            String measure,
            String measureFrom,
            String measureUntil,
            String responsible,
            Instant lastFollowedAt,
            Double lastTemperatureC,
            String status) {

        /** The row's cells in the order of {@link #COLUMNS} (times in {@code zone}, RFC 3339). */
        public List<Object> cells(ZoneId zone) {
            return Arrays.asList(
                    personId,
                    householdId,
                    compoundId,
                    compoundName,
                    community,
                    street,
                    district,
                    category,
                    measure,
                    measureFrom,
                    measureUntil,
                    responsible,
                    lastFollowedAt == null
                            ? null
                            : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(lastFollowedAt.atZone(zone)),
                    lastTemperatureC,
                    status);
        }

        public JsonObject toJson(ZoneId zone) {
            JsonObject o = new JsonObject();
            List<Object> cells = cells(zone);
            for (int i = 0; i < COLUMNS.size(); i++) {
                o.put(COLUMNS.get(i), cells.get(i));
            }
            return o;
        }
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
