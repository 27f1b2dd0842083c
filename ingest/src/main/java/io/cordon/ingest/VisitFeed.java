package io.cordon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.EventTimes;
import io.cordon.schemas.HouseholdVisit;
import io.cordon.schemas.Json;
import io.cordon.schemas.Topics;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Household visits: the JSON Schema, then a real instant not more than 5 minutes ahead and a registered household.
 * Accepted items carry the household's compound, and their key persons reduced to the counts per measure.
 */
public final class VisitFeed implements Feed {

    private final SchemaValidator schema = SchemaValidator.forResource("schemas/household-visit.schema.json");
    private final Registry<?, HouseholdRows.Ref> households;

    public VisitFeed(Registry<?, HouseholdRows.Ref> households) {
        this.households = households;
    }

    @Override
    public String topic() {
        return Topics.HOUSEHOLD_VISITS;
    }

    @Override
    public Result check(JsonNode item, Instant now) {
        String eventId = item.path("event_id").isTextual() ? item.path("event_id").asText() : null;
        if (!item.isObject()) {
            return Result.rejected(eventId, List.of(new FieldError("", "an item must be a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>(schema.validate(item.toString()));
        Instant visitedAt = null;
        if (item.path("visited_at").isTextual() && errors.stream().noneMatch(e -> e.path().equals("/visited_at"))) {
            try {
                visitedAt = EventTimes.parse(item.get("visited_at").asText());
                if (visitedAt.isBefore(ArrivalFeed.EARLIEST)) {
                    errors.add(new FieldError("/visited_at", "is before 1970-01-01T00:00:00Z: the device clock is probably reset"));
                } else if (visitedAt.isAfter(now.plus(ArrivalFeed.MAX_AHEAD))) {
                    errors.add(new FieldError("/visited_at", "is more than 5 minutes ahead of the server clock (" + now + ")"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("/visited_at", "is not a valid RFC 3339 date-time with an offset"));
            }
        }
        HouseholdRows.Ref household = null;
        if (item.path("household_id").isTextual() && errors.stream().noneMatch(e -> e.path().equals("/household_id"))) {
            household = households.get(item.get("household_id").asText());
            if (household == null) {
                errors.add(new FieldError("/household_id", "unknown household '" + item.get("household_id").asText()
                        + "': register it first with PUT /api/v1/registry/households"));
            }
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
        HouseholdVisit visit = new HouseholdVisit(item.get("event_id").asText(), item.get("household_id").asText(),
                household.compoundId(), item.get("round").asInt(), visitedAt, team.isTextual() ? team.asText() : null,
                item.get("outcome").asText(), residents.isInt() ? residents.asInt() : null, home, central, keyPersons, now);
        return Result.ok(visit.eventId(), Json.write(visit));
    }
}
