package io.cordon.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cordon.schemas.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seven checkpoint counts computed by hand from the posted JSON, straight from PRODUCT.md's definitions and
 * independent of the production code: first copy of each event_id, event time in [from, to), persons on arrivals.
 */
final class HandCount {

    static final List<String> KEYS = List.of(
            "registered_vehicles",
            "registered_persons",
            "out_of_province_persons",
            "turned_back_vehicles",
            "turned_back_persons",
            "abnormal_temperatures",
            "referred_persons");

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

    private final Map<String, String> provinceOf;

    HandCount(Map<String, String> provinceOfCheckpoint) {
        this.provinceOf = provinceOfCheckpoint;
    }

    /** Records events as they were accepted (in posting order). */
    void posted(String jsonArrayOrObject) {
        try {
            JsonNode n = Json.MAPPER.readTree(jsonArrayOrObject);
            if (n.isArray()) {
                n.forEach(this::one);
            } else {
                one(n);
            }
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void one(JsonNode event) {
        String id = event.get("event_id").asText();
        if (!voided.contains(id)) {
            firstCopies.putIfAbsent(id, event);
        }
    }

    int distinctEvents() {
        return firstCopies.size();
    }

    /** Counts per checkpoint over events with from <= occurred_at < to (from may be null). */
    Map<String, Map<String, Long>> count(Instant from, Instant to, Set<String> checkpoints) {
        Map<String, Map<String, Long>> result = new HashMap<>();
        for (String c : checkpoints) {
            Map<String, Long> zero = new LinkedHashMap<>();
            KEYS.forEach(k -> zero.put(k, 0L));
            result.put(c, zero);
        }
        for (JsonNode e : firstCopies.values()) {
            Instant at = OffsetDateTime.parse(e.get("occurred_at").asText()).toInstant();
            if ((from != null && at.isBefore(from)) || !at.isBefore(to)) {
                continue;
            }
            Map<String, Long> m = result.get(e.get("checkpoint_id").asText());
            boolean vehicle = e.hasNonNull("vehicle");
            String decision = e.get("decision").asText();
            int persons = e.get("persons").size();
            add(m, "registered_vehicles", vehicle ? 1 : 0);
            add(m, "registered_persons", persons);
            add(m, "turned_back_vehicles", vehicle && decision.equals("turned_back") ? 1 : 0);
            add(m, "turned_back_persons", decision.equals("turned_back") ? persons : 0);
            add(m, "referred_persons", decision.equals("referred") ? persons : 0);
            String home = provinceOf.get(e.get("checkpoint_id").asText());
            for (JsonNode p : e.get("persons")) {
                if (p.hasNonNull("temperature_c") && p.get("temperature_c").asDouble() >= 37.3) {
                    add(m, "abnormal_temperatures", 1);
                }
                // "云南省" and "云南" are the same province to a field officer
                if (p.hasNonNull("origin_province")
                        && !p.get("origin_province").asText().replace("省", "").equals(home.replace("省", ""))) {
                    add(m, "out_of_province_persons", 1);
                }
            }
        }
        return result;
    }

    static Map<String, Long> total(Map<String, Map<String, Long>> perCheckpoint) {
        Map<String, Long> t = new LinkedHashMap<>();
        KEYS.forEach(k -> t.put(
                k, perCheckpoint.values().stream().mapToLong(m -> m.get(k)).sum()));
        return t;
    }

    private static void add(Map<String, Long> m, String k, long n) {
        m.merge(k, n, Long::sum);
    }

    /** The counts of a snapshot JSON node ({"registered_vehicles": n, ...}) as a map. */
    static Map<String, Long> fromJson(JsonNode counts) {
        Map<String, Long> m = new LinkedHashMap<>();
        KEYS.forEach(k -> m.put(k, counts.get(k).asLong()));
        return m;
    }
}
