package io.cordon.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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

    private RegistryRows() {}

    /** Receives each row of a body in turn, numbered from 1. */
    public interface RowConsumer {
        void accept(Map<String, String> row, int rowNumber);
    }

    /**
     * Hands each row of a body (CSV or a JSON array) to {@code rows} as it is read, without holding the others: a
     * registry upload of a million rows is read twice (checked, then stored in chunks) in the memory of a few rows.
     * Answers the number of rows.
     */
    public static int forEach(byte[] body, boolean csv, List<String> fields, List<String> required, RowConsumer rows)
            throws UnreadableBody {
        return csv ? csv(body, fields, required, rows) : json(body, fields, rows);
    }

    /**
     * Reads CSV rows. The header must name the required columns; the others may be left out (empty), and columns the
     * registry does not know (a spreadsheet's own notes) are ignored.
     */
    private static int csv(byte[] body, List<String> fields, List<String> required, RowConsumer rows)
            throws UnreadableBody {
        int offset =
                body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB && (body[2] & 0xff) == 0xBF
                        ? 3
                        : 0;
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
        try (CSVParser parser = CSVParser.parse(
                new InputStreamReader(
                        new ByteArrayInputStream(body, offset, body.length - offset), StandardCharsets.UTF_8),
                format)) {
            List<String> header = parser.getHeaderNames();
            List<String> missing =
                    required.stream().filter(f -> !header.contains(f)).toList();
            if (!missing.isEmpty()) {
                throw new UnreadableBody("CSV header lacks the column(s) " + String.join(", ", missing) + "; expected "
                        + String.join(",", fields));
            }
            int n = 0;
            for (CSVRecord record : parser) {
                Map<String, String> row = new LinkedHashMap<>();
                for (String f : fields) {
                    row.put(f, record.isMapped(f) && record.isSet(f) ? record.get(f) : "");
                }
                rows.accept(row, ++n);
            }
            return n;
        } catch (IOException | IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            throw new UnreadableBody("CSV cannot be read: " + e.getMessage());
        }
    }

    /** Reads a JSON array of objects, one at a time; fields the registry does not know are ignored. */
    private static int json(byte[] body, List<String> fields, RowConsumer rows) throws UnreadableBody {
        try (JsonParser parser = FeedBody.BOUNDED.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new UnreadableBody("a JSON registry body must be an array of objects");
            }
            int n = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                JsonNode item = FeedBody.BOUNDED.readTree(parser);
                n++;
                if (item == null || !item.isObject()) {
                    throw new UnreadableBody("row " + n + " is not a JSON object");
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (String f : fields) {
                    JsonNode v = item.get(f);
                    row.put(
                            f,
                            v == null || v.isNull()
                                    ? ""
                                    : v.isValueNode() ? v.asText().strip() : v.toString());
                }
                rows.accept(row, n);
            }
            if (parser.nextToken() != null) {
                throw new UnreadableBody("body is not valid JSON: more after the array");
            }
            return n;
        } catch (IOException e) {
            throw new UnreadableBody("body is not valid JSON: " + e.getMessage());
        }
    }

    /** Checks that a field is present and not longer than a limit. */
    public static String required(
            Map<String, String> row, String field, int maxLength, int rowNumber, List<RowError> errors) {
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

    /**
     * Checks the name of an area (district, street, community, responsible unit): it holds no {@code /}, {@code ,} or
     * {@code @}, which separate the parts of an area's scope ({@code street:DISTRICT/STREET}) and of a token entry;
     * answers the name.
     */
    public static String areaName(String value, String field, int rowNumber, List<RowError> errors) {
        if (value != null && (value.indexOf('/') >= 0 || value.indexOf(',') >= 0 || value.indexOf('@') >= 0)) {
            errors.add(new RowError(
                    rowNumber, field, "must not hold '/', ',' or '@' (they separate the parts of an area's scope)"));
        }
        return value;
    }

    public static String optional(
            Map<String, String> row, String field, int maxLength, int rowNumber, List<RowError> errors) {
        String v = row.getOrDefault(field, "");
        if (v.length() > maxLength) {
            errors.add(new RowError(rowNumber, field, "is longer than " + maxLength + " characters"));
        }
        return v;
    }

    /**
     * The optional {@code active_from} / {@code active_until} of a row (API.md, "Registry lifecycle"): local dates
     * {@code YYYY-MM-DD} or empty, the first before the second; "" for an empty one.
     */
    public static String[] lifetime(Map<String, String> row, int rowNumber, List<RowError> errors) {
        String[] out = new String[2];
        String[] fields = {"active_from", "active_until"};
        for (int i = 0; i < 2; i++) {
            String v = row.getOrDefault(fields[i], "").strip();
            out[i] = v;
            if (!v.isEmpty()) {
                try {
                    LocalDate d = LocalDate.parse(v);
                    if (d.getYear() < 2000 || d.getYear() > 2099) {
                        errors.add(new RowError(
                                rowNumber, fields[i], "must be a date between 2000 and 2099, got '" + v + "'"));
                    }
                } catch (DateTimeParseException e) {
                    errors.add(new RowError(
                            rowNumber, fields[i], "must be a local date YYYY-MM-DD or empty, got '" + v + "'"));
                    out[i] = "";
                }
            }
        }
        if (!out[0].isEmpty() && !out[1].isEmpty() && out[0].compareTo(out[1]) >= 0) {
            errors.add(new RowError(
                    rowNumber, "active_until", "must be after active_from (" + out[0] + "), got '" + out[1] + "'"));
        }
        return out;
    }
}
