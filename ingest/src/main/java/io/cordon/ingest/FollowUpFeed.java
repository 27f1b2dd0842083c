package io.cordon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.FollowUp;
import io.cordon.schemas.Json;
import io.cordon.schemas.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Key persons' follow-ups (API.md, "Key persons"): the JSON Schema, then a real instant not more than 5 minutes ahead
 * and a registered key person inside the token's scope. Accepted items carry the person's household and areas.
 */
public final class FollowUpFeed extends PlacedFeed<KeyPersonRows.Home> {

    public FollowUpFeed(Registry<?, KeyPersonRows.Home> keyPersons) {
        super(
                "schemas/follow-up.schema.json",
                Topics.FOLLOW_UPS,
                new FeedChecks.Place<>(
                        "followed_at",
                        "person_id",
                        keyPersons::get,
                        "key person",
                        "/api/v1/registry/key-persons",
                        KeyPersonRows.Home::at));
    }

    @Override
    Result accepted(JsonNode item, Instant now, KeyPersonRows.Home home, Instant followedAt) {
        JsonNode t = item.path("temperature_c");
        JsonNode team = item.path("team_id");
        List<String> symptoms = null;
        if (item.path("symptoms").isArray()) {
            symptoms = new ArrayList<>();
            for (JsonNode s : item.get("symptoms")) {
                symptoms.add(s.asText());
            }
        }
        FollowUp f = new FollowUp(
                item.get("event_id").asText(),
                item.get("person_id").asText(),
                followedAt,
                item.get("method").asText(),
                item.get("reached").asBoolean(),
                t.isNumber() ? t.asDouble() : null,
                symptoms,
                team.isTextual() ? team.asText() : null,
                now,
                home.householdId(),
                home.compoundId(),
                home.at().district(),
                home.at().street(),
                home.at().community(),
                home.at().unit(),
                home.responsible(),
                null,
                null,
                null);
        return Result.ok(f.eventId(), Json.write(f));
    }
}
