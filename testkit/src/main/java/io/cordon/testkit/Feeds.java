package io.cordon.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cordon.schemas.EventTimes;
import io.cordon.schemas.Json;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The feed items of every test, written once: a checkpoint arrival and a household visit as the devices post them, with
 * defaults that pass the schemas (a person at 36.6 °C admitted; a household reached in round 1), each field settable.
 * Times are written with their seconds and the Shanghai offset, as the schemas require.
 *
 * <pre>{@code
 * Feeds.arrival("a-1").checkpoint("PD-1").person(38.2, "湖北").decision("turned_back").json()
 * Feeds.visit("v-1").household("H-1").round(2).outcome("not_home").json()
 * }</pre>
 */
public final class Feeds {

    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Feeds() {}

    /** An event time as the feeds write it: seconds and the Shanghai offset. */
    public static String at(Instant instant) {
        return EventTimes.format(instant, SHANGHAI);
    }

    /** An arrival at checkpoint {@code CK-1} a minute ago, one person at 36.6 °C, no vehicle, admitted. */
    public static Arrival arrival(String eventId) {
        return new Arrival(eventId);
    }

    /** A visit to household {@code H-1} in round 1 a minute ago, reached. */
    public static Visit visit(String eventId) {
        return new Visit(eventId);
    }

    /** What the two builders share: the item, its extra fields, its text. */
    private abstract static class Item<T extends Item<T>> {
        final ObjectNode item = F.objectNode();

        abstract T self();

        /** Any field, as given (for the odd and the hostile: a wrong type, an unknown field, a value out of range). */
        public T field(String name, Object value) {
            item.set(name, value == null ? F.nullNode() : Json.MAPPER.valueToTree(value));
            return self();
        }

        public ObjectNode node() {
            return item.deepCopy();
        }

        public String json() {
            return item.toString();
        }

        @Override
        public String toString() {
            return json();
        }
    }

    public static final class Arrival extends Item<Arrival> {
        private final ArrayNode persons = F.arrayNode();

        private Arrival(String eventId) {
            item.put("event_id", eventId)
                    .put("checkpoint_id", "CK-1")
                    .put("occurred_at", Feeds.at(Instant.now().minusSeconds(60)))
                    .put("direction", "in");
            item.set("persons", persons);
            item.put("decision", "admitted");
        }

        @Override
        Arrival self() {
            return this;
        }

        public Arrival checkpoint(String checkpointId) {
            return field("checkpoint_id", checkpointId);
        }

        public Arrival at(String occurredAt) {
            return field("occurred_at", occurredAt);
        }

        public Arrival at(Instant occurredAt) {
            return at(Feeds.at(occurredAt));
        }

        public Arrival direction(String direction) {
            return field("direction", direction);
        }

        /** A vehicle; a null plate leaves the plate out. */
        public Arrival vehicle(String plate, String kind) {
            ObjectNode v = F.objectNode();
            if (plate != null) {
                v.put("plate", plate);
            }
            item.set("vehicle", v.put("kind", kind));
            return this;
        }

        public Arrival person(double temperature) {
            persons.addObject().put("temperature_c", temperature);
            return this;
        }

        public Arrival person(double temperature, String originProvince) {
            persons.addObject().put("temperature_c", temperature).put("origin_province", originProvince);
            return this;
        }

        public Arrival person(double temperature, String originProvince, String idNumber) {
            ObjectNode p = persons.addObject().put("temperature_c", temperature);
            if (originProvince != null) {
                p.put("origin_province", originProvince);
            }
            p.put("id_number", idNumber);
            return this;
        }

        public Arrival decision(String decision) {
            return field("decision", decision);
        }

        public Arrival note(String note) {
            return field("note", note);
        }

        @Override
        public String json() {
            if (persons.isEmpty()) {
                ObjectNode copy = item.deepCopy();
                ((ArrayNode) copy.get("persons")).addObject().put("temperature_c", 36.6);
                return copy.toString();
            }
            return super.json();
        }
    }

    public static final class Visit extends Item<Visit> {
        private Visit(String eventId) {
            item.put("event_id", eventId)
                    .put("household_id", "H-1")
                    .put("round", 1)
                    .put("visited_at", Feeds.at(Instant.now().minusSeconds(60)))
                    .put("outcome", "reached");
        }

        @Override
        Visit self() {
            return this;
        }

        public Visit household(String householdId) {
            return field("household_id", householdId);
        }

        public Visit round(int round) {
            return field("round", round);
        }

        public Visit at(String visitedAt) {
            return field("visited_at", visitedAt);
        }

        public Visit at(Instant visitedAt) {
            return at(Feeds.at(visitedAt));
        }

        public Visit outcome(String outcome) {
            return field("outcome", outcome);
        }

        public Visit team(String teamId) {
            return field("team_id", teamId);
        }

        /** A key person of the household: a category and the measure taken. */
        public Visit keyPerson(String category, String measure) {
            ArrayNode list =
                    item.has("key_persons") ? (ArrayNode) item.get("key_persons") : item.putArray("key_persons");
            list.addObject().put("category", category).put("measure", measure);
            return this;
        }

        /** The household's key persons, an empty list when none (as a visit that found none reports it). */
        public Visit noKeyPersons() {
            item.putArray("key_persons");
            return this;
        }
    }
}
