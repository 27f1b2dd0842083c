package io.cordon.dashboard.screening;

import io.cordon.http.Location;
import io.cordon.schemas.clickhouse.TsvRows;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The typed rows the compound table is made of: a compound of the directory, its screening state in a round, and the
 * row the API answers with (API.md, {@code GET /api/v1/compounds}). Each reader keeps its column list beside the
 * record that reads those columns, in order, from ClickHouse's TSV.
 */
public final class CompoundRows {

    private CompoundRows() {}

    /** A compound of the directory: its names, its place in the hierarchy and its households on the date asked for. */
    public record Compound(
            String compoundId,
            String compoundName,
            String community,
            String street,
            String district,
            String responsibleUnit,
            long households) {

        static final String COLUMNS =
                "compound_id, compound_name, community, street, district, responsible_unit, households";

        /** Where it lies. */
        public Location location() {
            return Location.home(district, street, community, responsibleUnit);
        }

        static Compound of(String[] f) {
            return new Compound(f[0], f[1], f[2], f[3], f[4], f[5], TsvRows.number(f[6]));
        }
    }

    /** A compound's screening in a round: households visited, resolved, overdue, sent to quarantine. */
    public record State(long visited, long resolved, long revisitOverdue, long homeQuarantine, long centralQuarantine) {

        static final State NONE = new State(0, 0, 0, 0, 0);

        /** The columns after {@code compound_id}, the first one. */
        static final String COLUMNS =
                "compound_id, visited, resolved, revisit_overdue, home_quarantine, central_quarantine";

        static State of(String[] f) {
            return new State(
                    TsvRows.number(f[1]),
                    TsvRows.number(f[2]),
                    TsvRows.number(f[3]),
                    TsvRows.number(f[4]),
                    TsvRows.number(f[5]));
        }
    }

    /** A row of the compound table: a compound and its state, with the figures PRODUCT.md defines from them. */
    public record Figures(Compound compound, State state) {

        long neverVisited() {
            return Math.max(0, compound.households() - state.visited());
        }

        long pendingRevisit() {
            return state.visited() - state.resolved();
        }

        public long unvisited() {
            return neverVisited() + pendingRevisit();
        }

        public double coveragePct() {
            return AreaScreening.coverage(state.resolved(), compound.households());
        }

        JsonObject toJson() {
            return new JsonObject()
                    .put("compound_id", compound.compoundId())
                    .put("compound_name", compound.compoundName())
                    .put("community", compound.community())
                    .put("street", compound.street())
                    .put("district", compound.district())
                    .put("responsible_unit", compound.responsibleUnit())
                    .put("households", compound.households())
                    .put("resolved", state.resolved())
                    .put("never_visited", neverVisited())
                    .put("pending_revisit", pendingRevisit())
                    .put("unvisited", unvisited())
                    .put("revisit_overdue", state.revisitOverdue())
                    .put("coverage_pct", coveragePct())
                    .put("home_quarantine", state.homeQuarantine())
                    .put("central_quarantine", state.centralQuarantine());
        }

        /** The table's orders (ScreeningQueries.ORDERS), each ending on the id so that ties always come out the same. */
        static Comparator<Figures> order(String order) {
            Comparator<Figures> byId = Comparator.comparing(r -> r.compound().compoundId());
            return switch (order) {
                case "unvisited" ->
                    Comparator.comparingLong(Figures::unvisited).reversed().thenComparing(byId);
                case "overdue" ->
                    Comparator.<Figures>comparingLong(r -> r.state().revisitOverdue())
                            .reversed()
                            .thenComparing(byId);
                case "name" ->
                    Comparator.<Figures, String>comparing(r -> r.compound().district())
                            .thenComparing(r -> r.compound().street())
                            .thenComparing(r -> r.compound().community())
                            .thenComparing(r -> r.compound().compoundName())
                            .thenComparing(byId);
                default ->
                    Comparator.comparingDouble(Figures::coveragePct)
                            .thenComparing(
                                    Comparator.comparingLong(Figures::unvisited).reversed())
                            .thenComparing(byId);
            };
        }
    }

    /** The compound table of a round ({@code null}: no visit yet), its rows in the order asked for. */
    public record Table(Integer round, List<Figures> rows) {

        /** The answer of {@code GET /api/v1/compounds}. */
        public JsonObject toJson() {
            JsonArray out = new JsonArray(new ArrayList<>(rows.size()));
            rows.forEach(r -> out.add(r.toJson()));
            return new JsonObject().put("round", round).put("compounds", out);
        }
    }

    /** Where a compound row of the API ({@code district}, {@code street}, {@code community}, {@code responsible_unit}) lies. */
    public static Location location(JsonObject row) {
        return Location.home(
                row.getString("district"),
                row.getString("street"),
                row.getString("community"),
                row.getString("responsible_unit"));
    }
}
