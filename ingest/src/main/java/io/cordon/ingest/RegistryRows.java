package io.cordon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.Json;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Registry bodies as rows of named fields: CSV with a header row, or a JSON array of objects.
 * Rows are numbered from 1 (the first data row), whatever the format.
 */
public final class RegistryRows {

    /** What is wrong with one field of one row. */
    public record RowError(int row, String field, String message) {
        public String describe() {
            return "row " + row + ", field " + field + ": " + message;
        }
    }

    /** A body whose rows cannot be read at all. */
    public static final class UnreadableBody extends Exception {
        public UnreadableBody(String message) {
            super(message);
        }
    }

    private RegistryRows() {
    }

    /**
     * Reads CSV rows. The header must name the required columns; the others may be left out (empty), and columns the
     * registry does not know (a spreadsheet's own notes) are ignored.
     */
    public static List<Map<String, String>> csv(byte[] body, List<String> fields, List<String> required) throws UnreadableBody {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> header = parser.getHeaderNames();
            List<String> missing = required.stream().filter(f -> !header.contains(f)).toList();
            if (!missing.isEmpty()) {
                throw new UnreadableBody("CSV header lacks the column(s) " + String.join(", ", missing)
                        + "; expected " + String.join(",", fields));
            }
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                Map<String, String> row = new LinkedHashMap<>();
                for (String f : fields) {
                    row.put(f, record.isMapped(f) && record.isSet(f) ? record.get(f) : "");
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            throw new UnreadableBody("CSV cannot be read: " + e.getMessage());
        }
    }

    /** Reads a JSON array of objects; fields the registry does not know are ignored. */
    public static List<Map<String, String>> json(byte[] body, List<String> fields) throws UnreadableBody {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UnreadableBody("body is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isArray()) {
            throw new UnreadableBody("a JSON registry body must be an array of objects");
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            if (!item.isObject()) {
                throw new UnreadableBody("row " + (i + 1) + " is not a JSON object");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (String f : fields) {
                JsonNode v = item.get(f);
                row.put(f, v == null || v.isNull() ? "" : v.isValueNode() ? v.asText().strip() : v.toString());
            }
            rows.add(row);
        }
        return rows;
    }

    /** Checks that a field is present and not longer than a limit. */
    public static String required(Map<String, String> row, String field, int maxLength, int rowNumber, List<RowError> errors) {
        String v = row.get(field);
        if (v == null || v.isEmpty()) {
            errors.add(new RowError(rowNumber, field, "is required"));
            return null;
        }
        if (v.length() > maxLength) {
            errors.add(new RowError(rowNumber, field, "is longer than " + maxLength + " characters"));
        }
        return v;
    }

    public static String optional(Map<String, String> row, String field, int maxLength, int rowNumber, List<RowError> errors) {
        String v = row.getOrDefault(field, "");
        if (v.length() > maxLength) {
            errors.add(new RowError(rowNumber, field, "is longer than " + maxLength + " characters"));
        }
        return v;
    }
}
