package io.cordon.dashboard;

import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import io.cordon.schemas.Lifetime;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Reads household screening from ClickHouse. Live figures come from the job's compound totals (fast at city scale);
 * a snapshot as of a cutoff is computed from the counted visits before it (the last version of each, corrections and
 * voids applied), so it is exact whatever arrived later. Households are those of the registry; coverage = resolved ÷ households, in percent with one decimal.
 */
public final class ScreeningQueries {

    /** Orders of the compound table. */
    public static final List<String> ORDERS = List.of("coverage", "unvisited", "overdue", "name");

    private static final String RESOLVING = "('reached', 'phone_reached', 'vacant')";
    private static final String REACHING = "('reached', 'phone_reached')";

    private final ClickHouseHttp clickHouse;
    private final ZoneId zone;
    private final Duration revisitWindow;
    private final Clock clock;

    public ScreeningQueries(ClickHouseHttp clickHouse, ZoneId zone, Duration revisitWindow, Clock clock) {
        this.clock = clock;
        this.clickHouse = clickHouse;
        this.zone = zone;
        this.revisitWindow = revisitWindow;
    }

    /** The latest round with any visit (before {@code before} when given), or null when there is none. */
    public CompletableFuture<Integer> latestRound(Instant before) {
        String sql = before == null
                ? "SELECT max(round) AS r, count() AS n FROM compound_round_state FINAL WHERE visited > 0 FORMAT JSON"
                : "SELECT max(round) AS r, count() AS n FROM household_visits FINAL WHERE voided = 0 AND visited_at < toDateTime("
                        + before.getEpochSecond() + ") FORMAT JSON";
        return clickHouse.execute(sql).thenApply(body -> {
            JsonObject row = CheckpointQueries.data(body).getJsonObject(0);
            return CheckpointQueries.number(row, "n") == 0 ? null : (int) CheckpointQueries.number(row, "r");
        });
    }

    private CompletableFuture<Integer> round(Integer requested, Instant before) {
        return requested != null ? CompletableFuture.completedFuture(requested) : latestRound(before);
    }

    /**
     * The households of a compound that count on a local date (API.md, "Registry lifecycle"): those without a
     * lifetime, and those whose lifetime holds the date.
     */
    static String householdsOn(LocalDate day) {
        return "(households + arrayCount((f, u) -> " + Lifetime.sql("f", "u", day) + ", bounded_from, bounded_until))";
    }

    /** The households that do not count on a local date: those whose lifetime excludes it (from the compounds, not a scan of every household). */
    static String inactiveOn(LocalDate day) {
        return "(SELECT id FROM (SELECT bounded_ids, bounded_from, bounded_until FROM compounds FINAL) "
                + "ARRAY JOIN bounded_ids AS id, bounded_from AS f, bounded_until AS u WHERE NOT " + Lifetime.sql("f", "u", day) + ")";
    }

    /**
     * The job's live compound totals of a round, less what households that do not count today (removed, or not yet
     * there; a short list from the compounds' lifetimes) contributed: the figures of the households active today.
     */
    private String liveState(int round, String condition) {
        String inactive = "(SELECT compound_id, count() AS iv, sum(resolved) AS ir, sum(overdue) AS io, sum(home_quarantine) AS ih, "
                + "sum(central_quarantine) AS ic FROM household_round_state FINAL WHERE round = " + round + " AND visits > 0 "
                + "AND household_id IN " + inactiveOn(today()) + " GROUP BY compound_id)";
        return "(SELECT compound_id, visited - iv AS visited, resolved - ir AS resolved, pending_revisit - (iv - ir) AS pending_revisit, "
                + "revisit_overdue - io AS revisit_overdue, home_quarantine - ih AS home_quarantine, central_quarantine - ic AS central_quarantine "
                + "FROM (SELECT * FROM compound_round_state FINAL WHERE round = " + round + " AND " + condition + ") ANY LEFT JOIN "
                + inactive + " USING compound_id)";
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /** The compound directory (names, hierarchy, households on {@code day}) of the filter, by id: compounds with a household that day. */
    private CompletableFuture<Map<String, JsonObject>> directory(CompoundFilter filter, LocalDate day) {
        return clickHouse.execute("SELECT compound_id, compound_name, community, street, district, responsible_unit, households "
                + "FROM (SELECT compound_id, compound_name, community, street, district, responsible_unit, " + householdsOn(day)
                + " AS households FROM compounds FINAL WHERE " + filter.sql() + ") WHERE households > 0 FORMAT JSON").thenApply(body -> {
                    Map<String, JsonObject> m = new LinkedHashMap<>();
                    for (Object o : CheckpointQueries.data(body)) {
                        JsonObject r = (JsonObject) o;
                        m.put(r.getString("compound_id"), r);
                    }
                    return m;
                });
    }

    /** Live compound rows of a round ({@code round} null: the latest), filtered and ordered. */
    public CompletableFuture<JsonObject> compounds(Integer requestedRound, CompoundFilter filter, String order) {
        return round(requestedRound, null).thenCompose(round -> {
            CompletableFuture<Map<String, JsonObject>> dir = directory(filter, today());
            CompletableFuture<Map<String, JsonObject>> state = round == null ? CompletableFuture.completedFuture(Map.of())
                    : clickHouse.execute("SELECT compound_id, visited, resolved, pending_revisit, revisit_overdue, home_quarantine, "
                            + "central_quarantine FROM " + liveState(round, "compound_id IN (SELECT compound_id FROM compounds FINAL WHERE "
                            + filter.sql() + ")") + " FORMAT JSON")
                            .thenApply(ScreeningQueries::byCompound);
            return dir.thenCombine(state, (d, st) -> table(round, d, st, order));
        });
    }

    /** Compound rows as of a cutoff, computed from the first-seen visits before it (revisit overdue at the cutoff). */
    public CompletableFuture<JsonObject> compoundsAsOf(Integer requestedRound, Instant cutoff, LocalDate day) {
        return round(requestedRound, cutoff).thenCompose(round -> {
            CompletableFuture<Map<String, JsonObject>> dir = directory(CompoundFilter.NONE, day);
            long t = cutoff.getEpochSecond();
            long overdueBefore = cutoff.minus(revisitWindow).getEpochSecond();
            CompletableFuture<Map<String, JsonObject>> state = round == null ? CompletableFuture.completedFuture(Map.of())
                    : clickHouse.execute("SELECT h_compound AS compound_id, count() AS visited, sum(h_resolved) AS resolved, "
                            + "sum(h_resolved = 0 AND h_last <= toDateTime(" + overdueBefore + ")) AS revisit_overdue, "
                            + "sum(h_home) AS home_quarantine, sum(h_central) AS central_quarantine FROM ("
                            + "SELECT household_id, any(compound_id) AS h_compound, max(outcome IN " + RESOLVING + ") AS h_resolved, "
                            + "max(visited_at) AS h_last, "
                            + "argMaxIf(home_quarantine, visited_at, outcome IN " + REACHING + ") AS h_home, "
                            + "argMaxIf(central_quarantine, visited_at, outcome IN " + REACHING + ") AS h_central "
                            // FINAL: the last version of each visit's row, which a correction or void may have taken back
                            + "FROM household_visits FINAL WHERE round = " + round + " AND voided = 0 AND visited_at < toDateTime(" + t + ") "
                            + "AND household_id NOT IN " + inactiveOn(day) + " "
                            + "GROUP BY household_id) GROUP BY h_compound FORMAT JSON")
                            .thenApply(ScreeningQueries::byCompound);
            return dir.thenCombine(state, (d, st) -> table(round, d, st, "coverage"));
        });
    }

    /** Households, resolved and overdue households of a round, summed over one district's compounds. */
    public record DistrictScreening(long households, long resolved, long overdue) {

        static final DistrictScreening NONE = new DistrictScreening(0, 0, 0);

        DistrictScreening plus(DistrictScreening o) {
            return new DistrictScreening(households + o.households, resolved + o.resolved, overdue + o.overdue);
        }
    }

    /** The screening figures of a round ({@code null}: the latest) by district: what every wall's tiles derive from. */
    public record ScreeningByDistrict(Integer round, Map<String, DistrictScreening> districts) {
    }

    /**
     * The live screening figures of a round by district, in two reads whose size is the number of compounds (the
     * registry), whatever the number of walls or scopes open.
     */
    public CompletableFuture<ScreeningByDistrict> byDistrict(Integer requestedRound) {
        return round(requestedRound, null).thenCompose(round -> {
            CompletableFuture<String> households = clickHouse.execute(
                    "SELECT district, sum(h) AS households FROM (SELECT district, " + householdsOn(today())
                            + " AS h FROM compounds FINAL) GROUP BY district FORMAT JSON");
            CompletableFuture<String> state = round == null ? CompletableFuture.completedFuture("{}")
                    : clickHouse.execute("SELECT district, sum(resolved) AS resolved, sum(revisit_overdue) AS overdue FROM "
                            + liveState(round, "1") + " ANY INNER JOIN (SELECT compound_id, district FROM compounds FINAL) USING compound_id "
                            + "GROUP BY district FORMAT JSON");
            return households.thenCombine(state, (h, st) -> {
                Map<String, DistrictScreening> m = new HashMap<>();
                for (Object o : CheckpointQueries.data(h)) {
                    JsonObject r = (JsonObject) o;
                    m.put(r.getString("district"), new DistrictScreening(CheckpointQueries.number(r, "households"), 0, 0));
                }
                for (Object o : CheckpointQueries.data(st)) {
                    JsonObject r = (JsonObject) o;
                    m.computeIfPresent(r.getString("district"), (d, x) -> new DistrictScreening(x.households(),
                            CheckpointQueries.number(r, "resolved"), CheckpointQueries.number(r, "overdue")));
                }
                return new ScreeningByDistrict(round, m);
            });
        });
    }

    /** One row per registry household of a compound, with its state in the round (latest outcome, time, team). */
    public CompletableFuture<JsonObject> households(String compoundId, Integer requestedRound, Instant now) {
        String id = ClickHouseSql.quote(compoundId);
        return round(requestedRound, null).thenCompose(round -> {
            CompletableFuture<String> registry = clickHouse.execute("SELECT household_id, building, unit, room, grid_id, compound_name, "
                    + "community, street, district, responsible_unit FROM (SELECT * FROM households FINAL WHERE compound_id = " + id
                    + ") WHERE " + Lifetime.sql("active_from", "active_until", today())
                    + " ORDER BY building, unit, room, household_id FORMAT JSON");
            CompletableFuture<Map<String, JsonObject>> state = round == null ? CompletableFuture.completedFuture(Map.of())
                    : clickHouse.execute("SELECT household_id, visits, resolved, toUInt32(last_visited_at) AS last_at, last_outcome, "
                            + "last_team_id, home_quarantine, central_quarantine FROM household_round_state FINAL WHERE round = "
                            + round + " AND compound_id = " + id + " FORMAT JSON").thenApply(body -> {
                                Map<String, JsonObject> m = new HashMap<>();
                                for (Object o : CheckpointQueries.data(body)) {
                                    m.put(((JsonObject) o).getString("household_id"), (JsonObject) o);
                                }
                                return m;
                            });
            return registry.thenCombine(state, (regBody, st) -> {
                JsonArray regRows = CheckpointQueries.data(regBody);
                if (regRows.isEmpty()) {
                    return null;
                }
                long overdueBefore = now.minus(revisitWindow).getEpochSecond();
                JsonArray rows = new JsonArray();
                for (Object o : regRows) {
                    JsonObject h = (JsonObject) o;
                    JsonObject s = st.get(h.getString("household_id"));
                    JsonObject row = new JsonObject().put("household_id", h.getString("household_id"))
                            .put("building", h.getString("building")).put("unit", h.getString("unit"))
                            .put("room", h.getString("room")).put("grid_id", h.getString("grid_id"));
                    if (s == null || CheckpointQueries.number(s, "visits") == 0) {
                        row.put("status", "never_visited").put("visits", 0).put("latest_outcome", null)
                                .put("latest_visited_at", null).put("team_id", null).put("revisit_overdue", false)
                                .put("home_quarantine", 0).put("central_quarantine", 0);
                    } else {
                        boolean resolved = CheckpointQueries.number(s, "resolved") == 1;
                        long last = CheckpointQueries.number(s, "last_at");
                        row.put("status", resolved ? "resolved" : "pending_revisit")
                                .put("visits", CheckpointQueries.number(s, "visits"))
                                .put("latest_outcome", s.getString("last_outcome"))
                                .put("latest_visited_at", format(Instant.ofEpochSecond(last)))
                                .put("team_id", s.getString("last_team_id"))
                                .put("revisit_overdue", !resolved && last <= overdueBefore)
                                .put("home_quarantine", CheckpointQueries.number(s, "home_quarantine"))
                                .put("central_quarantine", CheckpointQueries.number(s, "central_quarantine"));
                    }
                    rows.add(row);
                }
                JsonObject first = regRows.getJsonObject(0);
                return new JsonObject().put("compound_id", compoundId).put("compound_name", first.getString("compound_name"))
                        .put("community", first.getString("community")).put("street", first.getString("street"))
                        .put("district", first.getString("district")).put("responsible_unit", first.getString("responsible_unit"))
                        .put("round", round).put("households", rows);
            });
        });
    }

    /** Pending households whose revisit is overdue now, oldest attempt first (at most {@code limit}). */
    public CompletableFuture<JsonObject> overdue(Integer requestedRound, CompoundFilter filter, Instant now, int limit) {
        return round(requestedRound, null).thenCompose(round -> {
            if (round == null) {
                return CompletableFuture.completedFuture(new JsonObject().put("round", (Integer) null).put("households", new JsonArray()));
            }
            long overdueBefore = now.minus(revisitWindow).getEpochSecond();
            String sql = "SELECT household_id, compound_id, toUInt32(last_visited_at) AS last_at, last_outcome, last_team_id, visits "
                    + "FROM household_round_state FINAL WHERE round = " + round + " AND visits > 0 AND resolved = 0 AND last_visited_at <= toDateTime("
                    + overdueBefore + ") AND compound_id IN (SELECT compound_id FROM compounds FINAL WHERE " + filter.sql()
                    + ") ORDER BY last_visited_at, household_id LIMIT " + limit + " FORMAT JSON";
            return clickHouse.execute(sql).thenCompose(body -> {
                JsonArray rows = CheckpointQueries.data(body);
                if (rows.isEmpty()) {
                    return CompletableFuture.completedFuture(new JsonObject().put("round", round).put("households", new JsonArray()));
                }
                List<String> ids = new ArrayList<>();
                rows.forEach(o -> ids.add(ClickHouseSql.quote(((JsonObject) o).getString("household_id"))));
                return clickHouse.execute("SELECT household_id, building, unit, room, compound_name, community, street, district, "
                        + "responsible_unit FROM households FINAL WHERE household_id IN (" + String.join(",", ids) + ") FORMAT JSON")
                        .thenApply(reg -> {
                            Map<String, JsonObject> byId = new HashMap<>();
                            CheckpointQueries.data(reg).forEach(o -> byId.put(((JsonObject) o).getString("household_id"), (JsonObject) o));
                            JsonArray out = new JsonArray();
                            for (Object o : rows) {
                                JsonObject r = (JsonObject) o;
                                JsonObject h = byId.getOrDefault(r.getString("household_id"), new JsonObject());
                                long last = CheckpointQueries.number(r, "last_at");
                                out.add(new JsonObject().put("household_id", r.getString("household_id"))
                                        .put("compound_id", r.getString("compound_id")).put("compound_name", h.getString("compound_name"))
                                        .put("community", h.getString("community")).put("street", h.getString("street"))
                                        .put("district", h.getString("district")).put("responsible_unit", h.getString("responsible_unit"))
                                        .put("building", h.getString("building")).put("unit", h.getString("unit")).put("room", h.getString("room"))
                                        .put("latest_outcome", r.getString("last_outcome")).put("team_id", r.getString("last_team_id"))
                                        .put("visits", CheckpointQueries.number(r, "visits"))
                                        .put("latest_visited_at", format(Instant.ofEpochSecond(last)))
                                        .put("overdue_minutes", (now.getEpochSecond() - last - revisitWindow.toSeconds()) / 60));
                            }
                            return new JsonObject().put("round", round).put("households", out);
                        });
            });
        });
    }

    /** Every compound of the directory with its state in the round (zeros where nothing happened), ordered. */
    private static JsonObject table(Integer round, Map<String, JsonObject> directory, Map<String, JsonObject> state, String order) {
        List<JsonObject> rows = new ArrayList<>();
        directory.forEach((id, c) -> {
            JsonObject st = state.getOrDefault(id, new JsonObject());
            rows.add(row(c, CheckpointQueries.number(st, "visited"), CheckpointQueries.number(st, "resolved"),
                    CheckpointQueries.number(st, "revisit_overdue"), CheckpointQueries.number(st, "home_quarantine"),
                    CheckpointQueries.number(st, "central_quarantine")));
        });
        sort(rows, order);
        return new JsonObject().put("round", round).put("compounds", new JsonArray(rows));
    }

    private String format(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
    }

    private static Map<String, JsonObject> byCompound(String body) {
        Map<String, JsonObject> m = new HashMap<>();
        for (Object o : CheckpointQueries.data(body)) {
            m.put(((JsonObject) o).getString("compound_id"), (JsonObject) o);
        }
        return m;
    }

    private static JsonObject row(JsonObject c, long visited, long resolved, long overdue, long home, long central) {
        long households = CheckpointQueries.number(c, "households");
        long neverVisited = Math.max(0, households - visited);
        long pending = visited - resolved;
        return new JsonObject()
                .put("compound_id", c.getString("compound_id"))
                .put("compound_name", c.getString("compound_name"))
                .put("community", c.getString("community"))
                .put("street", c.getString("street"))
                .put("district", c.getString("district"))
                .put("responsible_unit", c.getString("responsible_unit"))
                .put("households", households)
                .put("resolved", resolved)
                .put("never_visited", neverVisited)
                .put("pending_revisit", pending)
                .put("unvisited", neverVisited + pending)
                .put("revisit_overdue", overdue)
                .put("coverage_pct", coverage(resolved, households))
                .put("home_quarantine", home)
                .put("central_quarantine", central);
    }

    static double coverage(long resolved, long households) {
        if (households == 0) {
            return 0.0;
        }
        return BigDecimal.valueOf(resolved * 100.0 / households).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }

    private static void sort(List<JsonObject> rows, String order) {
        Comparator<JsonObject> byId = Comparator.comparing(r -> r.getString("compound_id"));
        Comparator<JsonObject> c = switch (order) {
            case "unvisited" -> Comparator.<JsonObject>comparingLong(r -> -r.getLong("unvisited")).thenComparing(byId);
            case "overdue" -> Comparator.<JsonObject>comparingLong(r -> -r.getLong("revisit_overdue")).thenComparing(byId);
            case "name" -> Comparator.<JsonObject, String>comparing(r -> r.getString("district"))
                    .thenComparing(r -> r.getString("street")).thenComparing(r -> r.getString("community"))
                    .thenComparing(r -> r.getString("compound_name")).thenComparing(byId);
            default -> Comparator.<JsonObject>comparingDouble(r -> r.getDouble("coverage_pct"))
                    .thenComparingLong(r -> -r.getLong("unvisited")).thenComparing(byId);
        };
        rows.sort(c);
    }
}
