package io.cordon.dashboard.live;

import io.cordon.dashboard.screening.AreaScreening;
import io.cordon.dashboard.screening.CompoundRows;
import io.cordon.http.Location;
import io.cordon.http.Scope;
import io.cordon.schemas.clickhouse.TsvRows;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The screening charts of the city and of every area (the keys of {@code byScope}, scopes as strings): progress per
 * day of the round, and who lags.
 */
record ScreeningCharts(Integer round, Map<String, JsonObject> byScope) {

    /**
     * Households resolved per local day of the latest round and the one before, by district (the day of a household's
     * first resolving visit): the screening job's per-compound tally, so the read is two rows a compound whatever the
     * number of households or visits.
     */
    static String progressSql(int round) {
        return "SELECT round, district, street, community, responsible_unit, day, sum(n) AS resolved FROM (SELECT round, compound_id, day, n FROM ("
                + "SELECT round, compound_id, resolved_days, resolved_by_day FROM compound_round_state FINAL WHERE round IN ("
                + round + ", " + (round - 1) + ")) ARRAY JOIN resolved_days AS day, resolved_by_day AS n) "
                + "ANY INNER JOIN (SELECT compound_id, district, street, community, responsible_unit FROM compounds FINAL) "
                + "USING compound_id GROUP BY round, district, street, community, responsible_unit, day "
                + "ORDER BY round, day FORMAT TSV";
    }

    /** A row of {@link #progressSql}: households of some compounds first resolved on a local day of a round. */
    private record Progress(int round, Location at, String day, long resolved) {

        static Progress of(String[] f) {
            return new Progress(
                    (int) TsvRows.number(f[0]), Location.home(f[1], f[2], f[3], f[4]), f[5], TsvRows.number(f[6]));
        }
    }

    /** The scopes (as strings, the keys of {@link #byScope}) a home lies in. */
    private static List<String> areas(Location at) {
        return Scope.areasOf(at).stream().map(Scope::toString).toList();
    }

    /**
     * The charts of every area from the round's compound table and the rows of {@link #progressSql}: each area's
     * households resolved per day of the round and the one before (cumulative, with coverage), and the ten compounds
     * and the ten responsible units with the most unvisited homes.
     */
    static ScreeningCharts of(int round, CompoundRows.Table table, String progressBody) {
        // households per scope (the denominators of the curve), and the rankings
        Map<String, Long> households = new HashMap<>();
        Map<String, List<CompoundRows.Figures>> compoundsByScope = new HashMap<>();
        for (CompoundRows.Figures c : table.rows()) {
            for (String s : areas(c.compound().location())) {
                households.merge(s, c.compound().households(), Long::sum);
                compoundsByScope.computeIfAbsent(s, k -> new ArrayList<>()).add(c);
            }
        }
        // resolved per scope, round and day
        Map<String, Map<Integer, TreeMap<String, Long>>> resolved = new HashMap<>();
        for (String[] f : TsvRows.parse(progressBody)) {
            Progress r = Progress.of(f);
            for (String s : areas(r.at())) {
                resolved.computeIfAbsent(s, k -> new HashMap<>())
                        .computeIfAbsent(r.round(), k -> new TreeMap<>())
                        .merge(r.day(), r.resolved(), Long::sum);
            }
        }
        Map<String, JsonObject> byScope = new LinkedHashMap<>();
        for (Map.Entry<String, List<CompoundRows.Figures>> e : compoundsByScope.entrySet()) {
            String scope = e.getKey();
            long homes = households.getOrDefault(scope, 0L);
            JsonArray rounds = new JsonArray();
            for (int rd : List.of(round - 1, round)) {
                if (rd < 1) {
                    continue;
                }
                JsonArray days = new JsonArray();
                long cumulative = 0;
                for (Map.Entry<String, Long> d : resolved.getOrDefault(scope, Map.of())
                        .getOrDefault(rd, new TreeMap<>())
                        .entrySet()) {
                    cumulative += d.getValue();
                    days.add(new JsonObject()
                            .put("date", d.getKey())
                            .put("resolved", cumulative)
                            .put("unvisited", Math.max(0, homes - cumulative))
                            .put("coverage_pct", AreaScreening.coverage(cumulative, homes)));
                }
                rounds.add(new JsonObject().put("round", rd).put("days", days));
            }
            List<CompoundRows.Figures> list = e.getValue();
            JsonArray top = new JsonArray();
            list.stream()
                    .sorted(Comparator.<CompoundRows.Figures>comparingLong(c -> -c.unvisited())
                            .thenComparing(c -> c.compound().compoundId()))
                    .limit(10)
                    .forEach(c -> top.add(new JsonObject()
                            .put("compound_id", c.compound().compoundId())
                            .put("compound_name", c.compound().compoundName())
                            .put("responsible_unit", c.compound().responsibleUnit())
                            .put("unvisited", c.unvisited())
                            .put("coverage_pct", c.coveragePct())));
            Map<String, long[]> units = new HashMap<>();
            for (CompoundRows.Figures c : list) {
                String unit = c.compound().responsibleUnit() == null
                        ? ""
                        : c.compound().responsibleUnit();
                long[] u = units.computeIfAbsent(unit, k -> new long[3]);
                u[0] += c.unvisited();
                u[1] += c.compound().households();
                u[2] += c.state().resolved();
            }
            JsonArray topUnits = new JsonArray();
            units.entrySet().stream()
                    .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(u -> -u.getValue()[0])
                            .thenComparing(Map.Entry::getKey))
                    .limit(10)
                    .forEach(u -> topUnits.add(new JsonObject()
                            .put("responsible_unit", u.getKey())
                            .put("unvisited", u.getValue()[0])
                            .put("households", u.getValue()[1])
                            .put("coverage_pct", AreaScreening.coverage(u.getValue()[2], u.getValue()[1]))));
            byScope.put(
                    scope,
                    new JsonObject()
                            .put("round", round)
                            .put("progress", rounds)
                            .put("top_compounds", top)
                            .put("top_units", topUnits));
        }
        return new ScreeningCharts(round, byScope);
    }
}
