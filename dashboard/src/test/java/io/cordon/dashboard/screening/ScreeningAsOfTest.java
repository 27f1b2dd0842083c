package io.cordon.dashboard.screening;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import io.cordon.testkit.LocalClickHouse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot's compound states as of a cutoff ({@link ScreeningQueries#statesAsOf}) on a real ClickHouse, against the
 * figures computed here visit by visit from their definitions: random visits with corrections (some moved to another
 * household), voids, another round and a household no longer in the registry on the day.
 */
class ScreeningAsOfTest {

    /** Deleted by JUnit after the class, with everything the servers wrote. */
    @TempDir
    static Path scratch;

    private static final List<String> OUTCOMES =
            List.of("reached", "phone_reached", "vacant", "not_home", "refused", "unreachable");
    private static final Instant START = Instant.parse("2022-04-10T00:00:00Z");
    private static final Instant CUTOFF = START.plus(Duration.ofDays(2));
    private static final Instant OVERDUE_BEFORE = CUTOFF.minus(Duration.ofHours(24));
    private static final LocalDate DAY = LocalDate.parse("2022-04-12");
    private static final String GONE = "H-3-7";

    private static LocalClickHouse server;
    private static ClickHouseHttp clickHouse;

    /** A row of household_visits as the screening job writes it. */
    record Row(
            String household,
            String event,
            String compound,
            int round,
            long at,
            String outcome,
            int home,
            int central,
            int voided,
            long version) {

        JsonObject json() {
            return new JsonObject()
                    .put("event_id", event)
                    .put("household_id", household)
                    .put("compound_id", compound)
                    .put("round", round)
                    .put("visited_at", ClickHouseSql.DATE_TIME.format(Instant.ofEpochSecond(at)))
                    .put("team_id", "T")
                    .put("outcome", outcome)
                    .put("home_quarantine", home)
                    .put("central_quarantine", central)
                    .put("voided", voided)
                    .put("version", version);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = LocalClickHouse.withSchema(scratch.resolve("clickhouse"));
        clickHouse = server.client();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyCompoundsFiguresAreThoseOfItsHouseholdsLastVisitsBeforeTheCutoff() {
        List<Row> rows = visits(new Random(20220410));
        clickHouse
                .insertJsonEachRow(
                        "household_visits",
                        rows.stream().map(r -> r.json().encode()).toList())
                .join();
        clickHouse
                .insertJsonEachRow(
                        "compounds",
                        List.of(new JsonObject()
                                .put("compound_id", "C-3")
                                .put("compound_name", "C-3")
                                .put("district", "徐汇区")
                                .put("street", "天平路街道")
                                .put("community", "建国西路居委会")
                                .put("responsible_unit", "U")
                                .put("households", 20)
                                .put("bounded_ids", new JsonArray().add(GONE))
                                .put("bounded_from", new JsonArray().add(""))
                                .put("bounded_until", new JsonArray().add(DAY.toString()))
                                .put("version", 1)
                                .encode()))
                .join();

        String body = clickHouse
                .execute(ScreeningQueries.statesAsOf(1, CUTOFF, OVERDUE_BEFORE, DAY) + " FORMAT TSV")
                .join();
        Map<String, List<Long>> read = new TreeMap<>();
        for (String line : body.strip().split("\n")) {
            String[] f = line.split("\t");
            List<Long> figures = new ArrayList<>();
            for (int i = 1; i < f.length; i++) {
                figures.add(Long.parseLong(f[i]));
            }
            read.put(f[0], figures);
        }
        Map<String, List<Long>> expected = expected(rows);
        assertThat(expected).hasSizeGreaterThan(20);
        assertThat(read).isEqualTo(expected);
    }

    /** 40 compounds of 20 households, up to four visits each; some corrected, moved, voided; a second round. */
    private static List<Row> visits(Random random) {
        List<Row> rows = new ArrayList<>();
        int n = 0;
        for (int c = 0; c < 40; c++) {
            for (int h = 0; h < 20; h++) {
                String household = "H-" + c + "-" + h;
                Set<Long> times = new HashSet<>();
                for (int v = random.nextInt(5); v > 0; v--) {
                    long at = START.getEpochSecond() + random.nextInt(3 * 86_400);
                    if (!times.add(at)) {
                        continue; // one household's visits at distinct seconds: its latest is unambiguous
                    }
                    String event = "E" + n++;
                    Row posted = new Row(
                            household,
                            event,
                            "C-" + c,
                            random.nextInt(10) == 0 ? 2 : 1,
                            at,
                            OUTCOMES.get(random.nextInt(OUTCOMES.size())),
                            random.nextInt(4),
                            random.nextInt(3),
                            0,
                            1);
                    rows.add(posted);
                    int change = random.nextInt(10);
                    if (change < 2) {
                        // corrected: taken back where it was, counted again with new content (and time)
                        rows.add(taken(posted, 2));
                        long at2 = START.getEpochSecond() + random.nextInt(3 * 86_400);
                        if (times.add(at2)) {
                            rows.add(new Row(
                                    household,
                                    event,
                                    posted.compound(),
                                    posted.round(),
                                    at2,
                                    OUTCOMES.get(random.nextInt(OUTCOMES.size())),
                                    random.nextInt(4),
                                    random.nextInt(3),
                                    0,
                                    3));
                        }
                    } else if (change == 2) {
                        rows.add(taken(posted, 2)); // voided
                    } else if (change == 3 && h > 0) {
                        // moved to the compound's first household: taken back here, counted there at the same time
                        String other = "H-" + c + "-0";
                        rows.add(taken(posted, 2));
                        rows.add(new Row(
                                other,
                                event,
                                posted.compound(),
                                posted.round(),
                                posted.at() + 1,
                                posted.outcome(),
                                posted.home(),
                                posted.central(),
                                0,
                                3));
                    }
                }
            }
        }
        return rows;
    }

    private static Row taken(Row r, long version) {
        return new Row(
                r.household(),
                r.event(),
                r.compound(),
                r.round(),
                r.at(),
                r.outcome(),
                r.home(),
                r.central(),
                1,
                version);
    }

    /** The figures from their definitions: each visit's last version, per household, summed per compound. */
    private static Map<String, List<Long>> expected(List<Row> rows) {
        Map<String, Row> last = new HashMap<>();
        for (Row r : rows) {
            last.merge(r.household() + "|" + r.event(), r, (a, b) -> a.version() >= b.version() ? a : b);
        }
        Map<String, List<Row>> byHousehold = new TreeMap<>();
        for (Row r : last.values()) {
            if (r.voided() == 0
                    && r.round() == 1
                    && r.at() < CUTOFF.getEpochSecond()
                    && !r.household().equals(GONE)) {
                byHousehold
                        .computeIfAbsent(r.household(), k -> new ArrayList<>())
                        .add(r);
            }
        }
        Map<String, long[]> byCompound = new TreeMap<>();
        for (List<Row> visits : byHousehold.values()) {
            long[] f = byCompound.computeIfAbsent(visits.get(0).compound(), k -> new long[5]);
            boolean resolved = visits.stream()
                    .anyMatch(r -> List.of("reached", "phone_reached", "vacant").contains(r.outcome()));
            long lastAt = visits.stream().mapToLong(Row::at).max().orElseThrow();
            Row latestReaching = visits.stream()
                    .filter(r -> r.outcome().equals("reached") || r.outcome().equals("phone_reached"))
                    .max((a, b) -> Long.compare(a.at(), b.at()))
                    .orElse(null);
            f[0]++;
            f[1] += resolved ? 1 : 0;
            f[2] += !resolved && lastAt <= OVERDUE_BEFORE.getEpochSecond() ? 1 : 0;
            f[3] += latestReaching == null ? 0 : latestReaching.home();
            f[4] += latestReaching == null ? 0 : latestReaching.central();
        }
        Map<String, List<Long>> out = new TreeMap<>();
        byCompound.forEach((c, f) -> out.put(c, List.of(f[0], f[1], f[2], f[3], f[4])));
        return out;
    }
}
