package io.cordon.ingest;

import io.cordon.http.BearerAuth;
import io.cordon.http.Problems;
import io.cordon.http.Scope;
import io.cordon.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST of a feed: reads the body, checks every item, writes the accepted ones to the event log and answers
 * 202 only once Kafka acknowledged all of them (API.md, "Bodies, batches and answers").
 */
public final class FeedHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(FeedHandler.class);

    private final Vertx vertx;
    private final Feed feed;
    private final EventLogWriter log;
    private final Clock clock;

    private final Timer batches;
    private final Counter refused;

    private final Admission admission;

    /**
     * @param firstCopies the ids this instance wrote lately: an item's alerts go ahead of the counting only for the first
     *                    copy of its id (null: every accepted item's)
     * @param bound       ingest's in-flight work, shared by its feeds: a request beyond it is answered 503 at once
     * @param urgent      whether a body carries a fever ({@link FeverScan}): such a request is never refused for load
     *                    and is checked on workers of its own, ahead of the queue
     */
    public FeedHandler(
            Vertx vertx,
            Feed feed,
            EventLogWriter log,
            Clock clock,
            MeterRegistry metrics,
            Admission admission,
            RecentIds firstCopies,
            WorkBound bound,
            Predicate<byte[]> urgent) {
        this.bound = bound;
        this.urgent = urgent;
        this.feverWorkers = vertx.createSharedWorkerExecutor("cordon-fevers", 2);
        this.firstCopies = firstCopies;
        this.admission = admission;
        this.refused = Counter.builder("cordon_feed_refused_for_load")
                .tag("feed", feed.topic())
                .description(
                        "feed requests refused (503) because ingest is at its bound of work, the counting is behind or the event log is full")
                .register(metrics);
        this.batches = Timer.builder("cordon_feed_batch")
                .tag("feed", feed.topic())
                .description(
                        "from a feed request's body read to its answer (checks and the event log's acknowledgement)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(metrics);
        this.vertx = vertx;
        this.feed = feed;
        this.log = log;
        this.clock = clock;
    }

    /** The outcome of reading and checking a body: a problem to answer, or the accepted records and the rejected items. */
    private final RecentIds firstCopies;

    private final WorkBound bound;
    private final Predicate<byte[]> urgent;
    /** Workers of their own for requests that carry a fever: they never queue behind the backlog of the others. */
    private final WorkerExecutor feverWorkers;

    private record Checked(
            JsonObject problem,
            List<EventLog.Entry> accepted,
            JsonArray rejected,
            List<EventLog.Entry> alerts,
            List<EventLog.Entry> notes) {
        Checked(JsonObject problem) {
            this(problem, null, null, List.of(), List.of());
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        boolean ndjson = ContentTypes.isNdjson(ctx.request().getHeader("Content-Type"));
        byte[] bytes =
                ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        Instant now = clock.instant();
        Scope scope = BearerAuth.token(ctx).scope();
        long started = System.nanoTime();
        boolean fever = urgent.test(bytes);
        if (!bound.admit(bytes.length, fever)) {
            // ingest itself is at its bound: answered at once, not after seconds in the worker pool's queue
            refused.increment();
            ctx.response().putHeader("Retry-After", "1");
            Problems.send(
                    ctx.response(),
                    503,
                    "Service Unavailable",
                    "ingest is checking " + bound.requests()
                            + " requests already: post again in 1 s; nothing of this request was stored, and a request with a fever"
                            + " is always accepted");
            return;
        }
        ctx.addEndHandler(v -> {
            bound.release(bytes.length);
            batches.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        });
        // parsing and schema checks of up to 5,000 items are CPU work: on a worker, unordered, not on the event loop; a
        // request with a fever on workers of its own
        (fever
                        ? feverWorkers.<Checked>executeBlocking(() -> check(bytes, ndjson, now, scope), false)
                        : vertx.<Checked>executeBlocking(() -> check(bytes, ndjson, now, scope), false))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        ctx.fail(ar.cause());
                    } else if (ar.result().problem() != null) {
                        Problems.send(ctx.response(), ar.result().problem());
                    } else {
                        write(ctx, ar.result());
                    }
                });
    }

    private Checked check(byte[] bytes, boolean ndjson, Instant now, Scope scope) {
        FeedBody body;
        try {
            body = FeedBody.parse(bytes, ndjson);
        } catch (FeedBody.BodyException e) {
            JsonObject problem = Problems.problem(
                    e.status(), e.status() == 413 ? "Payload Too Large" : "Bad Request", e.getMessage());
            if (e.status() == 400) {
                problem.put(
                        "errors",
                        new JsonArray().add(new JsonObject().put("path", "").put("message", e.getMessage())));
                problem.put("rejected", new JsonArray());
            }
            return new Checked(problem);
        }
        List<EventLog.Entry> accepted = new ArrayList<>();
        List<EventLog.Entry> alerts = new ArrayList<>();
        List<EventLog.Entry> notes = new ArrayList<>();
        JsonArray rejected = new JsonArray();
        JsonArray flatErrors = new JsonArray();
        int outOfScope = 0;
        for (FeedBody.Item item : body.items()) {
            Feed.Result result = item.readError() != null
                    ? Feed.Result.rejected(null, List.of(new FieldError("", item.readError())))
                    : feed.check(item.node(), now, scope);
            if (result.accepted()) {
                accepted.add(new EventLog.Entry(result.eventId(), result.recordJson()));
                if (result.note() != null) {
                    notes.add(result.note());
                }
                // a resend, or the post of an id corrected or voided before it came, counts for nothing: no alert ahead
                if (!result.alerts().isEmpty() && (firstCopies == null || firstCopies.firstSight(result.eventId()))) {
                    alerts.addAll(result.alerts());
                } else if (firstCopies != null) {
                    firstCopies.remember(result.eventId());
                }
            } else {
                outOfScope += result.outOfScope() ? 1 : 0;
                JsonArray errors = new JsonArray();
                for (FieldError fe : result.errors()) {
                    errors.add(new JsonObject().put("path", fe.path()).put("message", fe.message()));
                    String prefix = body.single() ? "" : "/" + item.index();
                    flatErrors.add(
                            new JsonObject().put("path", prefix + fe.path()).put("message", fe.message()));
                }
                rejected.add(new JsonObject()
                        .put("index", item.index())
                        .put("event_id", result.eventId())
                        .put("errors", errors));
            }
        }
        if (accepted.isEmpty() && outOfScope > 0) {
            JsonObject problem = Problems.problem(
                    403,
                    "Forbidden",
                    body.single()
                            ? "the item is outside this token's scope: " + describe(flatErrors)
                            : "no item of the batch is accepted, and " + outOfScope
                                    + " are outside this token's scope");
            problem.put("errors", flatErrors).put("rejected", rejected);
            return new Checked(problem);
        }
        if (accepted.isEmpty()) {
            JsonObject problem = Problems.problem(
                    400,
                    "Bad Request",
                    body.single()
                            ? "the item is not valid: " + describe(flatErrors)
                            : "no item of the batch is valid (" + rejected.size() + " rejected)");
            problem.put("errors", flatErrors).put("rejected", rejected);
            return new Checked(problem);
        }
        return new Checked(null, accepted, rejected, alerts, notes);
    }

    private void write(RoutingContext ctx, Checked checked) {
        List<EventLog.Entry> accepted = checked.accepted();
        Admission.Refusal refusal = admission.refuse(!checked.alerts().isEmpty());
        if (refusal != null) {
            refused.increment();
            ctx.response().putHeader("Retry-After", String.valueOf(refusal.retryAfterSeconds()));
            Problems.send(ctx.response(), 503, "Service Unavailable", refusal.detail());
            return;
        }
        // the notes are durable before the 202, like the records: nothing accepted is lost (a note repeated by a resend
        // is the same note under the same key)
        log.append(vertx, feed.topic(), accepted)
                .compose(offset -> checked.notes().isEmpty()
                        ? Future.succeededFuture()
                        : log.append(vertx, Topics.ARRIVAL_NOTES, checked.notes())
                                .mapEmpty())
                .compose(v -> alertsFirst(checked.alerts()))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        ctx.response()
                                .setStatusCode(202)
                                .putHeader("Content-Type", "application/json")
                                .end(new JsonObject()
                                        .put("accepted", accepted.size())
                                        .put("rejected", checked.rejected())
                                        .encode());
                    } else {
                        if (ar.cause() instanceof EventLog.Unavailable) {
                            // refused at once after a failure that was logged: an outage does not flood the log
                            LOG.debug("event log unavailable for {} {} items", accepted.size(), feed.topic());
                        } else {
                            LOG.warn(
                                    "event log refused a write of {} {} items: {}",
                                    accepted.size(),
                                    feed.topic(),
                                    ar.cause().toString());
                        }
                        ctx.response().putHeader("Retry-After", "5");
                        Problems.send(
                                ctx.response(),
                                503,
                                "Service Unavailable",
                                "the event log cannot take writes now; some items of this request may already be stored: post the "
                                        + "whole request again later (a copy of an event already stored is counted once)");
                    }
                });
    }

    /**
     * Writes the fever alerts of arrivals that are durable now, so that a fever reaches the walls without waiting
     * behind the counting; if this write fails, the request is still accepted (its arrivals are in the log, and the
     * counting job raises the same alerts from them).
     */
    private Future<Void> alertsFirst(List<EventLog.Entry> alerts) {
        if (alerts.isEmpty()) {
            return Future.succeededFuture();
        }
        return log.append(vertx, Topics.FEVER_ALERTS, alerts).<Void>mapEmpty().recover(e -> {
            LOG.warn(
                    "{} fever alerts could not be written ahead of the counting ({}); the counting job raises them",
                    alerts.size(),
                    e.toString());
            return Future.succeededFuture();
        });
    }

    private static String describe(JsonArray errors) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < errors.size() && i < 5; i++) {
            JsonObject e = errors.getJsonObject(i);
            parts.add((e.getString("path").isEmpty() ? "body" : e.getString("path")) + " " + e.getString("message"));
        }
        return String.join("; ", parts);
    }
}
