package io.cordon.dashboard.live;

import io.cordon.dashboard.DashboardConfig;
import io.cordon.dashboard.checkpoints.CheckpointQueries;
import io.cordon.dashboard.keypersons.KeyPersonQueries;
import io.cordon.dashboard.screening.ScreeningByArea;
import io.cordon.dashboard.screening.ScreeningQueries;
import io.cordon.dashboard.web.UnknownScope;
import io.cordon.http.CountingLag;
import io.cordon.http.Forbidden;
import io.cordon.http.Scope;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The wall's tiles. The figures of every checkpoint and district are read at most once per refresh interval
 * ({@link LiveFigures}), by whichever asks first (a wall's refresh or a {@code GET /api/v1/tiles}); everyone else in
 * that interval derives its scope from the same read ({@link SharedRead}; a request never waits for a read another
 * caller started while the last figures are at most two intervals old).
 */
public final class TileService {

    private final CheckpointQueries checkpoints;
    private final ScreeningQueries screening;
    private final KeyPersonQueries keyPersons;
    private final DashboardConfig config;
    private final Clock clock;
    private final SharedRead<LiveFigures> shared;
    private volatile long lastReadMillis;
    private volatile String lastReadParts = "";

    private final Supplier<CountingLag.Lag> countingLag;

    public TileService(
            CheckpointQueries checkpoints,
            ScreeningQueries screening,
            KeyPersonQueries keyPersons,
            DashboardConfig config,
            Clock clock,
            Supplier<CountingLag.Lag> countingLag) {
        this.countingLag = countingLag;
        this.checkpoints = checkpoints;
        this.screening = screening;
        this.keyPersons = keyPersons;
        this.config = config;
        this.clock = clock;
        this.shared = new SharedRead<>(clock, config.refreshInterval(), LiveFigures::asOf, this::read);
    }

    /** The figures of at most one refresh interval ago; a read in flight is shared, never repeated. */
    public CompletableFuture<LiveFigures> figures() {
        return shared.get();
    }

    /**
     * The figures, checked to know the scope, for a request: never waiting for a read another caller started while
     * the last figures are at most two refresh intervals old ({@link SharedRead#withoutWaiting()}); a scope the
     * figures do not know (a checkpoint registered since they were read) is looked up in a new read once before it
     * is refused.
     */
    public CompletableFuture<LiveFigures> figuresKnowing(Scope scope) {
        return shared.withoutWaiting().thenCompose(f -> {
            try {
                f.check(scope);
                return CompletableFuture.completedFuture(f);
            } catch (UnknownScope e) {
                return shared.renewed().thenApply(again -> {
                    again.check(scope);
                    return again;
                });
            }
        });
    }

    /** How long the latest read of the figures took (sent as {@code X-Cordon-Figures-Read-Ms}, for the benchmarks). */
    public long lastReadMillis() {
        return lastReadMillis;
    }

    /**
     * How long each part of the latest read took, from its start ({@code registry=12;windows=80;areas=210;
     * key_persons=40}, sent as {@code X-Cordon-Figures-Read-Parts}): what the benchmarks split the read's time by.
     */
    public String lastReadParts() {
        return lastReadParts;
    }

    private CompletableFuture<LiveFigures> read() {
        Instant now = clock.instant();
        long started = System.nanoTime();
        long[] took = new long[4];
        var registry = timed(checkpoints.registry(), took, 0, started);
        var windows = timed(checkpoints.windows(now, config.timezone()), took, 1, started);
        var districts = timed(screening.byArea(null), took, 2, started);
        var persons = timed(keyPersons.live(now), took, 3, started);
        return CompletableFuture.allOf(registry, windows, districts, persons).thenApply(v -> {
            lastReadMillis = (System.nanoTime() - started) / 1_000_000;
            lastReadParts =
                    "registry=" + took[0] + ";windows=" + took[1] + ";areas=" + took[2] + ";key_persons=" + took[3];
            return new LiveFigures(now, registry.join(), windows.join(), districts.join(), persons.join());
        });
    }

    private static <T> CompletableFuture<T> timed(CompletableFuture<T> part, long[] took, int i, long started) {
        return part.whenComplete((v, e) -> took[i] = (System.nanoTime() - started) / 1_000_000);
    }

    /** The tiles of a scope (checked against the registry: an unknown one is refused), for a round (null: latest). */
    public CompletableFuture<JsonObject> tiles(Scope scope, Integer round) {
        return tiles(scope, round, Scope.ALL);
    }

    /** The tiles of a scope that must lie inside {@code allowed} (a token's scope); outside it, {@link Forbidden}. */
    public CompletableFuture<JsonObject> tiles(Scope scope, Integer round, Scope allowed) {
        return figuresKnowing(scope).thenCompose(f -> {
            if (!allowed.contains(scope, f::locationOf)) {
                throw new Forbidden(scope + " is outside this token's scope (" + allowed + ")");
            }
            if (round == null || round.equals(f.screening().round())) {
                return CompletableFuture.completedFuture(tiles(f, scope, f.screening()));
            }
            return screening.byArea(round).thenApply(s -> tiles(f, scope, s));
        });
    }

    /**
     * The tiles of a scope from figures already read, with how far the counting is behind the event log
     * ({@code "counting": {"behind_s", "events"}}, null while unknown): the wall says its figures are catching up.
     */
    public JsonObject tiles(LiveFigures f, Scope scope, ScreeningByArea s) {
        JsonObject t = f.tiles(scope, s, config.timezone(), config.silentAfter());
        CountingLag.Lag lag = countingLag.get();
        t.put(
                "counting",
                lag.known() ? new JsonObject().put("behind_s", lag.seconds()).put("events", lag.events()) : null);
        return t;
    }
}
