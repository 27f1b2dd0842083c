package io.cordon.dashboard.files;

import com.lowagie.text.Document;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfDate;
import com.lowagie.text.pdf.PdfEncryption;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfWriter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;

/**
 * A snapshot as a printable PDF (A4 landscape, a table per section, Chinese glyphs from the system's font), and the
 * sign-off sheet of a frozen report. A frozen report's PDF is the same bytes at every rendering.
 */
public final class PdfFile {

    private PdfFile() {}

    /** Where the PDF exporter looks for a font with Chinese glyphs, in order (the dashboard image installs the first). */
    public static final List<Path> CJK_FONTS = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"));

    static byte[] pdf(JsonObject snapshot, boolean english) throws IOException {
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
        PdfGrid grid = new PdfGrid(doc, writer, base, 7);
        doc.add(new Paragraph(SnapshotTables.title(snapshot, english), titleFont));
        doc.add(new Paragraph(" "));
        table(doc, writer, grid, SnapshotTables.withHeadings(SnapshotTables.checkpointTable(snapshot), english));
        if (!snapshot.getJsonArray("compounds", new JsonArray()).isEmpty()) {
            doc.newPage();
            doc.add(new Paragraph(english ? "Compounds" : "小区 Compounds", titleFont));
            table(doc, writer, grid, SnapshotTables.withHeadings(SnapshotTables.compoundTable(snapshot), english));
        }
        for (Map.Entry<String, List<List<Object>>> level :
                SnapshotTables.areaTables(snapshot).entrySet()) {
            doc.newPage();
            String name = SnapshotTables.AREA_SHEETS.get(level.getKey());
            doc.add(new Paragraph(
                    english ? name : SnapshotTables.AREA_TITLES.get(level.getKey()) + " " + name, titleFont));
            table(doc, writer, grid, SnapshotTables.withHeadings(level.getValue(), english));
        }
        List<List<Object>> persons = SnapshotTables.keyPersonTable(snapshot);
        if (!persons.isEmpty()) {
            doc.newPage();
            doc.add(new Paragraph(english ? "Key persons" : "重点人员 Key persons", titleFont));
            table(doc, writer, grid, SnapshotTables.withHeadings(persons, english));
        }
        doc.close();
        return out.toByteArray();
    }

    /** A frozen report's PDF says it was created when it was frozen, not when it was rendered. */
    private static void stampFrozenAt(Document doc, String frozenAt) {
        if (frozenAt != null) {
            Calendar at = GregorianCalendar.from(ZonedDateTime.parse(frozenAt));
            doc.addCreationDate(new PdfDate(at));
            doc.addModificationDate(new PdfDate(at));
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
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            doc.open();
            BaseFont base = cjkFont();
            doc.add(new Paragraph("Cordon 逐级确认 Sign-offs " + date + " " + cutoff, new Font(base, 14, Font.BOLD)));
            doc.add(new Paragraph("报告冻结于 Report frozen at " + frozenAt, new Font(base, 9)));
            doc.add(new Paragraph(" "));
            List<List<Object>> rows = new ArrayList<>();
            rows.add(List.of("层级 Level", "辖区 Area", "状态 Status", "经办 By", "时间 Time", "按时 On time", "备注 Note"));
            for (JsonObject a : areas) {
                String status = a.getString("status", "unsigned");
                boolean signed = status.equals("signed");
                rows.add(Arrays.asList(
                        LEVEL_NAMES.getOrDefault(a.getString("level"), a.getString("level")),
                        a.getString("area"),
                        switch (status) {
                            case "signed" -> "已确认 signed";
                            case "returned" -> "已退回 returned";
                            default -> "未确认 not signed";
                        },
                        a.getString("by") == null ? "" : a.getString("by"),
                        // a returned area: when it was sent back, and why
                        signed ? a.getString("signed_at") : a.getString("returned_at", ""),
                        signed ? (a.getBoolean("on_time", false) ? "是 yes" : "迟报 late") : "",
                        a.getString("reason") != null
                                ? "退回原因 reason: " + a.getString("reason")
                                : a.getString("note") == null ? "" : a.getString("note")));
            }
            new PdfGrid(doc, writer, base, 9).draw(rows, 1, writer.getVerticalPosition(true));
            doc.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Map<String, String> LEVEL_NAMES =
            Map.of("community", "社区 community", "street", "街道 street", "district", "区 district");

    /** A table with its two heading rows, drawn below what the page holds so far. */
    private static void table(Document doc, PdfWriter writer, PdfGrid grid, List<List<Object>> rows) {
        grid.draw(rows, 2, writer.getVerticalPosition(true));
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
