package io.cordon.dashboard.reports;

import io.cordon.dashboard.areas.AreaTotals;
import io.cordon.dashboard.checkpoints.CheckpointCounts;
import io.cordon.dashboard.checkpoints.CheckpointQueries;
import io.cordon.dashboard.keypersons.KeyPersonFigures;
import io.cordon.dashboard.keypersons.KeyPersonQueries;
import io.cordon.dashboard.screening.CompoundRows;
import io.cordon.dashboard.screening.ScreeningQueries;
import io.cordon.dashboard.web.UnknownScope;
import io.cordon.http.Scope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The daily situation snapshot: every registered checkpoint with its counts for the day up to the cutoff and in all
 * up to the cutoff, and the totals; every compound of the registry with its screening figures of the round as of the
 * cutoff (the round asked for, or the latest with a visit before the cutoff). The same request gives the same numbers later, unless events from before the
 * cutoff arrived late in between.
 */
public record SnapshotService(CheckpointQueries checkpoints, ScreeningQueries screening, KeyPersonQueries keyPersons) {

    public CompletableFuture<JsonObject> snapshot(SnapshotRequest request) {
        return snapshot(request, Scope.ALL);
    }

    /**
     * The snapshot of a scope: the whole city, or a district's slice of it (its checkpoints, its compounds, and totals
     * over its checkpoints). A district in neither registry is refused ({@link UnknownScope}).
     */
    public CompletableFuture<JsonObject> snapshot(SnapshotRequest request, Scope scope) {
        return computed(request, scope).thenApply(Computed::json);
    }

    /**
     * A snapshot, with each district's totals over all its checkpoints (closed ones too, which the snapshot does not
     * list): what a district's slice of a frozen report needs.
     */
    record Computed(JsonObject json, Map<String, CheckpointCounts[]> districtTotals) {}

    CompletableFuture<Computed> computed(SnapshotRequest request, Scope scope) {
        Map<String, CheckpointCounts[]> byDistrict = new HashMap<>();
        long cutoff = request.cutoffInstant().getEpochSecond();
        long dayStart = request.dayStart().getEpochSecond();
        CompletableFuture<List<CheckpointQueries.CheckpointInfo>> registry = checkpoints.registry();
        // today: the minutes of the day before the cutoff; cumulative: the days before it, plus today
        CompletableFuture<Map<String, CheckpointCounts>> today = checkpoints.minutesBetween(dayStart, cutoff);
        CompletableFuture<Map<String, CheckpointCounts>> daysBefore = checkpoints.daysBefore(request.date());
        CompletableFuture<JsonObject> compounds =
                screening.compoundsAsOf(request.round(), request.cutoffInstant(), request.date());
        // the key persons as of the cutoff: the follow-ups made by then (a late one changes it later), the deadline
        // compared with the cutoff
        CompletableFuture<KeyPersonFigures> persons = keyPersons.asOf(request.cutoffInstant());
        return CompletableFuture.allOf(registry, today, daysBefore, compounds, persons)
                .thenApply(v -> {
                    JsonArray rows = new JsonArray();
                    CheckpointCounts totalToday = CheckpointCounts.zero();
                    CheckpointCounts totalCumulative = CheckpointCounts.zero();
                    for (CheckpointQueries.CheckpointInfo c : registry.join()) {
                        if (!c.in(scope)) {
                            continue;
                        }
                        CheckpointCounts t = today.join().getOrDefault(c.checkpointId(), CheckpointCounts.zero());
                        CheckpointCounts cu = daysBefore
                                .join()
                                .getOrDefault(c.checkpointId(), CheckpointCounts.zero())
                                .plus(t);
                        totalToday = totalToday.plus(t);
                        totalCumulative = totalCumulative.plus(cu);
                        CheckpointCounts[] d = byDistrict.computeIfAbsent(c.district() == null ? "" : c.district(), k ->
                                new CheckpointCounts[] {CheckpointCounts.zero(), CheckpointCounts.zero()});
                        d[0] = d[0].plus(t);
                        d[1] = d[1].plus(cu);
                        if (!c.activeOn(request.date())) {
                            continue; // listed only on the days it was active; its arrivals stay in the totals
                        }
                        rows.add(new JsonObject()
                                .put("checkpoint_id", c.checkpointId())
                                .put("name", c.name())
                                .put("kind", c.kind())
                                .put("district", c.district())
                                .put("street", c.street())
                                .put("today", toJson(t))
                                .put("cumulative", toJson(cu)));
                    }
                    JsonArray compoundRows = compounds.join().getJsonArray("compounds");
                    if (!scope.isAll()) {
                        JsonArray inside = new JsonArray();
                        for (Object o : compoundRows) {
                            if (scope.covers(CompoundRows.location((JsonObject) o))) {
                                inside.add(o);
                            }
                        }
                        compoundRows = inside;
                        if (rows.isEmpty() && inside.isEmpty()) {
                            throw new UnknownScope("no " + scope.kind() + " '" + scope.value() + "' in the registry");
                        }
                    }
                    JsonObject snapshot = new JsonObject()
                            .put("date", request.date().toString())
                            .put("cutoff", request.cutoff())
                            .put("timezone", request.zone().getId())
                            .put("round", compounds.join().getInteger("round"))
                            .put("checkpoints", rows)
                            .put(
                                    "totals",
                                    new JsonObject()
                                            .put("today", toJson(totalToday))
                                            .put("cumulative", toJson(totalCumulative)))
                            .put("compounds", compoundRows)
                            // each area's totals as of the cutoff: the sums of the compound rows above
                            .put("areas", AreaTotals.section(compoundRows, persons.join()))
                            .put("key_persons", persons.join().section(scope));
                    if (!scope.isAll()) {
                        snapshot.put("scope", scope.toString());
                    }
                    return new Computed(snapshot, byDistrict);
                });
    }

    static JsonObject toJson(CheckpointCounts counts) {
        return counts.toJson();
    }
}
