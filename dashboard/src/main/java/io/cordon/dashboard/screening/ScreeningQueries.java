package io.cordon.dashboard.screening;

import io.cordon.dashboard.screening.CompoundRows.Compound;
import io.cordon.dashboard.screening.CompoundRows.Figures;
import io.cordon.dashboard.screening.CompoundRows.State;
import io.cordon.dashboard.screening.HouseholdRows.Household;
import io.cordon.schemas.Lifetime;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import io.cordon.schemas.clickhouse.TsvRows;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

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
    private final ScreeningRounds rounds;
    private final ScreeningByAreaReads byArea;

    public ScreeningQueries(ClickHouseHttp clickHouse, ZoneId zone, Duration revisitWindow, Clock clock) {
        this.clock = clock;
        this.rounds = new ScreeningRounds(clickHouse);
        this.clickHouse = clickHouse;
        this.zone = zone;
        this.revisitWindow = revisitWindow;
        this.byArea = new ScreeningByAreaReads(clickHouse, this);
    }

    /** The round asked for, or the latest with a counted visit (before {@code before} when given). */
    CompletableFuture<Integer> round(Integer requested, Instant before) {
        return requested != null ? CompletableFuture.completedFuture(requested) : rounds.latest(before);
    }

    /** The latest round with a counted visit (before {@code before} when given), or null when there is none. */
    public CompletableFuture<Integer> latestRound(Instant before) {
        return rounds.latest(before);
    }

    /**
     * The job's live compound totals of a round, less what households that do not count today (removed, or not yet
     * there; a short list from the compounds' lifetimes) contributed: the figures of the households active today.
     */
    String liveState(int round, String condition) {
        String inactive =
                "(SELECT compound_id, count() AS iv, sum(resolved) AS ir, sum(overdue) AS io, sum(home_quarantine) AS ih, "
                        + "sum(central_quarantine) AS ic FROM household_round_state FINAL WHERE round = " + round
                        + " AND visits > 0 "
                        + "AND compound_id IN " + HouseholdLifetimes.compoundsWithInactiveOn(today())
                        + " AND household_id IN "
                        + HouseholdLifetimes.inactiveOn(today())
                        + " GROUP BY compound_id)";
        return "(SELECT compound_id, visited - iv AS visited, resolved - ir AS resolved, pending_revisit - (iv - ir) AS pending_revisit, "
                + "revisit_overdue - io AS revisit_overdue, home_quarantine - ih AS home_quarantine, central_quarantine - ic AS central_quarantine "
                + "FROM (SELECT * FROM compound_round_state FINAL WHERE round = " + round + " AND " + condition
                + ") ANY LEFT JOIN "
                + inactive + " USING compound_id)";
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /** The compound directory (names, hierarchy, households on {@code day}) of the filter, by id: compounds with a household that day. */
    private CompletableFuture<Map<String, Compound>> directory(CompoundFilter filter, LocalDate day) {
        return clickHouse
                .execute("SELECT " + Compound.COLUMNS
                        + " FROM (SELECT compound_id, compound_name, community, street, district, "
                        + "responsible_unit, " + HouseholdLifetimes.householdsOn(day)
                        + " AS households FROM compounds FINAL WHERE "
                        + filter.sql()
                        + ") WHERE households > 0 FORMAT TSV")
                .thenApply(body -> {
                    Map<String, Compound> m = new LinkedHashMap<>();
                    for (String[] f : TsvRows.parse(body)) {
                        Compound c = Compound.of(f);
                        m.put(c.compoundId(), c);
                    }
                    return m;
                });
    }

    /** Live compound rows of a round ({@code round} null: the latest), filtered and ordered, as the API answers them. */
    public CompletableFuture<JsonObject> compounds(Integer requestedRound, CompoundFilter filter, String order) {
        return compoundTable(requestedRound, filter, order).thenApply(CompoundRows.Table::toJson);
    }

    /** Live compound rows of a round ({@code round} null: the latest), filtered and ordered. */
    public CompletableFuture<CompoundRows.Table> compoundTable(
            Integer requestedRound, CompoundFilter filter, String order) {
        return round(requestedRound, null).thenCompose(round -> {
            CompletableFuture<Map<String, Compound>> dir = directory(filter, today());
            CompletableFuture<Map<String, State>> state = round == null
                    ? CompletableFuture.completedFuture(Map.of())
                    : clickHouse
                            .execute("SELECT " + State.COLUMNS + " FROM "
                                    + liveState(
                                            round,
                                            "compound_id IN (SELECT compound_id " + "FROM compounds FINAL WHERE "
                                                    + filter.sql() + ")")
                                    + " FORMAT TSV")
                            .thenApply(body -> TsvRows.byFirstField(body, State::of));
            return dir.thenCombine(state, (d, st) -> table(round, d, st, order));
        });
    }

    /** Compound rows as of a cutoff, computed from the first-seen visits before it (revisit overdue at the cutoff). */
    public CompletableFuture<JsonObject> compoundsAsOf(Integer requestedRound, Instant cutoff, LocalDate day) {
        return round(requestedRound, cutoff).thenCompose(round -> {
            CompletableFuture<Map<String, Compound>> dir = directory(CompoundFilter.NONE, day);
            CompletableFuture<Map<String, State>> state = round == null
                    ? CompletableFuture.completedFuture(Map.of())
                    : clickHouse
                            .execute(statesAsOf(round, cutoff, cutoff.minus(revisitWindow), day) + " FORMAT TSV")
                            .thenApply(body -> TsvRows.byFirstField(body, State::of));
            return dir.thenCombine(
                    state, (d, st) -> table(round, d, st, "coverage").toJson());
        });
    }

    /**
     * A visit packed into one UInt64 for {@link #statesAsOf}, laid out so that the largest value among a household's
     * reaching visits is its latest one: {@code visited_at} in bits 32-63, resolving in bit 31, reaching in bit 30, the
     * home quarantine count in bits 15-29 and the central one in bits 0-14 (each at most 50: the feed's limit of
     * {@code key_persons}).
     */
    private static final String PACKED_VISIT = "bitShiftLeft(toUInt64(visited_at), 32)"
            + " + bitShiftLeft(toUInt64(outcome IN " + RESOLVING + "), 31)"
            + " + bitShiftLeft(toUInt64(outcome IN " + REACHING + "), 30)"
            + " + bitShiftLeft(toUInt64(home_quarantine), 15) + central_quarantine";

    private static final String RESOLVING_BIT = "bitAnd(q, 2147483648) != 0";
    private static final String REACHING_BIT = "bitAnd(q, 1073741824) != 0";

    /**
     * Each compound's screening state ({@link State#COLUMNS}) from the visits of a round before a cutoff, as they stand
     * now (the last version of each, voids and corrections applied), of the households that count on {@code day}.
     * Per household: visited, resolved (a resolving visit), revisit overdue (not resolved, and its last visit at or
     * before {@code overdueBefore}) and the quarantine counts of its latest reaching visit; summed per compound.
     *
     * <p>The visits are gathered per compound into two arrays (household ids, packed visits) and each figure is an
     * array expression over them. Grouping by household instead (a hash table of every household of the round) ran
     * single-threaded behind {@code FINAL} and took twice as long: 14.6-15.3 s against 6.9 s for a round of 10.5
     * million households and 14 million visits on ClickHouse 18.16 (docs/BENCHMARKS.md, "The snapshot's compounds").
     */
    static String statesAsOf(int round, Instant cutoff, Instant overdueBefore, LocalDate day) {
        String visits = "SELECT compound_id, groupArray(household_id) AS hs, groupArray(" + PACKED_VISIT + ") AS qs "
                // FINAL: the last version of each visit's row, which a correction or void may have taken back
                + "FROM household_visits FINAL WHERE round = " + round + " AND voided = 0 AND visited_at < toDateTime("
                + cutoff.getEpochSecond() + ") AND household_id NOT IN " + HouseholdLifetimes.inactiveOn(day)
                + " GROUP BY compound_id";
        String perCompound = "SELECT compound_id, arrayUniq(hs) AS visited, "
                + "arrayUniq(arrayFilter((h, q) -> " + RESOLVING_BIT + ", hs, qs)) AS resolved, "
                // a household is not overdue when it was resolved or visited after the revisit window began
                + "arrayUniq(arrayFilter((h, q) -> " + RESOLVING_BIT + " OR bitShiftRight(q, 32) > "
                + overdueBefore.getEpochSecond() + ", hs, qs)) AS not_overdue, "
                + "arrayFilter((h, q) -> " + REACHING_BIT + ", hs, qs) AS reaching_h, "
                + "arrayFilter(q -> " + REACHING_BIT + ", qs) AS reaching_q FROM (" + visits + ")";
        // the reaching visits, latest first: the first of each household is the one whose counts are the household's
        String latestFirst =
                "SELECT compound_id, visited, resolved, not_overdue, arrayReverseSort(reaching_q) AS latest, "
                        + "arrayMap(u -> toUInt64(u = 1), arrayEnumerateUniq(arrayReverseSort((h, q) -> q, reaching_h, "
                        + "reaching_q))) AS firsts FROM (" + perCompound + ")";
        return "SELECT compound_id, visited, resolved, visited - not_overdue AS revisit_overdue, "
                + "arraySum(arrayMap((q, first) -> first * bitAnd(bitShiftRight(q, 15), 32767), latest, firsts)) "
                + "AS home_quarantine, "
                + "arraySum(arrayMap((q, first) -> first * bitAnd(q, 32767), latest, firsts)) AS central_quarantine "
                + "FROM (" + latestFirst + ")";
    }

    /**
     * The live screening figures of a round by community and by unit (see {@link ScreeningByAreaReads}), in reads whose
     * size is the number of communities and units, whatever the number of walls or scopes open.
     */
    public CompletableFuture<ScreeningByArea> byArea(Integer requestedRound) {
        return byArea.read(requestedRound);
    }

    /**
     * One row per registry household of a compound, with its state in the round (latest outcome, time, team). The
     * registry is read by compound ({@code compound_households}, ordered by compound, a row per move out): the versioned
     * read covers one compound's rows, not the city's 10M households.
     */
    public CompletableFuture<JsonObject> households(String compoundId, Integer requestedRound, Instant now) {
        String id = ClickHouseSql.quote(compoundId);
        return round(requestedRound, null).thenCompose(round -> {
            CompletableFuture<List<Household>> registry = clickHouse
                    .execute("SELECT " + Household.COLUMNS
                            + " FROM (SELECT * FROM compound_households FINAL WHERE compound_id = " + id
                            + ") WHERE present = 1 AND "
                            + Lifetime.sql("active_from", "active_until", today())
                            + " ORDER BY building, unit, room, household_id FORMAT TSV")
                    .thenApply(body ->
                            TsvRows.parse(body).stream().map(Household::of).toList());
            CompletableFuture<Map<String, HouseholdRows.State>> state = round == null
                    ? CompletableFuture.completedFuture(Map.of())
                    : clickHouse
                            .execute("SELECT " + HouseholdRows.State.COLUMNS
                                    + " FROM household_round_state FINAL WHERE round = " + round + " AND compound_id = "
                                    + id + " FORMAT TSV")
                            .thenApply(body -> TsvRows.byFirstField(body, HouseholdRows.State::of));
            return registry.thenCombine(state, (homes, st) -> {
                if (homes.isEmpty()) {
                    return null;
                }
                long overdueBefore = now.minus(revisitWindow).getEpochSecond();
                JsonArray rows = new JsonArray();
                for (Household h : homes) {
                    HouseholdRows.State s = st.get(h.householdId());
                    JsonObject row = new JsonObject()
                            .put("household_id", h.householdId())
                            .put("building", h.building())
                            .put("unit", h.unit())
                            .put("room", h.room())
                            .put("grid_id", h.gridId());
                    if (s == null || s.visits() == 0) {
                        row.put("status", "never_visited")
                                .put("visits", 0)
                                .put("latest_outcome", null)
                                .put("latest_visited_at", null)
                                .put("team_id", null)
                                .put("revisit_overdue", false)
                                .put("home_quarantine", 0)
                                .put("central_quarantine", 0);
                    } else {
                        row.put("status", s.resolved() ? "resolved" : "pending_revisit")
                                .put("visits", s.visits())
                                .put("latest_outcome", s.lastOutcome())
                                .put("latest_visited_at", format(Instant.ofEpochSecond(s.lastVisitedAt())))
                                .put("team_id", s.lastTeamId())
                                .put("revisit_overdue", !s.resolved() && s.lastVisitedAt() <= overdueBefore)
                                .put("home_quarantine", s.homeQuarantine())
                                .put("central_quarantine", s.centralQuarantine());
                    }
                    rows.add(row);
                }
                Household first = homes.get(0);
                return new JsonObject()
                        .put("compound_id", compoundId)
                        .put("compound_name", first.compoundName())
                        .put("community", first.community())
                        .put("street", first.street())
                        .put("district", first.district())
                        .put("responsible_unit", first.responsibleUnit())
                        .put("round", round)
                        .put("households", rows);
            });
        });
    }

    /**
     * Pending households whose revisit is overdue now, oldest attempt first (at most {@code limit}). The versioned read
     * of the round's households is narrowed to the compounds with a pending household (the job's compound totals, 35,000
     * rows): few once a round is nearly done; in the city bench's round 2, with 0.5M of 2.1M households overdue, nearly
     * every compound (1.5 s p95, docs/BENCHMARKS.md).
     */
    public CompletableFuture<JsonObject> overdue(
            Integer requestedRound, CompoundFilter filter, Instant now, int limit) {
        return round(requestedRound, null).thenCompose(round -> {
            if (round == null) {
                return CompletableFuture.completedFuture(
                        new JsonObject().put("round", (Integer) null).put("households", new JsonArray()));
            }
            long overdueBefore = now.minus(revisitWindow).getEpochSecond();
            String sql = "SELECT " + HouseholdRows.State.COLUMNS + " FROM household_round_state FINAL WHERE round = "
                    + round
                    + " AND visits > 0 AND resolved = 0 AND last_visited_at <= toDateTime(" + overdueBefore
                    + ") AND compound_id IN "
                    + "(SELECT compound_id FROM compounds FINAL WHERE " + filter.sql()
                    + ") AND compound_id IN (SELECT compound_id FROM "
                    + "(SELECT compound_id, pending_revisit FROM compound_round_state FINAL WHERE round = " + round
                    + ") WHERE pending_revisit > 0) ORDER BY last_visited_at, household_id LIMIT "
                    + limit + " FORMAT TSV";
            return clickHouse.execute(sql).thenCompose(body -> {
                List<HouseholdRows.State> pending = TsvRows.parse(body).stream()
                        .map(HouseholdRows.State::of)
                        .toList();
                if (pending.isEmpty()) {
                    return CompletableFuture.completedFuture(
                            new JsonObject().put("round", round).put("households", new JsonArray()));
                }
                String ids = pending.stream()
                        .map(p -> ClickHouseSql.quote(p.householdId()))
                        .collect(Collectors.joining(","));
                return clickHouse
                        .execute("SELECT " + Household.COLUMNS + " FROM households FINAL WHERE household_id IN (" + ids
                                + ") FORMAT TSV")
                        .thenApply(reg -> {
                            Map<String, Household> byId = new HashMap<>();
                            TsvRows.parse(reg).forEach(f -> byId.put(f[0], Household.of(f)));
                            JsonArray out = new JsonArray();
                            for (HouseholdRows.State p : pending) {
                                Household h = byId.get(p.householdId());
                                out.add(new JsonObject()
                                        .put("household_id", p.householdId())
                                        .put("compound_id", p.compoundId())
                                        .put("compound_name", h == null ? null : h.compoundName())
                                        .put("community", h == null ? null : h.community())
                                        .put("street", h == null ? null : h.street())
                                        .put("district", h == null ? null : h.district())
                                        .put("responsible_unit", h == null ? null : h.responsibleUnit())
                                        .put("building", h == null ? null : h.building())
                                        .put("unit", h == null ? null : h.unit())
                                        .put("room", h == null ? null : h.room())
                                        .put("latest_outcome", p.lastOutcome())
                                        .put("team_id", p.lastTeamId())
                                        .put("visits", p.visits())
                                        .put("latest_visited_at", format(Instant.ofEpochSecond(p.lastVisitedAt())))
                                        .put(
                                                "overdue_minutes",
                                                (now.getEpochSecond() - p.lastVisitedAt() - revisitWindow.toSeconds())
                                                        / 60));
                            }
                            return new JsonObject().put("round", round).put("households", out);
                        });
            });
        });
    }

    /** Every compound of the directory with its state in the round (zeros where nothing happened), ordered. */
    private static CompoundRows.Table table(
            Integer round, Map<String, Compound> directory, Map<String, State> state, String order) {
        List<Figures> rows = new ArrayList<>(directory.size());
        directory.forEach((id, c) -> rows.add(new Figures(c, state.getOrDefault(id, State.NONE))));
        rows.sort(Figures.order(order));
        return new CompoundRows.Table(round, rows);
    }

    private String format(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
    }
}
