package io.cordon.dashboard.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.TimeoutHandler;

/**
 * How long an API request may take before it is answered {@code 503} (with {@code Retry-After}) and never left hanging
 * (a ClickHouse frozen): 30 s for every read and write, except the freeze of the report of record ({@code POST
 * /api/v1/reports}), which writes every format of the city and of every area and takes longer at a whole city's size
 * (docs/BENCHMARKS.md): 5 minutes.
 */
public final class Deadlines {

    public static final long REQUEST_MILLIS = 30_000;
    public static final long FREEZE_MILLIS = 300_000;

    private Deadlines() {}

    public static Handler<RoutingContext> handler() {
        return handler(REQUEST_MILLIS, FREEZE_MILLIS);
    }

    static Handler<RoutingContext> handler(long requestMillis, long freezeMillis) {
        Handler<RoutingContext> request = TimeoutHandler.create(requestMillis);
        Handler<RoutingContext> freeze = TimeoutHandler.create(freezeMillis);
        return ctx -> (isFreeze(ctx) ? freeze : request).handle(ctx);
    }

    static boolean isFreeze(RoutingContext ctx) {
        return ctx.request().method() == HttpMethod.POST && ctx.request().path().equals("/api/v1/reports");
    }
}
