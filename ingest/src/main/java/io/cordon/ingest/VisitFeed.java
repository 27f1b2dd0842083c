package io.cordon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.http.Scope;
import io.cordon.schemas.HouseholdVisit;
import io.cordon.schemas.Json;
import io.cordon.schemas.Topics;
import java.time.Instant;

/**
 * Household visits: the JSON Schema, then a real instant not more than 5 minutes ahead and a registered household.
 * Accepted items carry the household's compound, and their key persons reduced to the counts per measure.
 */
public final class VisitFeed implements Feed {

    private final SchemaValidator schema = SchemaValidator.forResource("schemas/household-visit.schema.json");

    private final FeedChecks.Place<HouseholdMirror.Place> homes;

    public VisitFeed(Registry<?, HouseholdMirror.Place> households) {
        this.homes = new FeedChecks.Place<>(
                "visited_at",
                "household_id",
                households::get,
                "household",
                "/api/v1/registry/households",
                HouseholdMirror.Place::at);
    }

    @Override
    public String topic() {
        return Topics.HOUSEHOLD_VISITS;
    }

    @Override
    public Result check(JsonNode item, Instant now, Scope scope) {
        FeedChecks.Checked<HouseholdMirror.Place> checked = FeedChecks.check(item, now, scope, schema, homes);
        if (!checked.errors().isEmpty()) {
            return Result.rejected(checked.eventId(), checked.errors());
        }
        HouseholdMirror.Place place = checked.place();
        Instant visitedAt = checked.at();
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
