package io.cordon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.EventTimes;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
}
