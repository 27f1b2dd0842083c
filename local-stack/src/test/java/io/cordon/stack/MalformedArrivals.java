package io.cordon.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cordon.schemas.EventTimes;
import io.cordon.schemas.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A corpus of malformed arrivals, each with the field path its error must name. */
final class MalformedArrivals {

    /** One malformed item and the JSON pointer its error names. */
    record Case(String description, String json, String path) {}

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    static ObjectNode valid(String eventId, String checkpointId) {
        try {
            return (ObjectNode) Json.MAPPER.readTree("""
                    {"event_id": "%s", "checkpoint_id": "%s", "occurred_at": "2020-02-15T08:15:30+08:00",
                     "direction": "in", "vehicle": {"plate": "云D12345", "kind": "car"},
                     "persons": [{"temperature_c": 36.6, "origin_province": "云南", "id_number": "530326199001011233"},
                                 {"temperature_c": 37.5, "origin_province": "湖北"},
                                 {"temperature_c": 36.4}],
                     "decision": "turned_back", "note": "optional free text"}
                    """.formatted(eventId, checkpointId));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Case> corpus(String knownCheckpoint) {
        List<Case> cases = new ArrayList<>();
        int[] n = {0};
        class Builder {
            void add(String description, String path, Consumer<ObjectNode> mutation) {
                ObjectNode o = valid("bad-" + (n[0]++), knownCheckpoint);
                mutation.accept(o);
                cases.add(new Case(description, o.toString(), path));
            }
        }
        Builder b = new Builder();
        for (String field : List.of("event_id", "checkpoint_id", "occurred_at", "direction", "persons", "decision")) {
            b.add("missing " + field, "/" + field, o -> o.remove(field));
            b.add("null " + field, "/" + field, o -> o.putNull(field));
        }
        for (Object v : new Object[] {"", "x".repeat(65), "a b", "ä-1", "semi;colon", "slash/1", 123, true}) {
            b.add("event_id " + v, "/event_id", o -> put(o, "event_id", v));
        }
        for (Object v : new Object[] {"NOPE-01", "hz-zd-01", 42, "", "x".repeat(65)}) {
            b.add("checkpoint_id " + v, "/checkpoint_id", o -> put(o, "checkpoint_id", v));
        }
        String future = EventTimes.format(Instant.now().plusSeconds(600), ZoneOffset.ofHours(8));
        for (Object v : new Object[] {
            "2020-02-15T08:15:30",
            "2020-02-15",
            "yesterday",
            1581725730,
            "2020-02-30T08:00:00+08:00",
            "2020-13-01T08:00:00+08:00",
            "2020-02-15T25:00:00+08:00",
            "2020-02-15T08:15:30+0800",
            "15/02/2020 08:15",
            future,
            "2020-02-15T08:61:00Z",
            "1970-01-01T00:00:00+08:00"
        }) {
            b.add("occurred_at " + v, "/occurred_at", o -> put(o, "occurred_at", v));
        }
        for (Object v : new Object[] {"inbound", "", "IN", 1, "both"}) {
            b.add("direction " + v, "/direction", o -> put(o, "direction", v));
        }
        for (Object v : new Object[] {"allowed", "", "TURNED_BACK", 5, "quarantine"}) {
            b.add("decision " + v, "/decision", o -> put(o, "decision", v));
        }
        b.add("vehicle as a string", "/vehicle", o -> o.put("vehicle", "car"));
        b.add("vehicle as a number", "/vehicle", o -> o.put("vehicle", 5));
        b.add("vehicle as an array", "/vehicle", o -> o.set("vehicle", F.arrayNode()));
        for (Object v : new Object[] {"bike", "CAR", "", 1, "tractor"}) {
            b.add("vehicle.kind " + v, "/vehicle/kind", o -> put((ObjectNode) o.get("vehicle"), "kind", v));
        }
        b.add("vehicle.plate a number", "/vehicle/plate", o -> ((ObjectNode) o.get("vehicle")).put("plate", 12345));
        b.add(
                "vehicle.plate too long",
                "/vehicle/plate",
                o -> ((ObjectNode) o.get("vehicle")).put("plate", "云D".repeat(9)));
        b.add("persons a string", "/persons", o -> o.put("persons", "3"));
        b.add("persons an object", "/persons", o -> o.set("persons", F.objectNode()));
        b.add("persons a number", "/persons", o -> o.put("persons", 3));
        b.add("61 persons", "/persons", o -> {
            ArrayNode a = F.arrayNode();
            for (int i = 0; i < 61; i++) {
                a.add(F.objectNode().put("temperature_c", 36.5));
            }
            o.set("persons", a);
        });
        for (int i = 0; i < 3; i++) {
            int idx = i;
            String p = "/persons/" + i;
            b.add("person " + i + " a string", p, o -> ((ArrayNode) o.get("persons")).set(idx, F.textNode("x")));
            b.add("person " + i + " a number", p, o -> ((ArrayNode) o.get("persons")).set(idx, F.numberNode(1)));
            for (Object v : new Object[] {29.9, 45.1, -1, 100, "36.6", true, 0}) {
                b.add(
                        "person " + i + " temperature " + v,
                        p + "/temperature_c",
                        o -> put((ObjectNode) o.get("persons").get(idx), "temperature_c", v));
            }
            b.add(
                    "person " + i + " origin_province a number",
                    p + "/origin_province",
                    o -> ((ObjectNode) o.get("persons").get(idx)).put("origin_province", 5));
            for (Object v : new Object[] {"abc-123", "x".repeat(33), "身份证号码", "5303 2619", 530326}) {
                b.add(
                        "person " + i + " id_number " + v,
                        p + "/id_number",
                        o -> put((ObjectNode) o.get("persons").get(idx), "id_number", v));
            }
        }
        b.add("note a number", "/note", o -> o.put("note", 5));
        b.add("note too long", "/note", o -> o.put("note", "x".repeat(1001)));
        b.add("note an object", "/note", o -> o.set("note", F.objectNode()));
        cases.add(new Case("item a string", "\"just text\"", ""));
        cases.add(new Case("item a number", "42", ""));
        cases.add(new Case("item null", "null", ""));
        cases.add(new Case("item true", "true", ""));
        return cases;
    }

    private static void put(ObjectNode o, String field, Object v) {
        JsonNode node = Json.MAPPER.valueToTree(v);
        o.set(field, node);
    }

    private MalformedArrivals() {}
}
