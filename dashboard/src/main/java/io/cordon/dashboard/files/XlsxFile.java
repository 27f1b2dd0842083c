package io.cordon.dashboard.files;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** A snapshot as a workbook: a sheet per table, a frozen report's the same bytes at every rendering. */
final class XlsxFile {

    private XlsxFile() {}

    static byte[] xlsx(JsonObject snapshot, boolean english) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "Cordon", "1.0");
        sheet(
                wb.newWorksheet("Checkpoints"),
                SnapshotTables.title(snapshot, english),
                SnapshotTables.checkpointTable(snapshot),
                english);
        if (!snapshot.getJsonArray("compounds", new JsonArray()).isEmpty()) {
            sheet(
                    wb.newWorksheet("Compounds"),
                    SnapshotTables.title(snapshot, english),
                    SnapshotTables.compoundTable(snapshot),
                    english);
        }
        for (Map.Entry<String, List<List<Object>>> level :
                SnapshotTables.areaTables(snapshot).entrySet()) {
            sheet(
                    wb.newWorksheet(SnapshotTables.AREA_SHEETS.get(level.getKey())),
                    SnapshotTables.title(snapshot, english),
                    level.getValue(),
                    english);
        }
        List<List<Object>> persons = SnapshotTables.keyPersonTable(snapshot);
        if (!persons.isEmpty()) {
            sheet(wb.newWorksheet("Key persons"), SnapshotTables.title(snapshot, english), persons, english);
        }
        wb.finish();
        return stampCreated(out.toByteArray(), snapshot.getString("frozen_at"));
    }

    private static final Pattern CREATED = Pattern.compile("(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)");

    /**
     * A frozen report's workbook says it was created when it was frozen, not when it was rendered (the library stamps
     * the time of rendering): a slice cut from the report twice is the same bytes. Entries keep the library's zero
     * times; a live snapshot's workbook is left as rendered.
     */
    static byte[] stampCreated(byte[] xlsx, String frozenAt) throws IOException {
        if (frozenAt == null) {
            return xlsx;
        }
        String created = DateTimeFormatter.ISO_INSTANT.format(
                OffsetDateTime.parse(frozenAt).toInstant().truncatedTo(ChronoUnit.SECONDS));
        ByteArrayOutputStream out = new ByteArrayOutputStream(xlsx.length);
        // read through the central directory: the library's entries carry their sizes only there and in a descriptor
        // that a stream reader does not take
        Path file = Files.createTempFile("cordon-report", ".xlsx");
        try {
            Files.write(file, xlsx);
            try (ZipFile in = new ZipFile(file.toFile());
                    ZipOutputStream zip = new ZipOutputStream(out)) {
                for (ZipEntry entry : Collections.list(in.entries())) {
                    byte[] content;
                    try (InputStream entryIn = in.getInputStream(entry)) {
                        content = entryIn.readAllBytes();
                    }
                    if (entry.getName().equals("docProps/core.xml")) {
                        content = CREATED.matcher(new String(content, StandardCharsets.UTF_8))
                                .replaceFirst("$1" + created + "$2")
                                .getBytes(StandardCharsets.UTF_8);
                    }
                    ZipEntry copy = new ZipEntry(entry.getName());
                    copy.setTime(FIXED_ENTRY_TIME);
                    zip.putNextEntry(copy);
                    zip.write(content);
                    zip.closeEntry();
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return out.toByteArray();
    }

    /** 1980-01-01, the first time a zip entry can say. */
    private static final long FIXED_ENTRY_TIME = 315_532_800_000L;

    private static void sheet(Worksheet ws, String title, List<List<Object>> table, boolean english) {
        ws.value(0, 0, title);
        List<List<Object>> rows = SnapshotTables.withHeadings(table, english);
        for (int r = 0; r < rows.size(); r++) {
            List<Object> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                Object v = row.get(c);
                if (v instanceof Number n) {
                    ws.value(r + 2, c, n);
                } else if (v != null) {
                    ws.value(r + 2, c, v.toString());
                }
            }
        }
    }
}
