package io.cordon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cordon.http.AccessToken;
import io.cordon.http.BearerAuth;
import io.cordon.http.Location;
import io.cordon.http.Problems;
import io.cordon.schemas.Checkpoint;
import io.cordon.schemas.CheckpointArrival;
import io.cordon.schemas.FollowUp;
import io.cordon.schemas.HouseholdVisit;
import io.cordon.schemas.Json;
import io.cordon.schemas.Topics;
import io.cordon.schemas.clickhouse.AuditLog;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code PUT} and {@code DELETE} of one event of a feed ({@code /api/v1/checkpoint-events/{event_id}} and
 * {@code /api/v1/household-visits/{event_id}}; admin tokens; API.md, "Corrections and voids"): a correction is the
 * whole corrected record plus a {@code correction_reason}; a void names a reason. Both go to the feed's event log
 * keyed by the event id, after the event's posts, so the job applies them in order (the last PUT or DELETE wins) and
 * takes back what was counted.
 */
final class CorrectionHandlers {

    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** What differs between the feeds: their records, time field and place (checkpoint or household). */
    interface Kind {
        /** The feed's time field ({@code occurred_at}, {@code visited_at}). */
        String timeField();

        /** The feed's place field ({@code checkpoint_id}, {@code household_id}). */
        String placeField();

        /**
         * The checked record as the correction of its event: JSON for the log, its time and district. {@code confinedTo}
         * is the scope of a scoped admin (null: the whole city): the job then replaces only content counted inside it.
         */
        Corrected corrected(String recordJson, String reason, String confinedTo);

        /** The record that voids an event ({@code place}: only an event of it; null: any; {@code confinedTo} as above). */
        String voiding(String eventId, String place, String reason, Instant receivedAt, String confinedTo);

        /** Where a registered place lies, or null when it is not registered. */
        Location location(String place);
    }

    /** A correction ready for the log. */
    record Corrected(String json, Instant at, String place, String district) {}

    static Kind arrivals(Registry<Checkpoint, Checkpoint> checkpoints) {
        return new Kind() {
            public String timeField() {
                return "occurred_at";
            }

            public String placeField() {
                return "checkpoint_id";
            }

            public Corrected corrected(String recordJson, String reason, String confinedTo) {
                CheckpointArrival a =
                        Json.read(recordJson, CheckpointArrival.class).asCorrection(reason, confinedTo);
                Checkpoint c = checkpoints.get(a.checkpointId());
                return new Corrected(Json.write(a), a.occurredAt(), a.checkpointId(), c == null ? "" : c.district());
            }

            public String voiding(String eventId, String place, String reason, Instant receivedAt, String confinedTo) {
                return Json.write(CheckpointArrival.voiding(eventId, place, reason, receivedAt, confinedTo));
            }

            public Location location(String place) {
                Checkpoint c = checkpoints.get(place);
                return c == null ? null : Location.checkpoint(c.checkpointId(), c.district(), c.street());
            }
        };
    }

    static Kind visits(Registry<?, HouseholdMirror.Place> households) {
        return new Kind() {
            public String timeField() {
                return "visited_at";
            }

            public String placeField() {
                return "household_id";
            }

            public Corrected corrected(String recordJson, String reason, String confinedTo) {
                HouseholdVisit v = Json.read(recordJson, HouseholdVisit.class).asCorrection(reason, confinedTo);
                HouseholdMirror.Place p = households.get(v.householdId());
                return new Corrected(Json.write(v), v.visitedAt(), v.householdId(), p == null ? "" : p.district());
            }

            public String voiding(String eventId, String place, String reason, Instant receivedAt, String confinedTo) {
                return Json.write(HouseholdVisit.voiding(eventId, place, reason, receivedAt, confinedTo));
            }

            public Location location(String place) {
                HouseholdMirror.Place p = households.get(place);
                return p == null ? null : p.at();
            }
        };
    }

    static Kind followUps(Registry<?, KeyPersonRows.Home> keyPersons) {
        return new Kind() {
            public String timeField() {
                return "followed_at";
            }

            public String placeField() {
                return "person_id";
            }

            public Corrected corrected(String recordJson, String reason, String confinedTo) {
                FollowUp f = Json.read(recordJson, FollowUp.class).asCorrection(reason, confinedTo);
                return new Corrected(Json.write(f), f.followedAt(), f.personId(), f.district());
            }

            public String voiding(String eventId, String place, String reason, Instant receivedAt, String confinedTo) {
                return Json.write(FollowUp.voiding(eventId, place, reason, receivedAt, confinedTo));
            }

            public Location location(String place) {
                KeyPersonRows.Home h = keyPersons.get(place);
                return h == null ? null : h.at();
            }
        };
    }

    private final Vertx vertx;
    private final Feed feed;
    private final Kind kind;
    private final EventLogWriter log;
    private final Clock clock;
    private final Duration window;
    private final AuditLog audit;

    private final RecentIds written;

    CorrectionHandlers(
            Vertx vertx, Feed feed, Kind kind, EventLogWriter log, Clock clock, Duration window, AuditLog audit) {
        this(vertx, feed, kind, log, clock, window, audit, null);
    }

    /** {@code written}: where the ids corrected or voided are remembered, so that a later post of one raises no alert ahead. */
    CorrectionHandlers(
            Vertx vertx,
            Feed feed,
            Kind kind,
            EventLogWriter log,
            Clock clock,
            Duration window,
            AuditLog audit,
            RecentIds written) {
        this.written = written;
        this.vertx = vertx;
        this.feed = feed;
        this.kind = kind;
        this.log = log;
        this.clock = clock;
        this.window = window;
        this.audit = audit;
    }

    /** {@code PUT}: the corrected record; {@code 202 {"corrected": id}} once durable. */
    Handler<RoutingContext> correct() {
        return ctx -> {
            String id = ctx.pathParam("id");
            AccessToken token = BearerAuth.token(ctx);
            Instant now = clock.instant();
            JsonNode body;
            try {
                body = FeedBody.BOUNDED.readTree(
                        ctx.body().buffer() == null
                                ? new byte[0]
                                : ctx.body().buffer().getBytes());
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
            if (reason == null
                    || !reason.isTextual()
                    || reason.asText().isBlank()
                    || reason.asText().length() > 200) {
                problem(
                        ctx,
                        400,
                        "/correction_reason",
                        "is required: 1-200 characters saying why the record is corrected");
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
                result.errors()
                        .forEach(e -> errors.add(
                                new JsonObject().put("path", e.path()).put("message", e.message())));
                Problems.send(
                        ctx.response(),
                        Problems.problem(
                                        result.outOfScope() ? 403 : 400,
                                        result.outOfScope() ? "Forbidden" : "Bad Request",
                                        "the corrected record is not valid: "
                                                + result.errors().get(0).path() + " "
                                                + result.errors().get(0).message())
                                .put("errors", errors));
                return;
            }
            String why = reason.asText().strip();
            Corrected corrected = kind.corrected(result.recordJson(), why, confinement(token));
            if (corrected.at().isBefore(now.minus(window))) {
                String days = window.toSeconds() % 86_400 == 0 ? "P" + window.toDays() + "D" : window.toString();
                problem(
                        ctx,
                        422,
                        "/" + kind.timeField(),
                        "is more than the correction window (" + days
                                + ", CORDON_CORRECTION_WINDOW) ago: an event that old can no longer be corrected");
                return;
            }
            // the corrected record's note goes beside the event log for the window, as a posted one's, durable first
            Future<?> noted = result.note() == null
                    ? Future.succeededFuture()
                    : log.append(vertx, Topics.ARRIVAL_NOTES, List.of(result.note()));
            write(
                    ctx,
                    noted,
                    new EventLog.Entry(id, corrected.json()),
                    new JsonObject().put("corrected", id),
                    () -> audit.record(
                            now,
                            "correction",
                            token.label(),
                            corrected.district(),
                            id,
                            why,
                            Map.of(kind.placeField(), corrected.place())));
        };
    }

    /**
     * {@code DELETE ?reason=[&checkpoint_id= | &household_id=]}: the event counts nowhere any more;
     * {@code 202 {"voided": id}}. A place named must be registered ({@code 404} otherwise); a district's admin must
     * name one of its district.
     */
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
                Problems.badParameter(
                        ctx.response(),
                        "reason",
                        "reason is required: 1-200 characters saying why the event is voided");
                return;
            }
            String field = kind.placeField();
            String named = ctx.request().getParam(field);
            String place = named == null || named.isBlank() ? null : named;
            Location at = place == null ? null : kind.location(place);
            String district = at == null ? null : at.district();
            if (place != null && at == null) {
                Problems.send(
                        ctx.response(),
                        Problems.problem(
                                        404,
                                        "Not Found",
                                        "no " + field.replace("_id", "") + " '" + place + "' in the registry")
                                .put(
                                        "errors",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("path", field)
                                                        .put("message", "is not registered"))));
                return;
            }
            if (!token.scope().isAll()) {
                // the event's place is not known here: a scoped admin names it, and the job voids only an event of it
                if (place == null) {
                    Problems.badParameter(
                            ctx.response(),
                            field,
                            "an admin scoped to an area (" + token.scope() + ") names the " + field
                                    + " of the event it voids");
                    return;
                }
                if (!token.scope().covers(at)) {
                    Problems.forbidden(
                            ctx.response(),
                            field + " '" + place + "' is outside this token's scope (" + token.scope() + ")");
                    return;
                }
            }
            Instant now = clock.instant();
            String why = reason.strip();
            String voiding = kind.voiding(id, place, why, now, confinement(token));
            write(
                    ctx,
                    Future.succeededFuture(),
                    new EventLog.Entry(id, voiding),
                    new JsonObject().put("voided", id),
                    () -> audit.record(
                            now,
                            "void",
                            token.label(),
                            district == null ? "" : district,
                            id,
                            why,
                            place == null ? null : Map.of(field, place)));
        };
    }

    /**
     * The scope a scoped admin's correction or void is confined to, as the job reads it ({@code district:NAME}), or null
     * for an admin of the whole city. Ingest checks the new content; only the job knows the content it replaces.
     */
    static String confinement(AccessToken token) {
        return token.scope().isAll() ? null : token.scope().toString();
    }

    private void write(
            RoutingContext ctx, Future<?> before, EventLog.Entry entry, JsonObject answer, Runnable audited) {
        before.compose(v -> log.append(vertx, feed.topic(), List.of(entry))).onComplete(ar -> {
            if (ar.succeeded()) {
                if (written != null) {
                    written.remember(entry.key());
                }
                audited.run();
                ctx.response()
                        .setStatusCode(202)
                        .putHeader("Content-Type", "application/json")
                        .end(answer.encode());
            } else {
                ctx.response().putHeader("Retry-After", "5");
                Problems.send(
                        ctx.response(),
                        503,
                        "Service Unavailable",
                        "the event log cannot take writes now; send it again later");
            }
        });
    }

    private static void problem(RoutingContext ctx, int status, String path, String message) {
        String title = status == 422 ? "Unprocessable Content" : "Bad Request";
        Problems.send(
                ctx.response(),
                Problems.problem(status, title, (path.isEmpty() ? "" : path + " ") + message)
                        .put(
                                "errors",
                                new JsonArray()
                                        .add(new JsonObject().put("path", path).put("message", message))));
    }
}
