package io.cordon.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cordon.schemas.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A feed body split into items: one JSON object, a JSON array of objects, or NDJSON (one object per line).
 * An NDJSON line that is not JSON is an item error, not a body error, so its neighbours still go through.
 */
public final class FeedBody {

    public static final int MAX_ITEMS = 5000;

    /** One item of a body: its node, or why it could not be read. */
    public record Item(int index, JsonNode node, String readError) {}

    /** A body that cannot be taken at all, with the status to answer. */
    public static final class BodyException extends Exception {
        private final int status;

        public BodyException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final List<Item> items;
    private final boolean single;

    private FeedBody(List<Item> items, boolean single) {
        this.items = items;
        this.single = single;
    }

    public List<Item> items() {
        return items;
    }

    /** True when the body was one object rather than a batch. */
    public boolean single() {
        return single;
    }

    public static FeedBody parse(byte[] body, boolean ndjson) throws BodyException {
        return ndjson ? parseNdjson(body) : parseJson(body);
    }

    /**
     * The deepest nesting a body may have. A record nests four levels at most (a batch, an item, persons, a person);
     * anything far deeper is hostile input, refused as such before a schema check recurses into it.
     */
    static final int MAX_DEPTH = 32;

    /** The one JSON mapper, reading with the nesting bound. */
    static final ObjectMapper BOUNDED = bounded();

    private static ObjectMapper bounded() {
        ObjectMapper m = Json.MAPPER.copy();
        m.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .build());
        return m;
    }

    /** A parse error for the client: what is wrong and where, when the parser knows where. */
    static String describe(JsonProcessingException e) {
        String what = e instanceof StreamConstraintsException
                ? "it nests deeper than " + MAX_DEPTH + " levels"
                : e.getOriginalMessage();
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 0
                ? what
                : what + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private static FeedBody parseJson(byte[] body) throws BodyException {
        JsonNode root;
        try {
            root = BOUNDED.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BodyException(400, "body is not valid JSON: " + describe(e));
        } catch (IOException e) {
            throw new BodyException(400, "body cannot be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new BodyException(400, "body is empty: send one JSON object, an array of objects or NDJSON");
        }
        if (root.isObject()) {
            return new FeedBody(List.of(new Item(0, root, null)), true);
        }
        if (!root.isArray()) {
            throw new BodyException(
                    400,
                    "body must be a JSON object or an array of objects, got "
                            + root.getNodeType().name().toLowerCase());
        }
        if (root.size() > MAX_ITEMS) {
            throw new BodyException(413, "a batch holds at most " + MAX_ITEMS + " items, this one has " + root.size());
        }
        if (root.isEmpty()) {
            throw new BodyException(400, "the array is empty: send at least one item");
        }
        List<Item> items = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            items.add(new Item(i, root.get(i), null));
        }
        return new FeedBody(items, false);
    }

    private static FeedBody parseNdjson(byte[] body) throws BodyException {
        String text = new String(body, StandardCharsets.UTF_8);
        String[] lines = text.split("\r?\n", -1);
        List<Item> items = new ArrayList<>();
        int index = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            if (index >= MAX_ITEMS) {
                throw new BodyException(413, "an NDJSON body holds at most " + MAX_ITEMS + " lines");
            }
            try {
                items.add(new Item(index, BOUNDED.readTree(line), null));
            } catch (JsonProcessingException e) {
                items.add(new Item(index, null, "line is not valid JSON: " + describe(e)));
            }
            index++;
        }
        if (items.isEmpty()) {
            throw new BodyException(400, "body is empty: send at least one NDJSON line");
        }
        return new FeedBody(items, false);
    }
}
