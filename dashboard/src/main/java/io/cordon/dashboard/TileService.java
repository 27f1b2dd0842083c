package io.cordon.dashboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The wall's tiles for a scope, now: the shape of {@code GET /api/v1/tiles} and of the websocket's tile messages. */
public final class TileService {

    private final CheckpointQueries checkpoints;
    private final ScreeningQueries screening;
    private final DashboardConfig config;
    private final Clock clock;

    public TileService(CheckpointQueries checkpoints, ScreeningQueries screening, DashboardConfig config, Clock clock) {
        this.checkpoints = checkpoints;
        this.screening = screening;
        this.config = config;
        this.clock = clock;
    }

    public CompletableFuture<JsonObject> tiles(Scope scope, Integer round) {
        Instant now = clock.instant();
        CompletableFuture<Map<String, JsonObject>> windows = checkpoints.windows(scope, now, config.timezone());
        CompletableFuture<List<CheckpointQueries.CheckpointInfo>> registry = checkpoints.registry();
        CompletableFuture<List<String>> silent = registry
                .thenCompose(reg -> checkpoints.silent(scope, now, config.silentAfter(), reg));
        CompletableFuture<Map<String, JsonObject>> screen = screening.tiles(scope, round);
        return CompletableFuture.allOf(windows, silent, screen).thenApply(v -> {
            JsonObject tiles = new JsonObject();
            windows.join().forEach(tiles::put);
            screen.join().forEach(tiles::put);
            tiles.put("silent_checkpoints", new JsonArray(silent.join()));
            JsonObject names = new JsonObject();
            registry.join().stream().filter(c -> silent.join().contains(c.checkpointId()))
                    .forEach(c -> names.put(c.checkpointId(), c.name()));
            return new JsonObject()
                    .put("as_of", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now.atZone(config.timezone()).withNano(0)))
                    .put("scope", scope.toString())
                    .put("tiles", tiles)
                    .put("checkpoint_names", names);
        });
    }
}
