package io.cordon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.http.Scope;
import java.time.Instant;
import java.util.List;

/** One event feed: how its items are checked and turned into event-log records. */
public interface Feed {

    /** The Kafka topic the feed's records go to. */
    String topic();

    /**
     * Checks one item (already known to be a JSON value) and converts it, or lists what is wrong; an item outside the
     * token's scope is wrong at its reference ({@link FeedChecks#OUT_OF_SCOPE}).
     */
    Result check(JsonNode item, Instant now, Scope scope);

    /** The outcome of checking one item: a record keyed by its event id, or errors. */
    record Result(
            String eventId,
            String recordJson,
            List<FieldError> errors,
            List<EventLog.Entry> alerts,
            EventLog.Entry note) {
        public static Result ok(String eventId, String recordJson) {
            return new Result(eventId, recordJson, List.of(), List.of(), null);
        }

        /**
         * An accepted item that also raises alerts (an arrival with a fever: written to the alert topic at once) and may
         * carry a note (written to {@link io.cordon.schemas.Topics#ARRIVAL_NOTES}, kept for the correction window; null
         * when it has none).
         */
        public static Result ok(String eventId, String recordJson, List<EventLog.Entry> alerts, EventLog.Entry note) {
            return new Result(eventId, recordJson, List.of(), alerts, note);
        }

        public static Result rejected(String eventId, List<FieldError> errors) {
            return new Result(eventId, null, errors, List.of(), null);
        }

        public boolean accepted() {
            return errors.isEmpty();
        }

        /** Whether the item was refused for being outside the token's scope. */
        public boolean outOfScope() {
            return errors.stream().anyMatch(e -> e.message().equals(FeedChecks.OUT_OF_SCOPE));
        }
    }
}
