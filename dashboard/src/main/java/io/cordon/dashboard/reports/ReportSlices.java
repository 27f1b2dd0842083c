package io.cordon.dashboard.reports;

import io.cordon.dashboard.areas.AreaTotals;
import io.cordon.dashboard.checkpoints.CheckpointCounts;
import io.cordon.dashboard.keypersons.KeyPersonFigures;
import io.cordon.dashboard.screening.CompoundRows;
import io.cordon.http.Scope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * An area's slice of the city's frozen report: what that area's report of record holds, cut from the city's at the
 * moment it was frozen, so that every area's figures are those of the one freeze.
 */
final class ReportSlices {

    private ReportSlices() {}

    /** A district's slice, its totals the sums of its listed checkpoints. */
    static JsonObject slice(JsonObject city, String district) {
        return slice(city, Scope.district(district), null);
    }

    /**
     * An area's slice of the city's frozen report: its checkpoints (a district's or a street's; none for a community or
     * a unit, whose checkpoint figures are not kept), its compounds, its areas' rows and its key persons. {@code totals}
     * (today, cumulative over all of a district's checkpoints, closed ones too) when known, else the sums of its listed
     * checkpoints. A unit's slice has the rows of the areas its compounds lie in (their key persons those of the whole
     * area, as a unit's snapshot has them) and no key persons' section (the report keeps them by community only).
     */
    static JsonObject slice(JsonObject city, Scope area, CheckpointCounts[] totals) {
        JsonArray checkpoints = new JsonArray();
        CheckpointCounts today = CheckpointCounts.zero();
        CheckpointCounts cumulative = CheckpointCounts.zero();
        for (Object o : city.getJsonArray("checkpoints")) {
            JsonObject c = (JsonObject) o;
            if (area.includesCheckpoint(c.getString("checkpoint_id"), c.getString("district"), c.getString("street"))) {
                checkpoints.add(c);
                today = today.plus(CheckpointCounts.fromJson(c.getJsonObject("today")));
                cumulative = cumulative.plus(CheckpointCounts.fromJson(c.getJsonObject("cumulative")));
            }
        }
        if (totals != null) {
            today = totals[0];
            cumulative = totals[1];
        }
        JsonArray compounds = new JsonArray();
        for (Object o : city.getJsonArray("compounds")) {
            if (area.covers(CompoundRows.location((JsonObject) o))) {
                compounds.add(o);
            }
        }
        JsonObject slice = new JsonObject()
                .put("date", city.getString("date"))
                .put("cutoff", city.getString("cutoff"))
                .put("timezone", city.getString("timezone"))
                .put("round", city.getValue("round"))
                .put("checkpoints", checkpoints)
                .put("totals", new JsonObject().put("today", today.toJson()).put("cumulative", cumulative.toJson()))
                .put("compounds", compounds);
        JsonObject areas = city.getJsonObject("areas");
        if (areas != null) {
            slice.put("areas", areaRows(areas, area, compounds));
        }
        JsonObject persons = city.getJsonObject("key_persons");
        if (persons != null && !area.kind().equals("unit")) {
            slice.put("key_persons", KeyPersonFigures.slice(persons, area));
        }
        return slice.put("scope", area.toString()).put("frozen_at", city.getString("frozen_at"));
    }

    /** The rows of each level inside an area of the chain (its own row too); of a unit, those its compounds make. */
    private static JsonObject areaRows(JsonObject areas, Scope area, JsonArray compounds) {
        JsonObject inside = new JsonObject();
        areas.forEach(level -> {
            JsonArray rows = new JsonArray();
            if (area.kind().equals("unit")) {
                Map<String, JsonObject> city = new HashMap<>();
                ((JsonArray) level.getValue())
                        .forEach(o -> city.put(((JsonObject) o).getString("area"), (JsonObject) o));
                for (AreaTotals.Row r : AreaTotals.of(compounds, level.getKey())) {
                    JsonObject whole = city.getOrDefault(r.area(), new JsonObject());
                    rows.add(r.withKeyPersons(whole.getLong("key_persons", 0L), whole.getLong("follow_up_overdue", 0L))
                            .toJson());
                }
            } else {
                for (Object o : (JsonArray) level.getValue()) {
                    if (area.contains(Scope.parse(((JsonObject) o).getString("area")), id -> null)) {
                        rows.add(o);
                    }
                }
            }
            inside.put(level.getKey(), rows);
        });
        return inside;
    }
}
