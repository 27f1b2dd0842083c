package io.cordon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.http.Scope;
import java.time.Instant;

/**
 * A feed whose every item names a registered place (a checkpoint, a household, a key person) and when it happened: its
 * JSON Schema, then the checks of {@link FeedChecks} (a real instant, not ahead, a registered place inside the token's
 * scope); what is left to each feed is its record of an accepted item.
 *
 * @param <P> what the registry knows of the place
 */
abstract class PlacedFeed<P> implements Feed {

    private final SchemaValidator schema;
    private final String topic;
    private final FeedChecks.Place<P> place;

    PlacedFeed(String schemaResource, String topic, FeedChecks.Place<P> place) {
        this.schema = SchemaValidator.forResource(schemaResource);
        this.topic = topic;
        this.place = place;
    }

    @Override
    public final String topic() {
        return topic;
    }

    @Override
    public final Result check(JsonNode item, Instant now, Scope scope) {
        FeedChecks.Checked<P> checked = FeedChecks.check(item, now, scope, schema, place);
        if (!checked.errors().isEmpty()) {
            return Result.rejected(checked.eventId(), checked.errors());
        }
        return accepted(item, now, checked.place(), checked.at());
    }

    /** The record of an item that passed every check, of its registered {@code place}, at {@code at}. */
    abstract Result accepted(JsonNode item, Instant now, P place, Instant at);
}
