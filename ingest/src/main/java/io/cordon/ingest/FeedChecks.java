package io.cordon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.http.Location;
import io.cordon.http.Scope;
import io.cordon.schemas.EventTimes;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The checks both feeds make beyond their JSON Schema: a real event time, and a reference to the registry. */
final class FeedChecks {

    /** Devices may run a little ahead of the server clock, not more. */
    static final Duration MAX_AHEAD = Duration.ofMinutes(5);
    /** The earliest instant an event can have: ClickHouse's DateTime starts there, and a reset device clock before it. */
    static final Instant EARLIEST = Instant.EPOCH;

    /** The error of a reference outside the token's scope (API.md, "Tokens, roles and scopes"). */
    static final String OUT_OF_SCOPE = "is outside this token's scope";

    private FeedChecks() {}

    static String eventId(JsonNode item) {
        return item.path("event_id").isTextual() ? item.path("event_id").asText() : null;
    }

    private static boolean schemaFlagged(List<FieldError> errors, String field) {
        return errors.stream().anyMatch(e -> e.path().equals("/" + field));
    }

    /** The event time of {@code field}, or null after adding an error (unless the schema already named the field). */
    static Instant eventTime(JsonNode item, String field, Instant now, List<FieldError> errors) {
        if (!item.path(field).isTextual() || schemaFlagged(errors, field)) {
            return null;
        }
        try {
            Instant at = EventTimes.parse(item.get(field).asText());
            if (at.isBefore(EARLIEST)) {
                errors.add(new FieldError(
                        "/" + field, "is before 1970-01-01T00:00:00Z: the device clock is probably reset"));
                return null;
            }
            if (at.isAfter(now.plus(MAX_AHEAD))) {
                errors.add(
                        new FieldError("/" + field, "is more than 5 minutes ahead of the server clock (" + now + ")"));
                return null;
            }
            return at;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("/" + field, "is not a valid RFC 3339 date-time with an offset"));
            return null;
        }
    }

    /** The registry entry that {@code field} names, or null after adding an error saying how to register it. */
    static <M> M reference(
            JsonNode item,
            String field,
            Function<String, M> registry,
            String what,
            String registryPath,
            List<FieldError> errors) {
        if (!item.path(field).isTextual() || schemaFlagged(errors, field)) {
            return null;
        }
        String id = item.get(field).asText();
        M entry = registry.apply(id);
        if (entry == null) {
            errors.add(new FieldError(
                    "/" + field, "unknown " + what + " '" + id + "': register it first with PUT " + registryPath));
        }
        return entry;
    }

    /** Where a feed's items point: their time field, their place field, the registry that holds the places. */
    record Place<M>(
            String timeField,
            String field,
            Function<String, M> registry,
            String what,
            String registryPath,
            Function<M, Location> location) {}

    /** An item after the checks every feed makes: its id, its event time, its registered place, and every error. */
    record Checked<M>(String eventId, Instant at, M place, List<FieldError> errors) {}

    /**
     * The checks every feed makes: a JSON object, its JSON Schema, a real event time, a registered place inside the
     * token's scope. The feed goes on only when {@link Checked#errors()} is empty.
     */
    static <M> Checked<M> check(JsonNode item, Instant now, Scope scope, SchemaValidator schema, Place<M> place) {
        String eventId = eventId(item);
        if (!item.isObject()) {
            return new Checked<>(eventId, null, null, List.of(new FieldError("", "an item must be a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>(schema.validate(item));
        Instant at = eventTime(item, place.timeField(), now, errors);
        M entry = reference(item, place.field(), place.registry(), place.what(), place.registryPath(), errors);
        if (entry != null && !scope.covers(place.location().apply(entry))) {
            errors.add(new FieldError("/" + place.field(), OUT_OF_SCOPE));
        }
        return new Checked<>(eventId, at, entry, errors);
    }
}
