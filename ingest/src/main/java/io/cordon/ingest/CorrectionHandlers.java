package io.cordon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cordon.http.AccessToken;
import io.cordon.http.BearerAuth;
import io.cordon.http.Problems;
import io.cordon.schemas.Checkpoint;
import io.cordon.schemas.CheckpointArrival;
import io.cordon.schemas.Json;
import io.cordon.schemas.Topics;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code PUT} and {@code DELETE /api/v1/checkpoint-events/{event_id}} (admin tokens; API.md, "Corrections and voids"):
 * a correction is the whole corrected record plus a {@code correction_reason}; a void names a reason. Both go to the
 * event log keyed by the event id, after the event's posts, so the counting job applies them in order (the last PUT
 * or DELETE wins) and takes back what was counted.
 */
final class CorrectionHandlers {

    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final Vertx vertx;
    private final ArrivalFeed feed;
    private final Registry<Checkpoint, Checkpoint> checkpoints;
    private final EventLogWriter log;
    private final Clock clock;
    private final Duration window;

    private final io.cordon.schemas.clickhouse.AuditLog audit;

    CorrectionHandlers(Vertx vertx, ArrivalFeed feed, Registry<Checkpoint, Checkpoint> checkpoints, EventLogWriter log, Clock clock,
                       Duration window, io.cordon.schemas.clickhouse.AuditLog audit) {
        this.audit = audit;
        this.vertx = vertx;
        this.feed = feed;
        this.checkpoints = checkpoints;
        this.log = log;
        this.clock = clock;
        this.window = window;
    }

    /** {@code PUT}: the corrected record; {@code 202 {"corrected": id}} once durable. */
    Handler<RoutingContext> correct() {
        return ctx -> {
            String id = ctx.pathParam("id");
            AccessToken token = BearerAuth.token(ctx);
            Instant now = clock.instant();
            JsonNode body;
            try {
                body = FeedBody.BOUNDED.readTree(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
            } catch (Exception e) {
                problem(ctx, 400, "", "the body is not valid JSON: send the whole corrected record as one object");
                return;
            }
            if (body == null || !body.isObject()) {
                problem(ctx, 400, "", "the body must be the whole corrected record as one JSON object");
                return;
            }
            ObjectNode item = (ObjectNode) body;
            JsonNode reason = item.remove("correction_reason");
            if (reason == null || !reason.isTextual() || reason.asText().isBlank() || reason.asText().length() > 200) {
                problem(ctx, 400, "/correction_reason", "is required: 1-200 characters saying why the record is corrected");
                return;
            }
            if (item.has("event_id") && !item.path("event_id").asText().equals(id)) {
                problem(ctx, 400, "/event_id", "differs from the event id of the path ('" + id + "')");
                return;
            }
            item.put("event_id", id);
            Feed.Result result = feed.check(item, now, token.scope());
            if (!result.accepted()) {
                JsonArray errors = new JsonArray();
                result.errors().forEach(e -> errors.add(new JsonObject().put("path", e.path()).put("message", e.message())));
                Problems.send(ctx.response(), Problems.problem(result.outOfScope() ? 403 : 400,
                        result.outOfScope() ? "Forbidden" : "Bad Request", "the corrected record is not valid: "
                                + result.errors().get(0).path() + " " + result.errors().get(0).message()).put("errors", errors));
                return;
            }
            CheckpointArrival corrected = Json.read(result.recordJson(), CheckpointArrival.class).asCorrection(reason.asText().strip());
            if (corrected.occurredAt().isBefore(now.minus(window))) {
                String days = window.toSeconds() % 86_400 == 0 ? "P" + window.toDays() + "D" : window.toString();
                problem(ctx, 422, "/occurred_at", "is more than the correction window (" + days + ", CORDON_CORRECTION_WINDOW) ago:"
                        + " an event that old can no longer be corrected");
                return;
            }
            Checkpoint c = checkpoints.get(corrected.checkpointId());
            write(ctx, new EventLog.Entry(id, Json.write(corrected)), new JsonObject().put("corrected", id), () -> audit.record(now,
                    "correction", token.label(), c == null ? "" : c.district(), id, corrected.reason(),
                    java.util.Map.of("checkpoint_id", corrected.checkpointId())));
        };
    }

    /** {@code DELETE ?reason=[&checkpoint_id=]}: the event counts nowhere any more; {@code 202 {"voided": id}}. */
    Handler<RoutingContext> voiding() {
        return ctx -> {
            String id = ctx.pathParam("id");
            AccessToken token = BearerAuth.token(ctx);
            if (!EVENT_ID.matcher(id).matches()) {
                problem(ctx, 400, "/event_id", "must be 1-64 letters, digits or . _ : -");
                return;
            }
            String reason = ctx.request().getParam("reason");
            if (reason == null || reason.isBlank() || reason.length() > 200) {
                Problems.badParameter(ctx.response(), "reason", "reason is required: 1-200 characters saying why the event is voided");
                return;
            }
            String checkpointId = ctx.request().getParam("checkpoint_id");
            if (!token.scope().isAll()) {
                // the event's checkpoint is not known here: a district's admin names it, and the job voids only an event of it
                if (checkpointId == null || checkpointId.isBlank()) {
                    Problems.badParameter(ctx.response(), "checkpoint_id", "a district's admin names the checkpoint of the event it voids");
                    return;
                }
                Checkpoint c = checkpoints.get(checkpointId);
                if (c == null) {
                    Problems.send(ctx.response(), 404, "Not Found", "no checkpoint '" + checkpointId + "' in the registry");
                    return;
                }
                if (!token.scope().includes(c.checkpointId(), c.district())) {
                    Problems.forbidden(ctx.response(), "checkpoint '" + checkpointId + "' is outside this token's scope (" + token.scope() + ")");
                    return;
                }
            }
            CheckpointArrival v = CheckpointArrival.voiding(id, checkpointId == null || checkpointId.isBlank() ? null : checkpointId,
                    reason.strip(), clock.instant());
            Checkpoint named = v.checkpointId() == null ? null : checkpoints.get(v.checkpointId());
            write(ctx, new EventLog.Entry(id, Json.write(v)), new JsonObject().put("voided", id), () -> audit.record(v.receivedAt(),
                    "void", token.label(), named == null ? "" : named.district(), id, v.reason(), null));
        };
    }

    private void write(RoutingContext ctx, EventLog.Entry entry, JsonObject answer, Runnable audited) {
        log.append(vertx, Topics.CHECKPOINT_ARRIVALS, List.of(entry)).onComplete(ar -> {
            if (ar.succeeded()) {
                audited.run();
                ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json").end(answer.encode());
            } else {
                ctx.response().putHeader("Retry-After", "5");
                Problems.send(ctx.response(), 503, "Service Unavailable", "the event log cannot take writes now; send it again later");
            }
        });
    }

    private static void problem(RoutingContext ctx, int status, String path, String message) {
        String title = status == 422 ? "Unprocessable Content" : "Bad Request";
        Problems.send(ctx.response(), Problems.problem(status, title, (path.isEmpty() ? "" : path + " ") + message)
                .put("errors", new JsonArray().add(new JsonObject().put("path", path).put("message", message))));
    }
}
