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

/** A corpus of malformed household visits, each with the field path its error must name. */
final class MalformedVisits {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    static ObjectNode valid(String eventId, String householdId) {
        try {
            return (ObjectNode) Json.MAPPER.readTree("""
                    {"event_id": "%s", "household_id": "%s", "round": 1, "visited_at": "2020-02-01T19:40:00+08:00",
                     "team_id": "zc-team-3", "outcome": "reached", "residents": 3,
                     "key_persons": [{"category": "returned_from_hubei", "measure": "home_quarantine"},
                                     {"category": "close_contact", "measure": "central_quarantine"},
                                     {"category": "fever", "measure": "health_monitoring"}],
                     "note": "optional"}
                    """.formatted(eventId, householdId));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<MalformedArrivals.Case> corpus(String knownHousehold) {
        List<MalformedArrivals.Case> cases = new ArrayList<>();
        int[] n = {0};
        class Builder {
            void add(String description, String path, Consumer<ObjectNode> mutation) {
                ObjectNode o = valid("badv-" + (n[0]++), knownHousehold);
                mutation.accept(o);
                cases.add(new MalformedArrivals.Case(description, o.toString(), path));
            }
        }
        Builder b = new Builder();
        for (String field : List.of("event_id", "household_id", "round", "visited_at", "outcome")) {
            b.add("missing " + field, "/" + field, o -> o.remove(field));
            b.add("null " + field, "/" + field, o -> o.putNull(field));
        }
        for (Object v : new Object[] {"", "x".repeat(65), "a b", "ä", "semi;colon", 7, false, "a/b", "x y z"}) {
            b.add("event_id " + v, "/event_id", o -> put(o, "event_id", v));
        }
        for (Object v : new Object[] {"NO-SUCH-HOUSE", "", 12, "x".repeat(129), "h1", "H1 "}) {
            b.add("household_id " + v, "/household_id", o -> put(o, "household_id", v));
        }
        for (Object v : new Object[] {0, 100, -1, 1.5, "1", true, 1000}) {
            b.add("round " + v, "/round", o -> put(o, "round", v));
        }
        String future = EventTimes.format(Instant.now().plusSeconds(600), ZoneOffset.ofHours(8));
        for (Object v : new Object[] {
            "2020-02-01T19:40:00",
            "2020-02-01",
            "tonight",
            1580557200,
            "2020-02-30T19:40:00+08:00",
            "2020-02-01T19:40+08:00",
            "2020-02-01T24:40:00+08:00",
            future,
            "01/02/2020 19:40",
            "2020-02-01T19:40:00+08",
            "",
            "2020-02-01T19:40:00 +08:00",
            "1970-01-01T07:59:59+08:00"
        }) {
            b.add("visited_at " + v, "/visited_at", o -> put(o, "visited_at", v));
        }
        for (Object v : new Object[] {"home", "", "REACHED", 1, "not_home", "unreachable", "phone", "reached "}) {
            b.add("outcome " + v, "/outcome", o -> put(o, "outcome", v));
        }
        for (Object v : new Object[] {-1, 51, 2.5, "3", true}) {
            b.add("residents " + v, "/residents", o -> put(o, "residents", v));
        }
        b.add("team_id a number", "/team_id", o -> o.put("team_id", 3));
        b.add("team_id too long", "/team_id", o -> o.put("team_id", "t".repeat(65)));
        b.add(
                "team_id an array",
                "/team_id",
                o -> o.set("team_id", F.arrayNode().add("t")));
        b.add("team_id an object", "/team_id", o -> o.set("team_id", F.objectNode()));
        b.add("note an object", "/note", o -> o.set("note", F.objectNode()));
        b.add("key_persons a string", "/key_persons", o -> o.put("key_persons", "two"));
        b.add("key_persons an object", "/key_persons", o -> o.set("key_persons", F.objectNode()));
        b.add("51 key persons", "/key_persons", o -> {
            ArrayNode a = F.arrayNode();
            for (int i = 0; i < 51; i++) {
                a.add(F.objectNode().put("category", "other").put("measure", "none"));
            }
            o.set("key_persons", a);
        });
        for (int i = 0; i < 3; i++) {
            int idx = i;
            String p = "/key_persons/" + i;
            b.add(
                    "key person " + i + " a string",
                    p,
                    o -> ((ArrayNode) o.get("key_persons")).set(idx, F.textNode("x")));
            b.add(
                    "key person " + i + " without category",
                    p + "/category",
                    o -> ((ObjectNode) o.get("key_persons").get(idx)).remove("category"));
            b.add(
                    "key person " + i + " without measure",
                    p + "/measure",
                    o -> ((ObjectNode) o.get("key_persons").get(idx)).remove("measure"));
            for (Object v : new Object[] {"from_wuhan", "", 5, "FEVER"}) {
                b.add(
                        "key person " + i + " category " + v,
                        p + "/category",
                        o -> put((ObjectNode) o.get("key_persons").get(idx), "category", v));
            }
            for (Object v : new Object[] {"quarantine", "", 0, "HOME_QUARANTINE", "hospital"}) {
                b.add(
                        "key person " + i + " measure " + v,
                        p + "/measure",
                        o -> put((ObjectNode) o.get("key_persons").get(idx), "measure", v));
            }
        }
        b.add("note a number", "/note", o -> o.put("note", 5));
        b.add("note too long", "/note", o -> o.put("note", "x".repeat(1001)));
        cases.add(new MalformedArrivals.Case("item a string", "\"visit\"", ""));
        cases.add(new MalformedArrivals.Case("item a number", "7", ""));
        cases.add(new MalformedArrivals.Case("item null", "null", ""));
        return cases;
    }

    private static void put(ObjectNode o, String field, Object v) {
        JsonNode node = Json.MAPPER.valueToTree(v);
        o.set(field, node);
    }

    private MalformedVisits() {}
}
