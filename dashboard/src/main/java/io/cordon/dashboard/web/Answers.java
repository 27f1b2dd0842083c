package io.cordon.dashboard.web;

import io.cordon.http.Forbidden;
import io.cordon.http.Problems;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every route of the dashboard answers: a query's result as JSON, and the one failure policy — a wrong parameter
 * {@code 400}, a place outside the token's scope {@code 403}, an unknown scope {@code 404}, figures that cannot be read
 * (ClickHouse away or slow) {@code 503} with {@code Retry-After}, a bug {@code 500}, logged.
 */
public final class Answers {

    private static final Logger LOG = LoggerFactory.getLogger(Answers.class);

    private Answers() {}

    /** A query's answer back on the route's event loop (the queries complete on ClickHouse's HTTP client threads). */
    public static <T> Future<T> later(RoutingContext ctx, CompletionStage<T> stage) {
        return Future.fromCompletionStage(stage, ctx.vertx().getOrCreateContext());
    }

    /** Answers the JSON object the query gives, or its failure. */
    public static void json(RoutingContext ctx, CompletionStage<JsonObject> answer) {
        later(ctx, answer).onSuccess(json -> json(ctx, json)).onFailure(e -> failed(ctx, e));
    }

    public static void json(RoutingContext ctx, JsonObject json) {
        ctx.response().putHeader("Content-Type", "application/json").end(json.encode());
    }

    public static void json(RoutingContext ctx, JsonArray json) {
        ctx.response().putHeader("Content-Type", "application/json").end(json.encode());
    }

    /** A CSV file to download under {@code fileName}. */
    public static void csv(RoutingContext ctx, String fileName, byte[] body) {
        ctx.response()
                .putHeader("Content-Type", "text/csv; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .end(Buffer.buffer(body));
    }

    public static void notFound(RoutingContext ctx, String detail) {
        Problems.send(ctx.response(), 404, "Not Found", detail);
    }

    public static void conflict(RoutingContext ctx, String detail) {
        Problems.send(ctx.response(), 409, "Conflict", detail);
    }

    /** The router's failure handler: what a handler threw, answered. */
    public static void thrown(RoutingContext ctx) {
        Throwable e = ctx.failure();
        if (e == null) {
            int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            if (status == 503) {
                ctx.response().putHeader("Retry-After", "5");
            }
            Problems.send(
                    ctx.response(),
                    status,
                    status == 500 ? "Internal Server Error" : "Error",
                    "the request failed with status " + status);
        } else if (!answered(ctx, e)) {
            LOG.error(
                    "unexpected failure on {} {}",
                    ctx.request().method(),
                    ctx.request().path(),
                    e);
            Problems.send(ctx.response(), 500, "Internal Server Error", "unexpected failure; it was logged");
        }
    }

    /** A read failed: answered as {@link #thrown} would, or {@code 503} when the figures cannot be read. */
    public static void failed(RoutingContext ctx, Throwable e) {
        if (ctx.response().headWritten()) {
            LOG.warn(
                    "{} {} failed after it was answered: {}",
                    ctx.request().method(),
                    ctx.request().path(),
                    e.getMessage());
            return;
        }
        if (!answered(ctx, e)) {
            LOG.warn("{} {} failed: {}", ctx.request().method(), ctx.request().path(), e.getMessage());
            ctx.response().putHeader("Retry-After", "5");
            Problems.send(
                    ctx.response(), 503, "Service Unavailable", "the figures cannot be read now; try again shortly");
        }
    }

    /**
     * {@code 503} with {@code Retry-After: 2}: the dashboard's reads moved to a ClickHouse replica that is still
     * catching up (the walls show STALE meanwhile), so no figure is read from it yet.
     */
    public static void replicaCatchingUp(RoutingContext ctx) {
        ctx.response().putHeader("Retry-After", "2");
        Problems.send(
                ctx.response(),
                503,
                "Service Unavailable",
                "the figures are read from another ClickHouse replica, which is catching up; try again in a moment");
    }

    /** The cause a {@link CompletionException} wraps, or the failure itself. */
    public static Throwable cause(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private static boolean answered(RoutingContext ctx, Throwable e) {
        Throwable cause = cause(e);
        if (cause instanceof UnknownScope unknown) {
            notFound(ctx, unknown.getMessage());
        } else if (cause instanceof Forbidden forbidden) {
            Problems.forbidden(ctx.response(), forbidden.getMessage());
        } else if (cause instanceof BadParameter bad) {
            Problems.badParameter(ctx.response(), bad.parameter(), bad.getMessage());
        } else {
            return false;
        }
        return true;
    }
}
