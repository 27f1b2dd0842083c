package io.cordon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** One event feed: how its items are checked and turned into event-log records. */
public interface Feed {

    /** The Kafka topic the feed's records go to. */
    String topic();

    /** Checks one item (already known to be a JSON value) and converts it, or lists what is wrong. */
    Result check(JsonNode item, Instant now);

    /** The outcome of checking one item: a record keyed by its event id, or errors. */
    record Result(String eventId, String recordJson, List<FieldError> errors) {
        public static Result ok(String eventId, String recordJson) {
            return new Result(eventId, recordJson, List.of());
        }

        public static Result rejected(String eventId, List<FieldError> errors) {
            return new Result(eventId, null, errors);
        }

        public boolean accepted() {
            return errors.isEmpty();
        }
    }
}
