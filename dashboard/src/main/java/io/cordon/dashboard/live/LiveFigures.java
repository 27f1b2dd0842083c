package io.cordon.dashboard.live;

import io.cordon.dashboard.checkpoints.CheckpointQueries.CheckpointInfo;
import io.cordon.dashboard.checkpoints.CheckpointQueries.CheckpointWindows;
import io.cordon.dashboard.keypersons.KeyPersonFigures;
import io.cordon.dashboard.screening.AreaScreening;
import io.cordon.dashboard.screening.ScreeningByArea;
import io.cordon.dashboard.web.UnknownScope;
import io.cordon.http.Location;
import io.cordon.http.Scope;
import io.cordon.schemas.CheckpointCount;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Every figure a wall shows, for every checkpoint and every area, read once per refresh: each open scope's
 * tiles are derived from it here, without another read. So ClickHouse answers the same few queries per refresh
 * whether one wall is open or fifty, in fifty scopes.
 */
public record LiveFigures(
        Instant asOf,
        List<CheckpointInfo> registry,
        Map<String, CheckpointWindows> windows,
        ScreeningByArea screening,
        KeyPersonFigures keyPersons) {

    /** Refuses a scope naming an area or a checkpoint that is in neither registry. */
    public void check(Scope scope) {
        boolean known = scope.isAll() || (scope.isCheckpoint() ? locationOf(scope.value()) != null : known(scope));
        if (!known) {
            throw new UnknownScope("no " + scope.kind() + " '" + scope.value() + "' in the registry");
        }
    }

    /** Where a checkpoint lies, or null for a checkpoint the registry does not have. */
    public Location locationOf(String checkpointId) {
        for (CheckpointInfo c : registry) {
            if (c.checkpointId().equals(checkpointId)) {
                return c.location();
            }
        }
        return null;
    }

    /** Whether an area holds a registered compound or checkpoint (a district or a street of the checkpoints'). */
    private boolean known(Scope area) {
        if (screening.areas().contains(area)) {
            return true;
        }
        for (CheckpointInfo c : registry) {
            if (area.isDistrict()
                    ? area.value().equals(c.district())
                    : area.kind().equals("street") && c.in(area)) {
                return true;
            }
        }
        return false;
    }

    /** The tiles of a scope: the shape of {@code GET /api/v1/tiles} and of the websocket's tile messages. */
    public JsonObject tiles(Scope scope, ScreeningByArea screeningOfRound, ZoneId zone, Duration silentAfter) {
        CheckpointWindows sum = CheckpointWindows.NONE;
        if (scope.kind().equals("all")) {
            for (CheckpointWindows w : windows.values()) {
                sum = sum.plus(w);
            }
        } else {
            for (CheckpointInfo c : registry) {
                if (c.in(scope)) {
                    sum = sum.plus(windows.getOrDefault(c.checkpointId(), CheckpointWindows.NONE));
                }
            }
        }
        JsonObject tiles = new JsonObject();
        for (CheckpointCount c : CheckpointCount.ALL) {
            // a community or a unit has no checkpoint: its seven checkpoint tiles are null, not zero
            tiles.put(
                    c.key(),
                    scope.holdsCheckpoints()
                            ? new JsonObject()
                                    .put("last_15m", sum.last15m().get(c))
                                    .put("last_1h", sum.last1h().get(c))
                                    .put("today", sum.today().get(c))
                                    .put("cumulative", sum.cumulative().get(c))
                            : null);
        }
        screeningTiles(scope, screeningOfRound).forEach(tiles::put);
        long threshold = asOf.minus(silentAfter).getEpochSecond();
        JsonArray silent = new JsonArray();
        JsonObject names = new JsonObject();
        LocalDate today = asOf.atZone(zone).toLocalDate();
        for (CheckpointInfo c : registry) {
            // a checkpoint not active today (closed, or not yet open) is never silent
            if (c.in(scope)
                    && c.activeOn(today)
                    && windows.getOrDefault(c.checkpointId(), CheckpointWindows.NONE)
                                    .lastReceivedEpochSecond()
                            <= threshold) {
                silent.add(c.checkpointId());
                names.put(c.checkpointId(), c.name());
            }
        }
        tiles.put("silent_checkpoints", silent);
        tiles.put("key_persons", keyPersons.tiles(scope));
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
    private static Map<String, JsonObject> screeningTiles(Scope scope, ScreeningByArea s) {
        Long unvisited = null;
        Long overdue = null;
        Double coverage = null;
        if (!scope.kind().equals("checkpoint")) {
            AreaScreening sum = s.of(scope);
            unvisited = sum.households() - sum.resolved();
            overdue = sum.overdue();
            coverage = AreaScreening.coverage(sum.resolved(), sum.households());
        }
        return Map.of(
                "unvisited_homes", new JsonObject().put("round", s.round()).put("value", unvisited),
                "revisit_overdue", new JsonObject().put("round", s.round()).put("value", overdue),
                "coverage_pct", new JsonObject().put("round", s.round()).put("value", coverage));
    }
}
