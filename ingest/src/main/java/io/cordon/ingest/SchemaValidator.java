package io.cordon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.cordon.schemas.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Validates one feed item against its JSON Schema from {@code schemas/}; errors carry JSON pointers. */
public final class SchemaValidator {

    /**
     * What a field's pattern means, in words a field officer can act on (every field of the feed schemas with a pattern
     * has one: {@code SchemaValidatorTest}).
     */
    static final Map<String, String> PATTERN_MESSAGES = Map.of(
            "event_id", "must be 1-64 characters of A-Z a-z 0-9 . _ : -",
            "person_id", "must be 1-64 characters of A-Z a-z 0-9 . _ : -, as registered",
            "occurred_at",
                    "must be an RFC 3339 date-time with seconds and an offset, such as 2020-02-15T08:15:30+08:00",
            "visited_at", "must be an RFC 3339 date-time with seconds and an offset, such as 2020-02-01T19:40:00+08:00",
            "followed_at",
                    "must be an RFC 3339 date-time with seconds and an offset, such as 2020-02-03T10:05:00+08:00",
            "id_number", "must be up to 32 letters and digits (a resident ID or a passport number)");

    private final Schema schema;
    /** Passes the items that surely conform without the library's walk; null when the schema is beyond it. */
    private final QuickSchemaCheck quick;

    private SchemaValidator(Schema schema, QuickSchemaCheck quick) {
        this.schema = schema;
        this.quick = quick;
    }

    public static SchemaValidator forResource(String resource) {
        try (InputStream in = SchemaValidator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
            return new SchemaValidator(
                    registry.getSchema(text, InputFormat.JSON), QuickSchemaCheck.of(Json.MAPPER.readTree(text)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the quick check covers this validator's schema (tests). */
    boolean quick() {
        return quick != null;
    }

    /** Numbers no record has: beyond them the schema library fails (rather than reporting), so they are refused first. */
    static final double LARGEST_NUMBER = 1e15;

    /**
     * The item's errors, sorted by path; empty when it conforms. A number out of any record's range is reported at its
     * path without a schema check; a failure of the schema library on odd input is a 400 at the body, never a 500.
     */
    public List<FieldError> validate(JsonNode item) {
        List<FieldError> errors = new ArrayList<>();
        outOfRange(item, "", errors);
        if (!errors.isEmpty()) {
            return errors;
        }
        if (quick != null && quick.surelyValid(item)) {
            return List.of();
        }
        try {
            return describe(schema.validate(item));
        } catch (RuntimeException e) {
            return List.of(new FieldError(
                    "", "cannot be checked against the schema (" + e.getClass().getSimpleName() + ")"));
        }
    }

    static void outOfRange(JsonNode node, String path, List<FieldError> errors) {
        if (node.isNumber()) {
            double v = node.asDouble();
            if (!Double.isFinite(v)
                    || Math.abs(v) > LARGEST_NUMBER
                    || node.isBigInteger() && !node.canConvertToLong()) {
                errors.add(new FieldError(path, "is a number out of range"));
            }
        } else if (node.isContainerNode()) {
            var fields = node.fields();
            int i = 0;
            for (var it = node.elements(); node.isArray() && it.hasNext(); i++) {
                outOfRange(it.next(), path + "/" + i, errors);
            }
            while (node.isObject() && fields.hasNext()) {
                var f = fields.next();
                outOfRange(
                        f.getValue(), path + "/" + f.getKey().replace("~", "~0").replace("/", "~1"), errors);
            }
        }
    }

    /** The item's schema errors, sorted by path; empty when it conforms. */
    public List<FieldError> validate(String itemJson) {
        return describe(schema.validate(itemJson, InputFormat.JSON));
    }

    private static List<FieldError> describe(List<Error> found) {
        List<FieldError> errors = new ArrayList<>();
        for (Error e : found) {
            String path = pointer(e.getInstanceLocation());
            String message = e.getMessage();
            if ("required".equals(e.getKeyword()) && e.getProperty() != null) {
                path = path + "/" + e.getProperty();
                message = "is required";
            } else if ("pattern".equals(e.getKeyword()) && PATTERN_MESSAGES.containsKey(lastName(path))) {
                message = PATTERN_MESSAGES.get(lastName(path));
            } else {
                message = readable(message);
            }
            errors.add(new FieldError(path, message));
        }
        errors.sort(Comparator.comparing(FieldError::path));
        return errors;
    }

    private static String lastName(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1);
    }

    private static String pointer(NodePath location) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object el = location.getElement(i);
            sb.append('/').append(String.valueOf(el).replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    /** networknt prefixes messages with the JSON path ("$.persons[1].x: ..."); the path is given separately. */
    private static String readable(String message) {
        int colon = message.indexOf(": ");
        return message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
    }
}
