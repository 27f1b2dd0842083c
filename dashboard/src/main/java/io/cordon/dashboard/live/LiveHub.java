package io.cordon.dashboard.live;

import io.cordon.dashboard.checkpoints.CheckpointQueries;
import io.cordon.http.Location;
import io.cordon.http.Scope;
import io.cordon.schemas.FeverAlert;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open wall displays, by scope. Every refresh interval it reads the tiles of each watched scope and pushes
 * them when a value changed (and at least every few seconds, so a wall always knows how fresh its numbers are);
 * each fever alert goes at once to every wall whose scope includes its checkpoint. Runs on one event loop.
 */
public final class LiveHub {

    private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
    private static final long HEARTBEAT_MILLIS = 5000;
    /** A read of the figures that has not come back after this long makes the walls show STALE. */
    static final long STALE_AFTER_MILLIS = 1_000;

    private final Vertx vertx;
    private final TileService tiles;
    private final CheckpointQueries checkpoints;
    private final ZoneId zone;
    final ReplicaSettling replica;
    private final WallSender sender;
    private final Map<String, Set<ServerWebSocket>> sockets = new ConcurrentHashMap<>();
    /**
     * The latest acknowledgements announced to the walls (insertion order, the oldest forgotten past 10,000): one taken
     * here comes back from the acknowledgements topic, and is not announced twice.
     */
    private final Map<String, Boolean> announcedAcks = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    };

    private final Map<String, String> lastTiles = new HashMap<>();
    private final Map<String, Long> lastSent = new HashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> perToken = new ConcurrentHashMap<>();
    /** Walls let through the caps whose upgrade has not completed yet (held so that the caps cannot be raced). */
    private int reserved;

    private final Map<String, Integer> reservedPerToken = new ConcurrentHashMap<>();
    LongSupplier millis = System::currentTimeMillis;
    private long readStartedAt;
    private boolean stale;
    private final AtomicLong staleMarks = new AtomicLong();
    private volatile Map<String, Location> checkpointsAt = Map.of();
    private long timer = -1;
    private long registryTimer = -1;
    private long chartsTimer = -1;
    private ChartService charts;
    private final Set<String> chartsInFlight = ConcurrentHashMap.newKeySet();

    /** What the charts show, pushed to every wall every few seconds (null: no charts, as in unit tests). */
    public void charts(ChartService charts) {
        this.charts = charts;
    }

    /**
     * Where the figures are read (a replica's address), to tell when the reads move to another replica, and whether the
     * replicas have fetched every part logged before a time (epoch milliseconds).
     */
    public void readsFrom(Supplier<String> server, LongFunction<CompletionStage<Boolean>> caughtUp) {
        replica.readsFrom(server, caughtUp);
    }

    /**
     * Whether the figures are read from a replica the walls still wait for: {@code GET /api/v1/tiles} and
     * {@code /series} then answer {@code 503} rather than figures that may be lower than those shown a moment ago. Safe
     * from any thread.
     */
    public boolean waitingForReplica() {
        return replica.waitingForReplica();
    }

    /** True while the walls wait for the replica the reads moved to. */
    boolean settling() {
        return replica.settling();
    }

    public LiveHub(Vertx vertx, TileService tiles, CheckpointQueries checkpoints, ZoneId zone) {
        this.vertx = vertx;
        this.tiles = tiles;
        this.checkpoints = checkpoints;
        this.zone = zone;
        this.replica = new ReplicaSettling(vertx, () -> millis.getAsLong());
        this.sender = new WallSender(() -> millis.getAsLong());
    }

    public void start(Duration refresh) {
        timer = vertx.setPeriodic(refresh.toMillis(), id -> refreshAll());
        refreshRegistry();
        registryTimer = vertx.setPeriodic(10_000, id -> refreshRegistry());
        if (charts != null) {
            chartsTimer = vertx.setPeriodic(
                    CHARTS_MILLIS, id -> sockets.forEach((key, set) -> pushCharts(Scope.parse(key), set)));
        }
    }

    /** How often the walls get their charts: they move by the hour and the day, not by the second. */
    static final long CHARTS_MILLIS = 5_000;

    /**
     * Sends a scope's charts to its walls ({@code {"type":"charts", ...}}); skipped while the last read is out, and
     * while the reads settle on another replica.
     */
    private void pushCharts(Scope scope, Set<ServerWebSocket> walls) {
        String key = scope.toString();
        if (charts == null || walls.isEmpty() || replica.moved() || !chartsInFlight.add(key)) {
            return;
        }
        Future.fromCompletionStage(charts.charts(scope), vertx.getOrCreateContext())
                .onComplete(ar -> {
                    chartsInFlight.remove(key);
                    if (ar.succeeded()) {
                        String message =
                                ar.result().copy().put("type", "charts").encode();
                        walls.forEach(ws -> send(ws, message, false));
                    } else {
                        LOG.debug("charts of {} not read: {}", key, ar.cause().getMessage());
                    }
                });
    }

    public void stop() {
        vertx.cancelTimer(timer);
        vertx.cancelTimer(registryTimer);
        vertx.cancelTimer(chartsTimer);
        sockets.values().forEach(set -> set.forEach(ws -> ws.close()));
    }

    public int connections() {
        return sockets.values().stream().mapToInt(Set::size).sum();
    }

    /** Open walls of one token. */
    public int connections(String tokenKey) {
        return perToken.getOrDefault(tokenKey, 0);
    }

    /** What {@link #reserve} answers: a place held, or the cap that refused it. */
    public enum Reservation {
        HELD,
        DASHBOARD_FULL,
        TOKEN_FULL
    }

    /**
     * Holds a place for a wall about to be upgraded, counting the walls open and those held but not open yet: two
     * walls checked at the same moment cannot both take the last place. {@link #add} or {@link #unreserve} gives it
     * back. Called on the event loop.
     */
    public Reservation reserve(String tokenKey, int max, int maxPerToken) {
        if (max > 0 && connections() + reserved >= max) {
            return Reservation.DASHBOARD_FULL;
        }
        if (maxPerToken > 0 && connections(tokenKey) + reservedPerToken.getOrDefault(tokenKey, 0) >= maxPerToken) {
            return Reservation.TOKEN_FULL;
        }
        reserved++;
        reservedPerToken.merge(tokenKey, 1, Integer::sum);
        return Reservation.HELD;
    }

    /** Gives back a place {@link #reserve} held, the wall not opened after all. */
    public void unreserve(String tokenKey) {
        reserved = Math.max(0, reserved - 1);
        reservedPerToken.computeIfPresent(tokenKey, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Walls dropped for not reading what they were sent (for /metrics). */
    public long dropped() {
        return sender.dropped();
    }

    /** Sends a message to a wall (see {@link WallSender}). */
    void send(ServerWebSocket ws, String message, boolean essential) {
        sender.send(ws, message, essential);
    }

    /** Opens a wall whose place {@link #reserve} held. */
    public void add(ServerWebSocket ws, Scope scope, String tokenKey) {
        unreserve(tokenKey);
        String key = scope.toString();
        sender.opened(ws);
        sockets.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(ws);
        perToken.merge(tokenKey, 1, Integer::sum);
        ws.closeHandler(v -> {
            perToken.computeIfPresent(tokenKey, (k, n) -> n <= 1 ? null : n - 1);
            sender.closed(ws);
            Set<ServerWebSocket> set = sockets.get(key);
            if (set != null) {
                set.remove(ws);
                if (set.isEmpty()) {
                    // a scope nobody watches any more is forgotten, so scopes never pile up
                    sockets.remove(key, set);
                    lastTiles.remove(key);
                    lastSent.remove(key);
                }
            }
        });
        ws.exceptionHandler(e -> LOG.debug("websocket error: {}", e.getMessage()));
        ws.textMessageHandler(msg -> {});
        Future.fromCompletionStage(tiles.tiles(scope, null), vertx.getOrCreateContext())
                .onSuccess(t -> {
                    send(ws, t.copy().put("type", "tiles").encode(), false);
                });
        if (charts != null) {
            Future.fromCompletionStage(charts.charts(scope), vertx.getOrCreateContext())
                    .onSuccess(c -> send(ws, c.copy().put("type", "charts").encode(), false));
        }
    }

    /** Sends a fever alert to every wall whose scope includes its checkpoint. */
    public void alert(FeverAlert alert) {
        if (alert.isKeyPerson()) {
            deliver(alert);
        } else if (!checkpointsAt.containsKey(alert.checkpointId())) {
            refreshRegistry().onComplete(ar -> deliver(alert));
        } else {
            deliver(alert);
        }
    }

    private void deliver(FeverAlert alert) {
        Location at = alert.isKeyPerson() ? AlertMessages.homeOf(alert) : at(alert.checkpointId());
        String message = alert.withdrawn()
                ? new JsonObject()
                        .put("type", "alert_withdrawn")
                        .put("alert_id", alert.alertId())
                        .put("event_id", alert.eventId())
                        .encode()
                : AlertMessages.alertMessage(alert, zone).encode();
        sockets.forEach((key, set) -> {
            if (Scope.parse(key).covers(at)) {
                set.forEach(ws -> send(ws, message, true));
            }
        });
    }

    /** Tells every wall whose scope holds the alert's checkpoint that it was acknowledged. */
    public void acknowledged(String alertId, String checkpointId) {
        acknowledged(alertId, at(checkpointId));
    }

    /**
     * Tells every wall whose scope holds a place that the alert of that place was acknowledged, once per alert (the
     * same acknowledgement may come from this dashboard and back from the acknowledgements topic).
     */
    public void acknowledged(String alertId, Location at) {
        synchronized (announcedAcks) {
            if (announcedAcks.put(alertId, Boolean.TRUE) != null) {
                return;
            }
        }
        Location place = at.checkpointId() != null && at.district() == null ? at(at.checkpointId()) : at;
        String message = new JsonObject()
                .put("type", "alert_acknowledged")
                .put("alert_id", alertId)
                .encode();
        sockets.forEach((key, set) -> {
            if (Scope.parse(key).covers(place)) {
                set.forEach(ws -> send(ws, message, true));
            }
        });
    }

    /** Where a checkpoint lies (only in its own scope while the registry does not know it). */
    private Location at(String checkpointId) {
        Location at = checkpointsAt.get(checkpointId);
        return at == null ? Location.checkpoint(checkpointId, null, null) : at;
    }

    /** Reloads where each checkpoint lies (a checkpoint registered after start is found at its first alert). */
    private Future<Void> refreshRegistry() {
        return Future.fromCompletionStage(checkpoints.registry(), vertx.getOrCreateContext())
                .map(list -> {
                    Map<String, Location> m = new HashMap<>();
                    list.forEach(c -> m.put(c.checkpointId(), c.location()));
                    checkpointsAt = m;
                    return null;
                });
    }

    /**
     * Reads the figures once and pushes each open scope's tiles, derived from that one read, where they changed. A read
     * that fails, or has not come back after {@value #STALE_AFTER_MILLIS} ms (ClickHouse frozen or away), makes every
     * wall show STALE at once ({@code {"type":"stale"}}); the first read that succeeds again sends every wall its tiles.
     */
    private void refreshAll() {
        if (sockets.values().stream().allMatch(Set::isEmpty)) {
            return;
        }
        long now = System.currentTimeMillis();
        if (!inFlight.add("figures")) {
            if (now - readStartedAt > STALE_AFTER_MILLIS) {
                markStale("the figures have not been read for " + (now - readStartedAt) + " ms");
            }
            return;
        }
        readStartedAt = now;
        Future.fromCompletionStage(tiles.figures(), vertx.getOrCreateContext()).onComplete(ar -> {
            inFlight.remove("figures");
            if (ar.failed()) {
                if (!stale) {
                    LOG.warn(
                            "the live figures cannot be read ({}); the walls show STALE until they can",
                            ar.cause().toString());
                }
                markStale("the figures cannot be read");
                return;
            }
            if (settling()) {
                markStale("the figures are read from another ClickHouse replica, which is catching up");
                return;
            }
            boolean wasStale = stale;
            if (wasStale) {
                LOG.info("the live figures can be read again");
            }
            stale = false;
            LiveFigures figures = ar.result();
            sockets.forEach((key, set) -> {
                if (set.isEmpty()) {
                    return;
                }
                JsonObject t = tiles.tiles(figures, Scope.parse(key), figures.screening());
                String values = t.getJsonObject("tiles").encode() + t.getValue("counting");
                boolean changed = !values.equals(lastTiles.get(key));
                if (wasStale || changed || now - lastSent.getOrDefault(key, 0L) >= HEARTBEAT_MILLIS) {
                    lastTiles.put(key, values);
                    lastSent.put(key, now);
                    String message = t.copy().put("type", "tiles").encode();
                    set.forEach(ws -> send(ws, message, false));
                }
            });
        });
    }

    /** Tells every wall once that its figures are not current (until tiles come again). */
    private void markStale(String why) {
        if (stale) {
            return;
        }
        stale = true;
        staleMarks.incrementAndGet();
        String message =
                new JsonObject().put("type", "stale").put("detail", why).encode();
        sockets.values().forEach(set -> set.forEach(ws -> send(ws, message, true)));
    }

    /** How many times the walls were told that their figures are stale (for /metrics). */
    public long staleMarks() {
        return staleMarks.get();
    }

    /** The walls' meters: open walls, walls closed for not reading, times they were told their figures cannot be read. */
    public void register(MeterRegistry registry) {
        Gauge.builder("cordon_websocket_clients", this, LiveHub::connections)
                .description("open walls")
                .register(registry);
        FunctionCounter.builder("cordon_websocket_dropped", this, LiveHub::dropped)
                .description("walls closed for not reading their messages")
                .register(registry);
        FunctionCounter.builder("cordon_walls_marked_stale", this, LiveHub::staleMarks)
                .description("times the walls were told their figures cannot be read")
                .register(registry);
    }
}
