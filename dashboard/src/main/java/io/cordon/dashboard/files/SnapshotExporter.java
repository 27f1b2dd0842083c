package io.cordon.dashboard.files;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Turns a snapshot into the files leaders keep: CSV (UTF-8 with BOM so that Excel shows Chinese names), XLSX (one
 * sheet per table) and a printable PDF. All three carry the same numbers as the JSON, which is their only input.
 * Runs on a worker thread: files are built in memory, which is fine up to tens of thousands of rows.
 */
public final class SnapshotExporter {

    private SnapshotExporter() {}

    public static String contentType(String format) {
        return switch (format) {
            case "csv" -> "text/csv; charset=utf-8";
            case "xlsx" -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            case "pdf" -> "application/pdf";
            default -> "application/json";
        };
    }

    public static byte[] export(JsonObject snapshot, String format) {
        return export(snapshot, format, false);
    }

    /**
     * The snapshot in a format, its title and headings in Chinese (the default, with the column names below them) or
     * in English ({@code ?lang=en}, the wall's language switch); frozen reports are stored in the default.
     */
    public static byte[] export(JsonObject snapshot, String format, boolean english) {
        try {
            return switch (format) {
                case "csv" -> csv(snapshot);
                case "xlsx" -> XlsxFile.xlsx(snapshot, english);
                case "pdf" -> PdfFile.pdf(snapshot, english);
                default -> snapshot.encodePrettily().getBytes(StandardCharsets.UTF_8);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compound table of {@code GET /api/v1/compounds?format=csv}: UTF-8 with BOM, a header row. */
    public static byte[] compoundsCsv(JsonArray compounds) {
        return rowsCsv(SnapshotTables.compoundTable(new JsonObject().put("compounds", compounds)));
    }

    /** A table as CSV: UTF-8 with BOM (a spreadsheet reads the Chinese names), each text cell safe to open. */
    public static byte[] rowsCsv(List<List<Object>> rows) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            try (CSVPrinter printer =
                    new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.DEFAULT)) {
                for (List<Object> row : rows) {
                    printer.printRecord(safeRow(row));
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A row as a spreadsheet may safely open it: a text cell that starts with {@code = + - @}, a tab or a carriage
     * return would be read as a formula (CSV injection), so it gets a leading apostrophe; numbers stay numbers.
     */
    static List<Object> safeRow(List<Object> row) {
        List<Object> safe = new ArrayList<>(row.size());
        for (Object cell : row) {
            safe.add(
                    cell instanceof String text && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0
                            ? "'" + text
                            : cell);
        }
        return safe;
    }

    /** The snapshot's tables one below the other, an empty line between; column names only, whatever the language. */
    private static byte[] csv(JsonObject snapshot) {
        List<List<Object>> rows = new ArrayList<>(SnapshotTables.checkpointTable(snapshot));
        if (!snapshot.getJsonArray("compounds", new JsonArray()).isEmpty()) {
            rows.add(List.of());
            rows.addAll(SnapshotTables.compoundTable(snapshot));
        }
        List<List<Object>> persons = SnapshotTables.keyPersonTable(snapshot);
        if (!persons.isEmpty()) {
            rows.add(List.of());
            rows.addAll(persons);
        }
        return rowsCsv(rows);
    }
}
