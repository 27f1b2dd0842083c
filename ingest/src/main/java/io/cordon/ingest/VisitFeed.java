package io.cordon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.HouseholdVisit;
import io.cordon.schemas.Json;
import io.cordon.schemas.Topics;
import java.time.Instant;

/**
 * Household visits: the JSON Schema, then a real instant not more than 5 minutes ahead and a registered household.
 * Accepted items carry the household's compound, and their key persons reduced to the counts per measure.
 */
public final class VisitFeed extends PlacedFeed<HouseholdMirror.Place> {

    public VisitFeed(Registry<?, HouseholdMirror.Place> households) {
        super(
                "schemas/household-visit.schema.json",
                Topics.HOUSEHOLD_VISITS,
                new FeedChecks.Place<>(
                        "visited_at",
                        "household_id",
                        households::get,
                        "household",
                        "/api/v1/registry/households",
                        HouseholdMirror.Place::at));
    }

    @Override
    Result accepted(JsonNode item, Instant now, HouseholdMirror.Place place, Instant visitedAt) {
        int home = 0;
        int central = 0;
        int keyPersons = 0;
        for (JsonNode kp : item.path("key_persons")) {
            keyPersons++;
            String measure = kp.path("measure").asText();
            if (measure.equals("home_quarantine")) {
                home++;
            } else if (measure.equals("central_quarantine")) {
                central++;
            }
        }
        JsonNode team = item.path("team_id");
        JsonNode residents = item.path("residents");
        HouseholdVisit visit = new HouseholdVisit(
                item.get("event_id").asText(),
                item.get("household_id").asText(),
                place.compoundId(),
                item.get("round").asInt(),
                visitedAt,
                team.isTextual() ? team.asText() : null,
                item.get("outcome").asText(),
                residents.isInt() ? residents.asInt() : null,
                home,
                central,
                keyPersons,
                now,
                null,
                null,
                place.district(),
                null);
        return Result.ok(visit.eventId(), Json.write(visit));
    }
}
