package io.cordon.dashboard.files;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfDate;
import com.lowagie.text.pdf.PdfEncryption;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import io.cordon.dashboard.checkpoints.CheckpointCounts;
import io.cordon.schemas.CheckpointCount;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Turns a snapshot into the files leaders keep: CSV (UTF-8 with BOM so that Excel shows Chinese names), XLSX (one
 * sheet per table) and a printable PDF. All three carry the same numbers as the JSON, which is their only input.
 * Runs on a worker thread: files are built in memory, which is fine up to tens of thousands of rows.
 */
public final class SnapshotExporter {

    /** Columns of the compound table, as in {@code GET /api/v1/compounds}. */
    public static final List<String> COMPOUND_COLUMNS = List.of(
            "compound_id",
            "compound_name",
            "community",
            "street",
            "district",
            "households",
            "resolved",
            "never_visited",
            "pending_revisit",
            "unvisited",
            "revisit_overdue",
            "coverage_pct",
            "home_quarantine",
            "central_quarantine");

    /** Where the PDF exporter looks for a font with Chinese glyphs, in order (the dashboard image installs the first). */
    public static final List<Path> CJK_FONTS = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"));

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
                case "csv" -> csv(snapshot, english);
                case "xlsx" -> xlsx(snapshot, english);
                case "pdf" -> pdf(snapshot, english);
                default -> snapshot.encodePrettily().getBytes(StandardCharsets.UTF_8);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The checkpoint table: a header row, one row per checkpoint, then the total row. */
    static List<List<Object>> checkpointTable(JsonObject snapshot) {
        List<List<Object>> table = new ArrayList<>();
        List<Object> header = new ArrayList<>(List.of("checkpoint_id", "name", "district"));
        CheckpointCounts.KEYS.forEach(k -> header.add("today_" + k));
        CheckpointCounts.KEYS.forEach(k -> header.add("cumulative_" + k));
        table.add(header);
        for (Object o : snapshot.getJsonArray("checkpoints")) {
            JsonObject c = (JsonObject) o;
            table.add(countRow(
                    c.getString("checkpoint_id"),
                    c.getString("name"),
                    c.getString("district"),
                    c.getJsonObject("today"),
                    c.getJsonObject("cumulative")));
        }
        JsonObject totals = snapshot.getJsonObject("totals");
        table.add(countRow("TOTAL", "合计 Total", "", totals.getJsonObject("today"), totals.getJsonObject("cumulative")));
        return table;
    }

    static List<List<Object>> compoundTable(JsonObject snapshot) {
        List<List<Object>> table = new ArrayList<>();
        table.add(new ArrayList<>(COMPOUND_COLUMNS));
        for (Object o : snapshot.getJsonArray("compounds", new JsonArray())) {
            JsonObject c = (JsonObject) o;
            List<Object> row = new ArrayList<>();
            COMPOUND_COLUMNS.forEach(col -> row.add(c.getValue(col)));
            table.add(row);
        }
        return table;
    }

    private static List<Object> countRow(
            String id, String name, String district, JsonObject today, JsonObject cumulative) {
        List<Object> row = new ArrayList<>(List.of(id, name == null ? "" : name, district == null ? "" : district));
        CheckpointCounts.KEYS.forEach(k -> row.add(today.getLong(k, 0L)));
        CheckpointCounts.KEYS.forEach(k -> row.add(cumulative.getLong(k, 0L)));
        return row;
    }

    /** The compound table of {@code GET /api/v1/compounds?format=csv}: UTF-8 with BOM, a header row. */
    public static byte[] compoundsCsv(JsonArray compounds) {
        return rowsCsv(compoundTable(new JsonObject().put("compounds", compounds)));
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

    private static String title(JsonObject s, boolean english) {
        return (english ? "Cordon daily situation " : "Cordon 每日情况 Daily situation ")
                + (s.getString("scope") == null ? "" : s.getString("scope") + " ")
                + s.getString("date") + " " + s.getString("cutoff") + " ("
                + s.getString("timezone") + ")"
                + (s.getValue("round") == null
                        ? ""
                        : (english ? ", round " : ", 第 ")
                                + s.getValue("round")
                                + (english ? "" : " 轮 round " + s.getValue("round")))
                + (s.getString("frozen_at") == null
                        ? ""
                        : (english ? " — frozen at " : " — 冻结于 frozen at ") + s.getString("frozen_at"));
    }

    private static byte[] csv(JsonObject snapshot, boolean english) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        try (CSVPrinter printer =
                new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.DEFAULT)) {
            // CSV stays machine-readable: the column names only, whatever the language
            for (List<Object> row : checkpointTable(snapshot)) {
                printer.printRecord(safeRow(row));
            }
            if (!snapshot.getJsonArray("compounds", new JsonArray()).isEmpty()) {
                printer.println();
                for (List<Object> row : compoundTable(snapshot)) {
                    printer.printRecord(safeRow(row));
                }
            }
            List<List<Object>> persons = keyPersonTable(snapshot);
            if (!persons.isEmpty()) {
                printer.println();
                for (List<Object> row : persons) {
                    printer.printRecord(safeRow(row));
                }
            }
        }
        return out.toByteArray();
    }

    private static byte[] xlsx(JsonObject snapshot, boolean english) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "Cordon", "1.0");
        sheet(wb.newWorksheet("Checkpoints"), title(snapshot, english), checkpointTable(snapshot), english);
        if (!snapshot.getJsonArray("compounds", new JsonArray()).isEmpty()) {
            sheet(wb.newWorksheet("Compounds"), title(snapshot, english), compoundTable(snapshot), english);
        }
        for (Map.Entry<String, List<List<Object>>> level : areaTables(snapshot).entrySet()) {
            sheet(
                    wb.newWorksheet(AREA_SHEETS.get(level.getKey())),
                    title(snapshot, english),
                    level.getValue(),
                    english);
        }
        List<List<Object>> persons = keyPersonTable(snapshot);
        if (!persons.isEmpty()) {
            sheet(wb.newWorksheet("Key persons"), title(snapshot, english), persons, english);
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

    /**
     * The snapshot's {@code key_persons} section as a table: the scope's totals first ({@code area} = the scope), then
     * one row per community; empty when the snapshot has no such section (reports frozen before key persons).
     */
    static List<List<Object>> keyPersonTable(JsonObject snapshot) {
        JsonObject persons = snapshot.getJsonObject("key_persons");
        List<List<Object>> table = new ArrayList<>();
        if (persons == null || persons.getJsonObject("totals") == null) {
            return table;
        }
        List<String> keys = io.cordon.dashboard.keypersons.KeyPersonFigures.KEYS;
        List<Object> header = new ArrayList<>();
        header.add("area");
        header.addAll(keys);
        table.add(header);
        JsonObject totals = persons.getJsonObject("totals");
        List<Object> first = new ArrayList<>();
        first.add(snapshot.getString("scope", "all"));
        keys.forEach(k -> first.add(totals.getValue(k)));
        table.add(first);
        for (Object o : persons.getJsonArray("by_community", new JsonArray())) {
            JsonObject row = (JsonObject) o;
            List<Object> cells = new ArrayList<>();
            cells.add(row.getString("area"));
            keys.forEach(k -> cells.add(row.getValue(k)));
            table.add(cells);
        }
        return table;
    }

    private static final Map<String, String> AREA_SHEETS =
            Map.of("district", "Districts", "street", "Streets", "community", "Communities");
    private static final Map<String, String> AREA_TITLES = Map.of("district", "区县", "street", "街道", "community", "社区");

    /**
     * The snapshot's {@code areas} section as one table per level (district, street, community; a level with no row is
     * left out), its columns those of {@code GET /api/v1/areas}.
     */
    static Map<String, List<List<Object>>> areaTables(JsonObject snapshot) {
        Map<String, List<List<Object>>> tables = new LinkedHashMap<>();
        JsonObject areas = snapshot.getJsonObject("areas");
        if (areas == null) {
            return tables;
        }
        for (String level : List.of("district", "street", "community")) {
            JsonArray rows = areas.getJsonArray(level, new JsonArray());
            if (rows.isEmpty()) {
                continue;
            }
            List<String> columns = new ArrayList<>(rows.getJsonObject(0).fieldNames());
            List<List<Object>> table = new ArrayList<>();
            // an area's own name, not a checkpoint's
            table.add(columns.stream()
                    .map(c -> c.equals("name") ? "area_name" : c)
                    .collect(Collectors.toList()));
            for (Object o : rows) {
                JsonObject row = (JsonObject) o;
                List<Object> cells = new ArrayList<>(columns.size());
                columns.forEach(c -> cells.add(row.getValue(c)));
                table.add(cells);
            }
            tables.put(level, table);
        }
        return tables;
    }

    /** Column headings a reader understands, in Chinese, for the printed and spreadsheet copies. */
    private static final Map<String, String> HEADINGS = Map.ofEntries(
            Map.entry("checkpoint_id", "卡口编号"),
            Map.entry("name", "卡口名称"),
            Map.entry("district", "区县"),
            Map.entry("compound_id", "小区编号"),
            Map.entry("compound_name", "小区"),
            Map.entry("community", "社区"),
            Map.entry("street", "街道"),
            Map.entry("households", "户数"),
            Map.entry("resolved", "已排查"),
            Map.entry("never_visited", "未入户"),
            Map.entry("pending_revisit", "待复访"),
            Map.entry("unvisited", "未访户数"),
            Map.entry("revisit_overdue", "逾期未复访"),
            Map.entry("coverage_pct", "覆盖率%"),
            Map.entry("home_quarantine", "居家隔离"),
            Map.entry("central_quarantine", "集中隔离"),
            Map.entry("area", "辖区"),
            Map.entry("area_name", "名称"),
            Map.entry("compounds", "小区数"),
            Map.entry("key_persons", "重点人员"),
            Map.entry("follow_up_overdue", "逾期未随访"),
            Map.entry("under_measure", "在管人数"),
            Map.entry("health_monitoring", "健康监测"),
            Map.entry("followed_up", "今日已随访"),
            Map.entry("releases_today", "今日解除"),
            Map.entry("fevers", "居家发热"));

    private static final Map<String, String> HEADINGS_EN = Map.ofEntries(
            Map.entry("checkpoint_id", "Checkpoint ID"),
            Map.entry("name", "Checkpoint"),
            Map.entry("district", "District"),
            Map.entry("compound_id", "Compound ID"),
            Map.entry("compound_name", "Compound"),
            Map.entry("community", "Community"),
            Map.entry("street", "Street"),
            Map.entry("households", "Households"),
            Map.entry("resolved", "Resolved"),
            Map.entry("never_visited", "Never visited"),
            Map.entry("pending_revisit", "Pending revisit"),
            Map.entry("unvisited", "Unvisited homes"),
            Map.entry("revisit_overdue", "Revisits overdue"),
            Map.entry("coverage_pct", "Coverage %"),
            Map.entry("home_quarantine", "Home quarantine"),
            Map.entry("central_quarantine", "Central quarantine"),
            Map.entry("area", "Area"),
            Map.entry("area_name", "Name"),
            Map.entry("compounds", "Compounds"),
            Map.entry("key_persons", "Key persons"),
            Map.entry("follow_up_overdue", "Follow-ups overdue"),
            Map.entry("under_measure", "Under a measure"),
            Map.entry("health_monitoring", "Health monitoring"),
            Map.entry("followed_up", "Followed up today"),
            Map.entry("releases_today", "Released today"),
            Map.entry("fevers", "Fevers at home"));

    static String heading(String column) {
        return heading(column, false);
    }

    static String heading(String column, boolean english) {
        for (String window : List.of("today_", "cumulative_")) {
            if (column.startsWith(window)) {
                String key = column.substring(window.length());
                String label = CheckpointCount.ALL.stream()
                        .filter(c -> c.key().equals(key))
                        .map(english ? CheckpointCount::english : CheckpointCount::chinese)
                        .findFirst()
                        .orElse(column);
                return (window.equals("today_") ? (english ? "Today: " : "今日 ") : (english ? "Cumulative: " : "累计 "))
                        + label;
            }
        }
        return (english ? HEADINGS_EN : HEADINGS).getOrDefault(column, column);
    }

    /** The table with a row of Chinese headings above the column names. */
    private static List<List<Object>> withHeadings(List<List<Object>> table, boolean english) {
        List<List<Object>> out = new ArrayList<>();
        List<Object> headings = new ArrayList<>();
        table.get(0).forEach(c -> headings.add(heading(String.valueOf(c), english)));
        out.add(headings);
        out.addAll(table);
        return out;
    }

    private static void sheet(Worksheet ws, String title, List<List<Object>> table, boolean english) {
        ws.value(0, 0, title);
        List<List<Object>> rows = withHeadings(table, english);
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

    private static byte[] pdf(JsonObject snapshot, boolean english) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4.rotate(), 24, 24, 24, 24);
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        String frozenAt = snapshot.getString("frozen_at");
        stampFrozenAt(doc, frozenAt);
        if (frozenAt != null) {
            // the file's id from its content, not from the clock: the same report is the same bytes
            byte[] id = Arrays.copyOf(sha256(snapshot.encode() + english), 16);
            writer.getInfo().put(PdfName.FILEID, PdfEncryption.createInfoId(id, id));
            // the library stamps its own creation date at the end; the freeze's is put where it reads it from
            writer.getInfo()
                    .put(PdfName.CREATIONDATE, new PdfDate(GregorianCalendar.from(ZonedDateTime.parse(frozenAt))));
        }
        doc.open();
        BaseFont base = frozenAt == null ? cjkFont() : cjkFontOfRecord(frozenAt);
        Font titleFont = new Font(base, 14, Font.BOLD);
        Font cellFont = new Font(base, 7);
        Font headFont = new Font(base, 7, Font.BOLD);
        doc.add(new Paragraph(title(snapshot, english), titleFont));
        doc.add(new Paragraph(" "));
        doc.add(table(withHeadings(checkpointTable(snapshot), english), headFont, cellFont));
        if (!snapshot.getJsonArray("compounds", new JsonArray()).isEmpty()) {
            doc.newPage();
            doc.add(new Paragraph(english ? "Compounds" : "小区 Compounds", titleFont));
            doc.add(table(withHeadings(compoundTable(snapshot), english), headFont, cellFont));
        }
        for (Map.Entry<String, List<List<Object>>> level : areaTables(snapshot).entrySet()) {
            doc.newPage();
            String name = AREA_SHEETS.get(level.getKey());
            doc.add(new Paragraph(english ? name : AREA_TITLES.get(level.getKey()) + " " + name, titleFont));
            doc.add(table(withHeadings(level.getValue(), english), headFont, cellFont));
        }
        List<List<Object>> persons = keyPersonTable(snapshot);
        if (!persons.isEmpty()) {
            doc.newPage();
            doc.add(new Paragraph(english ? "Key persons" : "重点人员 Key persons", titleFont));
            doc.add(table(withHeadings(persons, english), headFont, cellFont));
        }
        doc.close();
        return out.toByteArray();
    }

    /** A frozen report's PDF says it was created when it was frozen, not when it was rendered. */
    private static void stampFrozenAt(Document doc, String frozenAt) {
        if (frozenAt != null) {
            java.util.Calendar at = java.util.GregorianCalendar.from(java.time.ZonedDateTime.parse(frozenAt));
            doc.addCreationDate(new com.lowagie.text.pdf.PdfDate(at));
            doc.addModificationDate(new com.lowagie.text.pdf.PdfDate(at));
        }
    }

    /**
     * The printable sign-off sheet of a frozen report: every area of every signing level (community, street, district),
     * who signed it and when, whether on time, or that it has not signed or was returned. A sheet of its own, never part
     * of the report's files.
     */
    public static byte[] signOffSheet(String date, String cutoff, String frozenAt, List<JsonObject> areas) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Document doc = new Document(PageSize.A4, 36, 36, 36, 36);
            PdfWriter.getInstance(doc, out);
            doc.open();
            BaseFont base = cjkFont();
            doc.add(new Paragraph("Cordon 逐级确认 Sign-offs " + date + " " + cutoff, new Font(base, 14, Font.BOLD)));
            doc.add(new Paragraph("报告冻结于 Report frozen at " + frozenAt, new Font(base, 9)));
            doc.add(new Paragraph(" "));
            List<List<Object>> rows = new ArrayList<>();
            rows.add(List.of("层级 Level", "辖区 Area", "状态 Status", "经办 By", "时间 Signed at", "按时 On time", "备注 Note"));
            rows.add(List.of("", "", "", "", "", "", ""));
            for (JsonObject a : areas) {
                String status = a.getString("status", "unsigned");
                boolean signed = status.equals("signed");
                rows.add(java.util.Arrays.asList(
                        LEVEL_NAMES.getOrDefault(a.getString("level"), a.getString("level")),
                        a.getString("area"),
                        switch (status) {
                            case "signed" -> "已确认 signed";
                            case "returned" -> "已退回 returned";
                            default -> "未确认 not signed";
                        },
                        a.getString("by") == null ? "" : a.getString("by"),
                        signed ? a.getString("signed_at") : "",
                        signed ? (a.getBoolean("on_time", false) ? "是 yes" : "迟报 late") : "",
                        a.getString("note") == null ? "" : a.getString("note")));
            }
            Font cell = new Font(base, 9);
            doc.add(table(rows, new Font(base, 9, Font.BOLD), cell));
            doc.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final Map<String, String> LEVEL_NAMES =
            Map.of("community", "社区 community", "street", "街道 street", "district", "区 district");

    private static PdfPTable table(List<List<Object>> rows, Font head, Font cell) {
        PdfPTable table = new PdfPTable(rows.get(0).size());
        table.setWidthPercentage(100);
        table.setHeaderRows(2);
        for (int r = 0; r < rows.size(); r++) {
            for (Object v : rows.get(r)) {
                PdfPCell c =
                        new PdfPCell(new Phrase(v == null ? "" : v.toString().replace('_', ' '), r < 2 ? head : cell));
                if (v instanceof Number) {
                    c.setHorizontalAlignment(Element.ALIGN_RIGHT);
                }
                table.addCell(c);
            }
        }
        return table;
    }

    /**
     * The font of a frozen report's PDF: its own copy, whose embedded subset is named from the freeze's time instead of
     * by chance (the library draws six random letters), so that the PDF is the same bytes at every rendering.
     */
    private static BaseFont cjkFontOfRecord(String frozenAt) throws IOException {
        for (Path p : CJK_FONTS) {
            if (Files.exists(p)) {
                String name = p.toString().endsWith(".ttc") ? p + ",0" : p.toString();
                BaseFont font = BaseFont.createFont(name, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, null, null);
                try {
                    SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
                    seeded.setSeed(frozenAt.getBytes(StandardCharsets.UTF_8)); // before any draw: a fixed sequence
                    font.setSecureRandom(seeded);
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
                return font;
            }
        }
        return cjkFont();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A font with Chinese glyphs when the system has one (Debian's fonts-wqy-zenhei); Helvetica otherwise. */
    private static BaseFont cjkFont() throws IOException {
        for (Path p : CJK_FONTS) {
            if (Files.exists(p)) {
                String name = p.toString().endsWith(".ttc") ? p + ",0" : p.toString();
                return BaseFont.createFont(name, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
            }
        }
        return BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
    }
}
