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
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
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
    /** A wall's unsent messages beyond this (about a hundred tile messages) mean it does not read: it is dropped. */
    private static final int WRITE_QUEUE_BYTES = 256 * 1024;

    static final long CONGESTED_MILLIS = 10_000;
    /**
     * Essential messages (alerts) a congested wall is still sent before it is closed: it then reconnects and reads
     * today's alerts from /api/v1/alerts, so nothing is lost, and a burst never buffers without bound.
     */
    static final int CONGESTED_ESSENTIALS = 500;
    /** A read of the figures that has not come back after this long makes the walls show STALE. */
    static final long STALE_AFTER_MILLIS = 1_000;

    private final Vertx vertx;
    private final TileService tiles;
    private final CheckpointQueries checkpoints;
    private final ZoneId zone;
    private final Map<String, Set<ServerWebSocket>> sockets = new ConcurrentHashMap<>();
    /**
     * The latest acknowledgements announced to the walls (insertion order, the oldest forgotten past 10,000): one taken
     * here comes back from the acknowledgements topic, and is not announced twice.
     */
    private final Map<String, Boolean> announcedAcks = new java.util.LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    };

    private final Map<String, String> lastTiles = new HashMap<>();
    private final Map<String, Long> lastSent = new HashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> perToken = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();
    private final Map<ServerWebSocket, Long> congestedSince = new ConcurrentHashMap<>();
    /** Essential messages written to each congested wall since it became congested. */
    private final Map<ServerWebSocket, Integer> congestedEssentials = new ConcurrentHashMap<>();
    /** Walls let through the caps whose upgrade has not completed yet (held so that the caps cannot be raced). */
    private int reserved;

    private final Map<String, Integer> reservedPerToken = new ConcurrentHashMap<>();
    java.util.function.LongSupplier millis = System::currentTimeMillis;
    private long readStartedAt;
    private boolean stale;
    private final java.util.concurrent.atomic.AtomicLong staleMarks = new java.util.concurrent.atomic.AtomicLong();
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
     * After the figures' reads move to another ClickHouse replica (the one read before is away, or refused a write), the
     * walls show STALE instead of figures for at least this long, and until that replica has fetched every part logged
     * before the move: the rows the jobs were writing to the other reach it a moment later (they write them again), and
     * a replica back from an outage may still be fetching; until then it may read less than the walls already showed.
     */
    static final long SETTLE_MILLIS = 3_000;

    /**
     * A replica that has not caught up after this long is read anyway: what it misses is on a replica away for longer
     * than an outage of ZooKeeper or a restart takes (lost until that replica is restored).
     */
    static final long SETTLE_AT_MOST_MILLIS = 120_000;

    private Supplier<String> server = () -> "";
    private LongFunction<CompletionStage<Boolean>> caughtUp = since -> CompletableFuture.completedFuture(true);
    private volatile String lastServer;
    /** When the reads moved to another replica, while the walls wait for it; -1 when they do not wait. */
    private volatile long movedAt = -1;

    /** A check of the replicas' fetches is out (its answer comes on the event loop). */
    volatile boolean checkingCaughtUp;

    /**
     * Where the figures are read (a replica's address), to tell when the reads move to another replica, and whether the
     * replicas have fetched every part logged before a time (epoch milliseconds).
     */
    public void readsFrom(Supplier<String> server, LongFunction<CompletionStage<Boolean>> caughtUp) {
        this.server = server;
        this.caughtUp = caughtUp;
    }

    /**
     * Whether the figures are read from a replica the walls still wait for (or one the reads have just moved to, before
     * the next refresh notices): {@code GET /api/v1/tiles} and {@code /series} then answer {@code 503} rather than
     * figures that may be lower than those shown a moment ago. Safe from any thread.
     */
    public boolean waitingForReplica() {
        String last = lastServer;
        return movedAt >= 0 || (last != null && !last.equals(server.get()));
    }

    /** True while the walls wait for the replica the reads moved to (the move told at most once). */
    boolean settling() {
        String from = server.get();
        long now = millis.getAsLong();
        if (lastServer != null && !from.equals(lastServer)) {
            movedAt = now;
            LOG.warn(
                    "the live figures are now read from another ClickHouse replica; the walls show STALE until it has"
                            + " what the jobs wrote to the other (at least {} ms, at most {} ms)",
                    SETTLE_MILLIS,
                    SETTLE_AT_MOST_MILLIS);
        }
        lastServer = from;
        if (movedAt < 0) {
            return false;
        }
        if (now - movedAt >= SETTLE_AT_MOST_MILLIS) {
            LOG.warn(
                    "the replica read now has not fetched everything logged before the move within {} ms; the walls"
                            + " show its figures",
                    SETTLE_AT_MOST_MILLIS);
            movedAt = -1;
            return false;
        }
        if (now - movedAt >= SETTLE_MILLIS && !checkingCaughtUp) {
            checkingCaughtUp = true;
            long moved = movedAt;
            Future.fromCompletionStage(caughtUp.apply(moved), vertx.getOrCreateContext())
                    .onComplete(ar -> {
                        checkingCaughtUp = false;
                        if (ar.succeeded() && ar.result() && movedAt == moved) {
                            movedAt = -1; // the next refresh sends the figures
                        }
                    });
        }
        return true;
    }

    public LiveHub(Vertx vertx, TileService tiles, CheckpointQueries checkpoints, ZoneId zone) {
        this.vertx = vertx;
        this.tiles = tiles;
        this.checkpoints = checkpoints;
        this.zone = zone;
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
        if (charts == null || walls.isEmpty() || movedAt >= 0 || !chartsInFlight.add(key)) {
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
        return dropped.get();
    }

    /**
     * Sends a message to a wall. A wall whose write queue is full (it reads slower than it is sent to, as in a burst
     * of alerts) is congested: tile messages skip it (the next one carries the whole state again), alerts still go.
     * A wall congested for {@value #CONGESTED_MILLIS} ms does not read at all: it is closed (it reconnects if alive)
     * rather than buffered without bound.
     */
    void send(ServerWebSocket ws, String message, boolean essential) {
        if (ws.isClosed()) {
            return;
        }
        if (ws.writeQueueFull()) {
            long now = millis.getAsLong();
            Long since = congestedSince.get(ws);
            if (since == null) {
                congestedSince.put(ws, now);
                ws.drainHandler(v -> {
                    congestedSince.remove(ws);
                    congestedEssentials.remove(ws);
                });
            } else if (now - since >= CONGESTED_MILLIS
                    || essential && congestedEssentials.getOrDefault(ws, 0) >= CONGESTED_ESSENTIALS) {
                congestedSince.remove(ws);
                congestedEssentials.remove(ws);
                dropped.incrementAndGet();
                LOG.info(
                        "dropping a wall that has not read its messages for {} ms ({})",
                        now - since,
                        ws.remoteAddress());
                ws.close((short) 1013, "too slow: reconnect");
                return;
            }
            if (!essential) {
                return;
            }
            congestedEssentials.merge(ws, 1, Integer::sum);
        }
        ws.writeTextMessage(message);
    }

    /** Opens a wall whose place {@link #reserve} held. */
    public void add(ServerWebSocket ws, Scope scope, String tokenKey) {
        unreserve(tokenKey);
        String key = scope.toString();
        ws.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
        sockets.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(ws);
        perToken.merge(tokenKey, 1, Integer::sum);
        ws.closeHandler(v -> {
            perToken.computeIfPresent(tokenKey, (k, n) -> n <= 1 ? null : n - 1);
            congestedSince.remove(ws);
            congestedEssentials.remove(ws);
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
        Location at = alert.isKeyPerson() ? homeOf(alert) : at(alert.checkpointId());
        String message = alert.withdrawn()
                ? new JsonObject()
                        .put("type", "alert_withdrawn")
                        .put("alert_id", alert.alertId())
                        .put("event_id", alert.eventId())
                        .encode()
                : alertMessage(alert).encode();
        sockets.forEach((key, set) -> {
            if (Scope.parse(key).covers(at)) {
                set.forEach(ws -> send(ws, message, true));
            }
        });
    }

    /** The websocket message of a new alert (API.md, "Alerts"; a key person's, "Key persons"). */
    private JsonObject alertMessage(FeverAlert alert) {
        JsonObject m = new JsonObject()
                .put("type", "alert")
                .put("kind", alert.kindOrDefault())
                .put("alert_id", alert.alertId())
                .put("event_id", alert.eventId());
        if (alert.isKeyPerson()) {
            m.put("person_id", alert.personId())
                    .put("household_id", alert.householdId())
                    .put("community", alert.community());
        } else {
            m.put("checkpoint_id", alert.checkpointId());
        }
        return m.put(
                        "occurred_at",
                        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                alert.occurredAt().atZone(zone)))
                .put("temperature_c", alert.temperatureC());
    }

    /** Where a key person's fever is: the areas of their household. */
    public static Location homeOf(FeverAlert alert) {
        return Location.home(alert.district(), alert.street(), alert.community(), blankToNull(alert.responsibleUnit()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
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
