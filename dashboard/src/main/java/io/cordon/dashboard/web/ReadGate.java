package io.cordon.dashboard.web;

import io.cordon.http.BearerAuth;
import io.cordon.http.Problems;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Bounds the dashboard's heavy reads (snapshots, reports, exports and lists; API.md, "Integrity across districts"): at
 * most {@code CORDON_MAX_CONCURRENT_READS} run at once; the next ones wait in order of arrival up to
 * {@link #MAX_WAIT_MILLIS} and are then answered {@code 503} with {@code Retry-After}. One caller (a token, or an
 * address when reads are open) holds at most as many running and waiting reads as the whole dashboard runs at once;
 * beyond that it gets {@code 429} with {@code Retry-After} at once, so that one client looping on exports never fills
 * the queue in front of everyone else. The wall's refresh and the websocket never pass through here: however many
 * reads wait, the tiles go on.
 *
 * <p>All state is touched on the verticle's event loop only (handlers, end handlers and timers run there).
 */
public final class ReadGate implements Handler<RoutingContext> {

    static final long MAX_WAIT_MILLIS = 10_000;

    private final Vertx vertx;
    private final int permits;
    private int running;
    private final Deque<Waiting> queue = new ArrayDeque<>();
    private final Map<String, Integer> perCaller = new HashMap<>();
    private long refused;

    private record Waiting(RoutingContext ctx, long timer, Runnable release) {}

    private final long maxWaitMillis;
    private BooleanSupplier waitingForReplica = () -> false;

    public ReadGate(Vertx vertx, int permits) {
        this(vertx, permits, MAX_WAIT_MILLIS);
    }

    public ReadGate(Vertx vertx, int permits, long maxWaitMillis) {
        this.vertx = vertx;
        this.permits = permits;
        this.maxWaitMillis = maxWaitMillis;
    }

    /**
     * While this holds (the dashboard's reads moved to a ClickHouse replica still catching up, as the walls' STALE says),
     * every read here is answered {@code 503} with {@code Retry-After} before it starts: no snapshot, export, list or
     * freeze from a replica that may lack what the walls already showed.
     */
    public ReadGate waitingFor(BooleanSupplier waitingForReplica) {
        this.waitingForReplica = waitingForReplica;
        return this;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (waitingForReplica.getAsBoolean()) {
            Answers.replicaCatchingUp(ctx);
            return;
        }
        String caller = caller(ctx);
        int held = perCaller.getOrDefault(caller, 0);
        if (held >= permits) {
            refused++;
            ctx.response().putHeader("Retry-After", "5");
            Problems.send(
                    ctx.response(),
                    429,
                    "Too Many Requests",
                    "this client has " + held + " reads running or waiting" + " (CORDON_MAX_CONCURRENT_READS is "
                            + permits + "); wait for them before asking again");
            return;
        }
        perCaller.merge(caller, 1, Integer::sum);
        // a read is given back once, when its answer ends or its connection closes
        boolean[] done = {false};
        Runnable release = () -> {
            if (!done[0]) {
                done[0] = true;
                perCaller.computeIfPresent(caller, (k, n) -> n <= 1 ? null : n - 1);
            }
        };
        ctx.addEndHandler(v -> release.run());
        if (running < permits) {
            start(ctx);
            return;
        }
        long timer = vertx.setTimer(maxWaitMillis, id -> {
            if (queue.removeIf(w -> w.ctx() == ctx)) {
                release.run();
                if (!ctx.response().closed() && !ctx.response().ended()) {
                    refused++;
                    ctx.response().putHeader("Retry-After", "10");
                    Problems.send(
                            ctx.response(),
                            503,
                            "Service Unavailable",
                            "the dashboard is answering " + permits
                                    + " reads at once (CORDON_MAX_CONCURRENT_READS) and this one waited "
                                    + maxWaitMillis / 1000
                                    + " s; ask again shortly");
                }
            }
        });
        queue.addLast(new Waiting(ctx, timer, release));
    }

    private void start(RoutingContext ctx) {
        running++;
        boolean[] ended = {false};
        ctx.addEndHandler(v -> {
            if (!ended[0]) {
                ended[0] = true;
                running--;
                next();
            }
        });
        ctx.next();
    }

    private void next() {
        while (running < permits && !queue.isEmpty()) {
            Waiting w = queue.pollFirst();
            vertx.cancelTimer(w.timer());
            if (w.ctx().response().ended() || w.ctx().response().closed()) {
                w.release().run(); // its caller left while it waited (ending it again would throw): its place is given
                // back
            } else {
                start(w.ctx());
            }
        }
    }

    /** The token's secret hash, or the remote address when reads are open to anyone. */
    private static String caller(RoutingContext ctx) {
        var token = BearerAuth.token(ctx);
        String key = token.secretSha256();
        if (key == null || key.isEmpty()) {
            var remote = ctx.request().remoteAddress();
            return "address:" + (remote == null ? "" : remote.hostAddress());
        }
        return key;
    }

    /** Reads running now (for /metrics). */
    public int running() {
        return running;
    }

    /** Reads waiting now (for /metrics). */
    public int waiting() {
        return queue.size();
    }

    /** Reads refused since start, with 429 or 503 (for /metrics). */
    public long refused() {
        return refused;
    }

    /** The bound's meters: reads running, waiting, and refused ({@code 429} or {@code 503}). */
    public ReadGate register(MeterRegistry registry) {
        Gauge.builder("cordon_dashboard_reads_running", this, ReadGate::running)
                .description("snapshot, report, export and list reads running now")
                .register(registry);
        Gauge.builder("cordon_dashboard_reads_waiting", this, ReadGate::waiting)
                .description("reads waiting for one of CORDON_MAX_CONCURRENT_READS")
                .register(registry);
        FunctionCounter.builder("cordon_dashboard_reads_refused", this, ReadGate::refused)
                .description("reads answered 429 or 503 by the read bound")
                .register(registry);
        return this;
    }
}
