package io.cordon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A quick check that a feed item conforms to its JSON Schema, read from the same schema file: it answers {@code true}
 * only when it is sure, and the schema library ({@link SchemaValidator}) decides every other item and words its errors.
 * The schema library walked every valid item through its generic keyword machinery, a quarter of ingest's time under
 * load (docs/BENCHMARKS.md); nearly every item a device sends is valid, and this check passes it at a fraction of that.
 *
 * <p>It knows the keywords the feed schemas use: {@code type}, {@code enum} (of strings), {@code properties},
 * {@code required}, {@code items}, {@code minItems}/{@code maxItems}, {@code minLength}/{@code maxLength},
 * {@code minimum}/{@code maximum} and {@code pattern}, plus annotations. A schema with any other keyword gets no quick
 * check at all. Where a reading could differ from the library's it answers "not sure" rather than "valid": an
 * integer field holding {@code 1.0}, a number that is not a plain int, long or double, a string with control or line
 * separator characters (where regular expression dialects differ on {@code $}). {@code SchemaValidatorTest} checks
 * that every item it passes is valid for the library too.
 */
final class QuickSchemaCheck {

    private static final Set<String> ANNOTATIONS =
            Set.of("$schema", "$id", "title", "description", "$comment", "examples", "default");

    private final Node root;

    private QuickSchemaCheck(Node root) {
        this.root = root;
    }

    /** The quick check of a schema, or null when the schema uses a keyword it does not know. */
    static QuickSchemaCheck of(JsonNode schema) {
        try {
            return new QuickSchemaCheck(compile(schema));
        } catch (Unsupported e) {
            return null;
        }
    }

    /** True only if the item surely conforms; false means "ask the schema library". */
    boolean surelyValid(JsonNode item) {
        return root.accepts(item);
    }

    private static final class Unsupported extends Exception {
        Unsupported(String keyword) {
            super(keyword, null, false, false);
        }
    }

    private static Node compile(JsonNode schema) throws Unsupported {
        if (!schema.isObject()) {
            throw new Unsupported("a schema that is not an object");
        }
        Node n = new Node();
        for (var it = schema.fields(); it.hasNext(); ) {
            var f = it.next();
            String k = f.getKey();
            JsonNode v = f.getValue();
            switch (k) {
                case "type" -> {
                    n.types = new HashSet<>();
                    if (v.isTextual()) {
                        n.types.add(v.textValue());
                    } else if (v.isArray()) {
                        v.forEach(t -> n.types.add(t.asText()));
                    } else {
                        throw new Unsupported(k);
                    }
                }
                case "enum" -> {
                    n.enumValues = new HashSet<>();
                    for (JsonNode e : v) {
                        if (!e.isTextual()) {
                            throw new Unsupported("enum of other than strings");
                        }
                        n.enumValues.add(e.textValue());
                    }
                }
                case "properties" -> {
                    n.properties = new ArrayList<>();
                    for (var p = v.fields(); p.hasNext(); ) {
                        var e = p.next();
                        n.properties.add(new Property(e.getKey(), compile(e.getValue())));
                    }
                }
                case "required" -> {
                    n.required = new ArrayList<>();
                    v.forEach(r -> n.required.add(r.asText()));
                }
                case "items" -> n.items = compile(v);
                case "minItems" -> n.minItems = v.asInt();
                case "maxItems" -> n.maxItems = v.asInt();
                case "minLength" -> n.minLength = v.asInt();
                case "maxLength" -> n.maxLength = v.asInt();
                case "minimum" -> n.minimum = v.doubleValue();
                case "maximum" -> n.maximum = v.doubleValue();
                case "pattern" -> n.pattern = Pattern.compile(v.textValue());
                default -> {
                    if (!ANNOTATIONS.contains(k)) {
                        throw new Unsupported(k);
                    }
                }
            }
        }
        return n;
    }

    private record Property(String name, Node schema) {}

    private static final class Node {
        Set<String> types;
        Set<String> enumValues;
        List<Property> properties;
        List<String> required;
        Node items;
        int minItems = -1;
        int maxItems = -1;
        int minLength = -1;
        int maxLength = -1;
        double minimum = Double.NaN;
        double maximum = Double.NaN;
        Pattern pattern;

        boolean accepts(JsonNode v) {
            if (types != null) {
                String type = typeOf(v);
                if (!types.contains(type) && !(type.equals("integer") && types.contains("number"))) {
                    return false;
                }
            }
            if (enumValues != null && !(v.isTextual() && enumValues.contains(v.textValue()))) {
                return false;
            }
            if (v.isTextual() && !acceptsText(v.textValue())) {
                return false;
            }
            if (v.isNumber() && !acceptsNumber(v)) {
                return false;
            }
            if (v.isArray() && !acceptsArray(v)) {
                return false;
            }
            if (v.isObject()) {
                if (required != null) {
                    for (String r : required) {
                        if (!v.has(r)) {
                            return false;
                        }
                    }
                }
                if (properties != null) {
                    for (Property p : properties) {
                        JsonNode child = v.get(p.name());
                        if (child != null && !p.schema().accepts(child)) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }

        private boolean acceptsText(String s) {
            if (minLength >= 0 || maxLength >= 0) {
                int length = s.codePointCount(0, s.length());
                if (minLength >= 0 && length < minLength || maxLength >= 0 && length > maxLength) {
                    return false;
                }
            }
            if (pattern != null) {
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
                        return false; // line ends and controls: leave the reading of '$' and '.' to the library
                    }
                }
                return pattern.matcher(s).find();
            }
            return true;
        }

        private boolean acceptsNumber(JsonNode v) {
            if (Double.isNaN(minimum) && Double.isNaN(maximum)) {
                return true;
            }
            if (!(v.isInt() || v.isLong() || v.isDouble())) {
                return false; // big or decimal numbers: the library compares them its way
            }
            double d = v.doubleValue();
            return (Double.isNaN(minimum) || d >= minimum) && (Double.isNaN(maximum) || d <= maximum);
        }

        private boolean acceptsArray(JsonNode v) {
            if (minItems >= 0 && v.size() < minItems || maxItems >= 0 && v.size() > maxItems) {
                return false;
            }
            if (items != null) {
                for (JsonNode e : v) {
                    if (!items.accepts(e)) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** The JSON Schema type of a value; "unsure" where the library's reading could differ (1.0 as an integer). */
        private static String typeOf(JsonNode v) {
            return switch (v.getNodeType()) {
                case OBJECT -> "object";
                case ARRAY -> "array";
                case STRING -> "string";
                case BOOLEAN -> "boolean";
                case NULL -> "null";
                case NUMBER ->
                    v.isIntegralNumber()
                            ? "integer"
                            : v.isDouble() || v.isFloat() || v.isBigDecimal() ? "number" : "unsure";
                default -> "unsure";
            };
        }
    }
}
