package io.cordon.dashboard.areas;

import io.cordon.dashboard.keypersons.KeyPersonFigures;
import io.cordon.dashboard.screening.AreaScreening;
import io.cordon.http.Location;
import io.cordon.http.Scope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The totals of areas: each the sum of its compounds' rows ({@code GET /api/v1/compounds}), so that an area's figures
 * and its compounds' never disagree. Coverage is computed from the summed counts, not averaged.
 */
public final class AreaTotals {

    /** The levels of {@code GET /api/v1/areas}. */
    public static final List<String> LEVELS = List.of("district", "street", "community", "unit", "grid");

    /** The columns of a row, in order (the CSV's header). */
    public static final List<String> COLUMNS = List.of(
            "area",
            "name",
            "compounds",
            "households",
            "resolved",
            "unvisited",
            "revisit_overdue",
            "coverage_pct",
            "key_persons",
            "follow_up_overdue");

    private AreaTotals() {}

    /** One area's totals. */
    public record Row(
            String area,
            String name,
            long compounds,
            long households,
            long resolved,
            long unvisited,
            long revisitOverdue,
            long keyPersons,
            long followUpOverdue) {

        public double coveragePct() {
            return AreaScreening.coverage(resolved, households);
        }

        /** The same screening figures with these key persons. */
        public Row withKeyPersons(long underMeasure, long overdue) {
            return new Row(
                    area, name, compounds, households, resolved, unvisited, revisitOverdue, underMeasure, overdue);
        }

        Row plus(long compounds, long households, long resolved, long unvisited, long overdue) {
            return new Row(
                    area,
                    name,
                    this.compounds + compounds,
                    this.households + households,
                    this.resolved + resolved,
                    this.unvisited + unvisited,
                    this.revisitOverdue + overdue,
                    keyPersons,
                    followUpOverdue);
        }

        public JsonObject toJson() {
            return new JsonObject()
                    .put("area", area)
                    .put("name", name)
                    .put("compounds", compounds)
                    .put("households", households)
                    .put("resolved", resolved)
                    .put("unvisited", unvisited)
                    .put("revisit_overdue", revisitOverdue)
                    .put("coverage_pct", coveragePct())
                    .put("key_persons", keyPersons)
                    .put("follow_up_overdue", followUpOverdue);
        }

        /** The row's cells in the order of {@link #COLUMNS}. */
        public List<Object> cells() {
            return List.of(
                    area,
                    name,
                    compounds,
                    households,
                    resolved,
                    unvisited,
                    revisitOverdue,
                    coveragePct(),
                    keyPersons,
                    followUpOverdue);
        }
    }

    /**
     * The area of a level a compound row lies in, or null when it has none at that level (a compound with no
     * responsible unit has no unit).
     */
    static Scope areaOf(JsonObject compound, String level) {
        String district = compound.getString("district");
        String street = compound.getString("street");
        String unit = compound.getString("responsible_unit");
        return switch (level) {
            case "district" -> Scope.district(district);
            case "street" -> Scope.street(district, street);
            case "community" -> Scope.community(district, street, compound.getString("community"));
            case "unit" -> unit == null || unit.isEmpty() ? null : Scope.unit(unit);
            default -> throw new IllegalArgumentException("compounds are not grouped by " + level);
        };
    }

    /**
     * The rows of a level, from compound rows as {@code GET /api/v1/compounds} and the snapshot answer them (those of
     * the area asked for), worst coverage first.
     */
    public static List<Row> of(JsonArray compounds, String level) {
        Map<Scope, Row> rows = new LinkedHashMap<>();
        for (Object o : compounds) {
            JsonObject c = (JsonObject) o;
            Scope area = areaOf(c, level);
            if (area == null) {
                continue;
            }
            Row sum = rows.computeIfAbsent(area, a -> new Row(a.toString(), a.name(), 0, 0, 0, 0, 0, 0, 0));
            rows.put(
                    area,
                    sum.plus(
                            1,
                            c.getLong("households", 0L),
                            c.getLong("resolved", 0L),
                            c.getLong("unvisited", 0L),
                            c.getLong("revisit_overdue", 0L)));
        }
        return ranked(new ArrayList<>(rows.values()));
    }

    /**
     * Whether the walls' shared read holds the rows of a level inside an area: a level of the chain inside the city or
     * an area of the chain (summed from the communities), or the units of the whole city. The part of each unit inside
     * a district, or of each community inside a unit, is not in it (the compound table has it).
     */
    public static boolean fromGroups(String level, Scope within) {
        return level.equals("unit") ? within.isAll() : !within.kind().equals("unit");
    }

    /**
     * The live rows of a level inside an area ({@link #fromGroups} must hold), from the groups of the walls' shared
     * read: no read of its own, and the same figures as the compound table's rows.
     */
    public static List<Row> of(Map<Location, AreaScreening> groups, String level, Scope within) {
        Map<Scope, Row> rows = new LinkedHashMap<>();
        for (Map.Entry<Location, AreaScreening> g : groups.entrySet()) {
            Location at = g.getKey();
            AreaScreening s = g.getValue();
            boolean unitGroup = at.district() == null;
            if (s.compounds() == 0 || unitGroup != level.equals("unit") || (!unitGroup && !within.covers(at))) {
                continue;
            }
            Scope area = switch (level) {
                case "district" -> Scope.district(at.district());
                case "street" -> Scope.street(at.district(), at.street());
                case "community" -> Scope.community(at.district(), at.street(), at.community());
                case "unit" -> Scope.unit(at.unit());
                default -> throw new IllegalArgumentException("compounds are not grouped by " + level);
            };
            Row sum = rows.computeIfAbsent(area, a -> new Row(a.toString(), a.name(), 0, 0, 0, 0, 0, 0, 0));
            rows.put(
                    area,
                    sum.plus(s.compounds(), s.households(), s.resolved(), s.households() - s.resolved(), s.overdue()));
        }
        return ranked(new ArrayList<>(rows.values()));
    }

    /** The {@code areas} section of a snapshot: the rows of the district, street and community levels. */
    public static JsonObject section(JsonArray compounds, KeyPersonFigures persons) {
        JsonObject areas = new JsonObject();
        for (String level : List.of("district", "street", "community")) {
            areas.put(level, toJson(withKeyPersons(of(compounds, level), persons, Scope.ALL)));
        }
        return areas;
    }

    /**
     * The rows with their key persons filled in: {@code key_persons} under a measure and {@code follow_up_overdue} of
     * each area's part inside {@code within} (a grid's row, not an area, keeps zeros).
     */
    public static List<Row> withKeyPersons(List<Row> rows, KeyPersonFigures persons, Scope within) {
        List<Row> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            if (r.area().startsWith("grid:")) {
                out.add(r);
                continue;
            }
            KeyPersonFigures.Counts c = persons.of(Scope.parse(r.area()), within);
            out.add(r.withKeyPersons(c.underMeasure(), persons.overdue(c)));
        }
        return out;
    }

    /** Worst first: the lowest coverage, then the most unvisited, then by area. */
    public static List<Row> ranked(List<Row> rows) {
        rows.sort(Comparator.comparingDouble(Row::coveragePct)
                .thenComparing(Comparator.comparingLong(Row::unvisited).reversed())
                .thenComparing(Row::area));
        return rows;
    }

    public static JsonArray toJson(List<Row> rows) {
        JsonArray out = new JsonArray();
        rows.forEach(r -> out.add(r.toJson()));
        return out;
    }

    /** The rows of a level as the CSV has them: the header, then one line per area. */
    public static List<List<Object>> table(List<Row> rows) {
        List<List<Object>> table = new ArrayList<>(rows.size() + 1);
        table.add(new ArrayList<>(COLUMNS));
        rows.forEach(r -> table.add(r.cells()));
        return table;
    }
}
