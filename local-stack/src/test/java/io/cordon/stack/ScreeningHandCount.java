package io.cordon.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cordon.schemas.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compound figures of a round as of a time, by hand from the posted visits and PRODUCT.md's definitions,
 * independent of the production code.
 */
final class ScreeningHandCount {

    private final Map<String, JsonNode> firstCopies = new LinkedHashMap<>();
    private final Set<String> voided = new HashSet<>();

    /** A correction (PUT): the event is this content from now on, even if it was voided or never posted. */
    void corrected(String body) {
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            ((ObjectNode) n).remove("correction_reason");
            firstCopies.put(n.get("event_id").asText(), n);
            voided.remove(n.get("event_id").asText());
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A void (DELETE): the event counts nowhere, and a later post of it is ignored. */
    void voided(String eventId) {
        firstCopies.remove(eventId);
        voided.add(eventId);
    }

    private final Map<String, String> compoundOf;

    ScreeningHandCount(Map<String, String> compoundOfHousehold) {
        this.compoundOf = compoundOfHousehold;
    }

    void posted(String body) {
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            (n.isArray() ? n : Json.MAPPER.createArrayNode().add(n)).forEach(v -> {
                if (!voided.contains(v.get("event_id").asText())) {
                    firstCopies.putIfAbsent(v.get("event_id").asText(), v);
                }
            });
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** compound → column → value, for households of the registry in {@code compounds}. */
    Map<String, Map<String, Object>> asOf(int round, Instant t, Duration window, List<String> compounds) {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        for (String c : compounds) {
            long households = compoundOf.values().stream().filter(c::equals).count();
            long visited = 0, resolved = 0, overdue = 0, home = 0, central = 0;
            for (Map.Entry<String, String> h : compoundOf.entrySet()) {
                if (!h.getValue().equals(c)) {
                    continue;
                }
                boolean any = false, isResolved = false;
                Instant lastAttempt = null, latestReached = null;
                int homeQ = 0, centralQ = 0;
                for (JsonNode v : firstCopies.values()) {
                    Instant at =
                            OffsetDateTime.parse(v.get("visited_at").asText()).toInstant();
                    if (!v.get("household_id").asText().equals(h.getKey())
                            || v.get("round").asInt() != round
                            || !at.isBefore(t)) {
                        continue;
                    }
                    any = true;
                    String outcome = v.get("outcome").asText();
                    isResolved |= List.of("reached", "phone_reached", "vacant").contains(outcome);
                    lastAttempt = lastAttempt == null || at.isAfter(lastAttempt) ? at : lastAttempt;
                    if ((outcome.equals("reached") || outcome.equals("phone_reached"))
                            && (latestReached == null || at.isAfter(latestReached))) {
                        latestReached = at;
                        homeQ = 0;
                        centralQ = 0;
                        for (JsonNode kp : v.path("key_persons")) {
                            homeQ += kp.get("measure").asText().equals("home_quarantine") ? 1 : 0;
                            centralQ += kp.get("measure").asText().equals("central_quarantine") ? 1 : 0;
                        }
                    }
                }
                if (any) {
                    visited++;
                    if (isResolved) {
                        resolved++;
                    } else if (!lastAttempt.isAfter(t.minus(window))) {
                        overdue++;
                    }
                    home += homeQ;
                    central += centralQ;
                }
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("households", households);
            row.put("resolved", resolved);
            row.put("never_visited", households - visited);
            row.put("pending_revisit", visited - resolved);
            row.put("unvisited", households - resolved);
            row.put("revisit_overdue", overdue);
            row.put("coverage_pct", households == 0 ? 0.0 : Math.round(resolved * 1000.0 / households) / 10.0);
            row.put("home_quarantine", home);
            row.put("central_quarantine", central);
            result.put(c, row);
        }
        return result;
    }

    /** The same columns read from an API row. */
    static Map<String, Object> fromJson(JsonNode row) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k :
                List.of("households", "resolved", "never_visited", "pending_revisit", "unvisited", "revisit_overdue")) {
            m.put(k, row.get(k).asLong());
        }
        m.put("coverage_pct", row.get("coverage_pct").asDouble());
        m.put("home_quarantine", row.get("home_quarantine").asLong());
        m.put("central_quarantine", row.get("central_quarantine").asLong());
        return m;
    }
}
