package io.cordon.dashboard.live;

import io.cordon.dashboard.checkpoints.CheckpointQueries.CheckpointInfo;
import io.cordon.dashboard.checkpoints.CheckpointQueries.CheckpointWindows;
import io.cordon.dashboard.screening.ScreeningQueries;
import io.cordon.dashboard.screening.ScreeningQueries.DistrictScreening;
import io.cordon.dashboard.screening.ScreeningQueries.ScreeningByDistrict;
import io.cordon.dashboard.web.UnknownScope;
import io.cordon.http.Scope;
import io.cordon.schemas.CheckpointCount;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every figure a wall shows, for every checkpoint and every district, read once per refresh: each open scope's
 * tiles are derived from it here, without another read. So ClickHouse answers the same few queries per refresh
 * whether one wall is open or fifty, in fifty scopes.
 */
public record LiveFigures(
        Instant asOf,
        List<CheckpointInfo> registry,
        Map<String, CheckpointWindows> windows,
        ScreeningByDistrict screening) {

    /** Refuses a scope naming a district or a checkpoint that is in neither registry. */
    public void check(Scope scope) {
        boolean known = switch (scope.kind()) {
            case "district" -> districts().contains(scope.value());
            case "checkpoint" ->
                registry.stream().anyMatch(c -> c.checkpointId().equals(scope.value()));
            default -> true;
        };
        if (!known) {
            throw new UnknownScope("no " + scope.kind() + " '" + scope.value() + "' in the registry");
        }
    }

    /** A checkpoint's district, or null for a checkpoint the registry does not have. */
    public String districtOf(String checkpointId) {
        for (CheckpointInfo c : registry) {
            if (c.checkpointId().equals(checkpointId)) {
                return c.district();
            }
        }
        return null;
    }

    /** Districts of the checkpoint and household registries. */
    public Set<String> districts() {
        Set<String> d = new HashSet<>(screening.districts().keySet());
        registry.forEach(c -> d.add(c.district()));
        return d;
    }

    /** The tiles of a scope: the shape of {@code GET /api/v1/tiles} and of the websocket's tile messages. */
    public JsonObject tiles(Scope scope, ScreeningByDistrict screeningOfRound, ZoneId zone, Duration silentAfter) {
        CheckpointWindows sum = CheckpointWindows.NONE;
        if (scope.kind().equals("all")) {
            for (CheckpointWindows w : windows.values()) {
                sum = sum.plus(w);
            }
        } else {
            for (CheckpointInfo c : registry) {
                if (scope.includes(c.checkpointId(), c.district())) {
                    sum = sum.plus(windows.getOrDefault(c.checkpointId(), CheckpointWindows.NONE));
                }
            }
        }
        JsonObject tiles = new JsonObject();
        for (CheckpointCount c : CheckpointCount.ALL) {
            tiles.put(
                    c.key(),
                    new JsonObject()
                            .put("last_15m", sum.last15m().get(c))
                            .put("last_1h", sum.last1h().get(c))
                            .put("today", sum.today().get(c))
                            .put("cumulative", sum.cumulative().get(c)));
        }
        screeningTiles(scope, screeningOfRound).forEach(tiles::put);
        long threshold = asOf.minus(silentAfter).getEpochSecond();
        JsonArray silent = new JsonArray();
        JsonObject names = new JsonObject();
        java.time.LocalDate today = asOf.atZone(zone).toLocalDate();
        for (CheckpointInfo c : registry) {
            // a checkpoint not active today (closed, or not yet open) is never silent
            if (scope.includes(c.checkpointId(), c.district())
                    && c.activeOn(today)
                    && windows.getOrDefault(c.checkpointId(), CheckpointWindows.NONE)
                                    .lastReceivedEpochSecond()
                            <= threshold) {
                silent.add(c.checkpointId());
                names.put(c.checkpointId(), c.name());
            }
        }
        tiles.put("silent_checkpoints", silent);
        return new JsonObject()
                .put(
                        "as_of",
                        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                asOf.atZone(zone).withNano(0)))
                .put("timezone", zone.getId())
                .put("scope", scope.toString())
                .put("tiles", tiles)
                .put("checkpoint_names", names);
    }

    /** The three screening tiles of a round; a checkpoint scope has none (values null). */
    private static Map<String, JsonObject> screeningTiles(Scope scope, ScreeningByDistrict s) {
        Long unvisited = null;
        Long overdue = null;
        Double coverage = null;
        if (!scope.kind().equals("checkpoint")) {
            DistrictScreening sum = DistrictScreening.NONE;
            for (Map.Entry<String, DistrictScreening> e : s.districts().entrySet()) {
                if (scope.kind().equals("all") || scope.value().equals(e.getKey())) {
                    sum = sum.plus(e.getValue());
                }
            }
            unvisited = sum.households() - sum.resolved();
            overdue = sum.overdue();
            coverage = ScreeningQueries.coverage(sum.resolved(), sum.households());
        }
        return Map.of(
                "unvisited_homes", new JsonObject().put("round", s.round()).put("value", unvisited),
                "revisit_overdue", new JsonObject().put("round", s.round()).put("value", overdue),
                "coverage_pct", new JsonObject().put("round", s.round()).put("value", coverage));
    }
}
