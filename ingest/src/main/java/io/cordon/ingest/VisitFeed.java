package io.cordon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.http.Scope;
import io.cordon.schemas.HouseholdVisit;
import io.cordon.schemas.Json;
import io.cordon.schemas.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Household visits: the JSON Schema, then a real instant not more than 5 minutes ahead and a registered household.
 * Accepted items carry the household's compound, and their key persons reduced to the counts per measure.
 */
public final class VisitFeed implements Feed {

    private final SchemaValidator schema = SchemaValidator.forResource("schemas/household-visit.schema.json");
    private final Registry<?, HouseholdMirror.Place> households;

    public VisitFeed(Registry<?, HouseholdMirror.Place> households) {
        this.households = households;
    }

    @Override
    public String topic() {
        return Topics.HOUSEHOLD_VISITS;
    }

    @Override
    public Result check(JsonNode item, Instant now, Scope scope) {
        String eventId = FeedChecks.eventId(item);
        if (!item.isObject()) {
            return Result.rejected(eventId, List.of(new FieldError("", "an item must be a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>(schema.validate(item));
        Instant visitedAt = FeedChecks.eventTime(item, "visited_at", now, errors);
        HouseholdMirror.Place place = FeedChecks.reference(
                item, "household_id", households::get, "household", "/api/v1/registry/households", errors);
        if (place != null && !scope.covers(place.at())) {
            errors.add(new FieldError("/household_id", FeedChecks.OUT_OF_SCOPE));
        }
        if (!errors.isEmpty()) {
            return Result.rejected(eventId, errors);
        }
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
                        now)
                .inDistrict(place.district());
        return Result.ok(visit.eventId(), Json.write(visit));
    }
}
