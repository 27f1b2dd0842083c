package io.cordon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The schema check reads the item's tree as ingest parsed it (json-schema-validator 2 reads Jackson 2 trees):
 * it must find exactly the errors the library finds in the item's text, for valid items and for items with every
 * kind of wrong value at every field.
 */
class SchemaValidatorTest {

    private static final String ARRIVAL =
            "{\"event_id\":\"a-1\",\"checkpoint_id\":\"CK-1\",\"occurred_at\":\"2020-02-15T08:15:30+08:00\","
                    + "\"direction\":\"in\",\"vehicle\":{\"plate\":\"沪A12345\",\"kind\":\"car\"},\"persons\":[{\"temperature_c\":36.5,"
                    + "\"origin_province\":\"江苏\",\"id_number\":\"310101199001011234\"},{\"temperature_c\":38.2,\"origin_province\":\"上海\"}],"
                    + "\"decision\":\"admitted\"}";
    private static final String VISIT =
            "{\"event_id\":\"v-1\",\"household_id\":\"H-1\",\"round\":1,\"visited_at\":\"2020-02-01T19:40:00+08:00\","
                    + "\"outcome\":\"reached\"}";

    /** Values of every JSON type and the edges of the numbers a parser reads differently. */
    private static final List<String> ODD = List.of(
            "null",
            "true",
            "false",
            "0",
            "-0",
            "1",
            "-1",
            "36.5",
            "1.0",
            "1e2",
            "1E-7",
            "2147483648",
            "9223372036854775807",
            "123456789012345678901234567890",
            "0.1000000000000000055511151231257827",
            "\"\"",
            "\"x\"",
            "\"2020-02-15T08:15:30Z\"",
            "\"沪A12345\"",
            "[]",
            "[1,\"a\",null]",
            "{}",
            "{\"a\":{\"b\":[1]}}",
            // the edges of the feed schemas: bounds, lengths, line ends before '$', enums, integers written as decimals
            "30",
            "30.0",
            "29.999999",
            "45",
            "45.0",
            "45.000000000000001",
            "45.00001",
            "2",
            "2.0",
            "\"in\"",
            "\"out\"",
            "\"car\"",
            "\"admitted\"",
            "\"reached\"",
            "\"a-1\\n\"",
            "\"2020-02-15T08:15:30+08:00\\n\"",
            "\"" + "x".repeat(64) + "\"",
            "\"" + "x".repeat(65) + "\"",
            "\"" + "𝒳".repeat(16) + "\"",
            "\"" + "𝒳".repeat(17) + "\"",
            "\"" + "沪".repeat(33) + "\"",
            "\"A1\u2028\"",
            "\"ab\"");

    private final SchemaValidator arrivals = SchemaValidator.forResource("schemas/checkpoint-arrival.schema.json");
    private final SchemaValidator visits = SchemaValidator.forResource("schemas/household-visit.schema.json");

    @Test
    void validItemsConformThroughTheTree() throws Exception {
        assertThat(arrivals.validate(node(ARRIVAL))).isEmpty();
        assertThat(visits.validate(node(VISIT))).isEmpty();
    }

    @Test
    void theQuickCheckPassesValidItemsAndLeavesTheRestToTheLibrary() throws Exception {
        assertThat(arrivals.quick())
                .as("the arrival schema is within the quick check")
                .isTrue();
        assertThat(visits.quick())
                .as("the visit schema is within the quick check")
                .isTrue();
        QuickSchemaCheck quick;
        try (var in = getClass().getClassLoader().getResourceAsStream("schemas/checkpoint-arrival.schema.json")) {
            quick = QuickSchemaCheck.of(node(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        assertThat(quick.surelyValid(node(ARRIVAL))).isTrue();
        assertThat(quick.surelyValid(node(ARRIVAL.replace("36.5", "45.5")))).isFalse();
        assertThat(quick.surelyValid(node(ARRIVAL.replace("\"in\"", "\"sideways\""))))
                .isFalse();
        assertThat(quick.surelyValid(node(
                        ARRIVAL.replace("\"decision\":\"admitted\",", "").replace(",\"decision\":\"admitted\"", ""))))
                .isFalse();
        // a schema keyword it does not know: no quick check, the library decides everything
        assertThat(QuickSchemaCheck.of(node("{\"type\":\"object\",\"additionalProperties\":false}")))
                .isNull();
    }

    @Test
    void everyWrongValueAtEveryFieldGivesTheErrorsOfTheText() throws Exception {
        int compared = 0;
        for (String[] feed : new String[][] {{ARRIVAL, "a"}, {VISIT, "v"}}) {
            SchemaValidator validator = feed[1].equals("a") ? arrivals : visits;
            JsonNode valid = node(feed[0]);
            for (String field : fieldsOf(valid)) {
                for (String odd : ODD) {
                    ObjectNode item = valid.deepCopy();
                    set(item, field, node(odd));
                    compared += same(validator, item);
                }
                ObjectNode without = valid.deepCopy();
                remove(without, field);
                compared += same(validator, without);
            }
        }
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) { // unknown fields and several wrong values at once
            ObjectNode item = node(ARRIVAL).deepCopy();
            List<String> fields = fieldsOf(item);
            for (int k = 0; k < 1 + random.nextInt(3); k++) {
                set(item, fields.get(random.nextInt(fields.size())), node(ODD.get(random.nextInt(ODD.size()))));
            }
            item.set("extra_" + i, node(ODD.get(random.nextInt(ODD.size()))));
            compared += same(arrivals, item);
        }
        assertThat(compared).isGreaterThan(500);
    }

    private static int same(SchemaValidator validator, JsonNode item) {
        List<FieldError> fromTree = validator.validate(item);
        List<FieldError> fromText = new ArrayList<>();
        SchemaValidator.outOfRange(item, "", fromText); // as validate(item) does first
        if (fromText.isEmpty()) {
            fromText = validator.validate(item.toString());
        }
        assertThat(fromTree).as(item.toString()).isEqualTo(fromText);
        return 1;
    }

    private static JsonNode node(String json) throws Exception {
        return FeedBody.BOUNDED.readTree(json);
    }

    /** Paths to every value: "persons.0.temperature_c", "vehicle", ... */
    private static List<String> fieldsOf(JsonNode root) {
        List<String> out = new ArrayList<>();
        walk(root, "", out);
        return out;
    }

    private static void walk(JsonNode node, String path, List<String> out) {
        if (!path.isEmpty()) {
            out.add(path);
        }
        String prefix = path.isEmpty() ? "" : path + ".";
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> walk(node.get(name), prefix + name, out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), prefix + i, out);
            }
        }
    }

    private static JsonNode parentOf(JsonNode root, String path) {
        String[] parts = path.split("\\.");
        JsonNode at = root;
        for (int i = 0; i < parts.length - 1 && at != null; i++) { // an earlier change may have replaced a container
            at = at.isArray()
                    ? (parts[i].matches("\\d+") ? at.get(Integer.parseInt(parts[i])) : null)
                    : at.get(parts[i]);
        }
        return at;
    }

    private static void set(JsonNode root, String path, JsonNode value) {
        JsonNode parent = parentOf(root, path);
        String last = path.substring(path.lastIndexOf('.') + 1);
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a && last.matches("\\d+") && Integer.parseInt(last) < a.size()) {
            a.set(Integer.parseInt(last), value);
        }
    }

    private static void remove(JsonNode root, String path) {
        JsonNode parent = parentOf(root, path);
        String last = path.substring(path.lastIndexOf('.') + 1);
        if (parent instanceof ObjectNode o) {
            o.remove(last);
        } else if (parent instanceof ArrayNode a) {
            a.remove(Integer.parseInt(last));
        }
    }

    /** A field whose pattern an item breaks is explained in words, in every feed: never the pattern itself. */
    @Test
    void everyPatternOfTheFeedsIsExplainedInWords() throws Exception {
        var mapper = new ObjectMapper();
        List<String> patterned = new ArrayList<>();
        for (String schema : List.of("checkpoint-arrival", "household-visit", "follow-up")) {
            try (var in = SchemaValidator.class.getResourceAsStream("/schemas/" + schema + ".schema.json")) {
                collectPatterned(mapper.readTree(in), patterned);
            }
        }
        assertThat(patterned).contains("followed_at", "person_id", "occurred_at", "visited_at", "event_id");
        assertThat(SchemaValidator.PATTERN_MESSAGES.keySet()).containsAll(patterned);

        SchemaValidator followUps = SchemaValidator.forResource("schemas/follow-up.schema.json");
        String bad = "{\"event_id\":\"f-1\",\"person_id\":\"P 1\",\"followed_at\":\"yesterday\",\"method\":\"phone\","
                + "\"reached\":true}";
        String errors = followUps.validate(mapper.readTree(bad)).toString();
        assertThat(errors).contains("RFC 3339").contains("as registered").doesNotContain("regex");
    }

    /** The names of the properties, at any depth, whose schema has a pattern. */
    private static void collectPatterned(JsonNode node, List<String> names) {
        JsonNode properties = node.get("properties");
        if (properties != null) {
            properties.fields().forEachRemaining(e -> {
                if (e.getValue().has("pattern")) {
                    names.add(e.getKey());
                }
            });
        }
        node.forEach(child -> collectPatterned(child, names));
    }
}
