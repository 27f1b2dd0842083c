package io.cordon.dashboard.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.Document;
import com.lowagie.text.PageSize;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.PdfWriter;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PdfGridTest {

    private static BaseFont helvetica() throws Exception {
        return BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
    }

    @Test
    void aLongTableGoesOnOverPagesWithItsHeadingsAtTheTopOfEach() throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("Compound", "Households", "Note"));
        rows.add(List.of("compound id", "households", "note"));
        for (int i = 0; i < 300; i++) {
            rows.add(List.of("C-" + i, (long) i * 7, i == 150 ? "a note long enough to wrap ".repeat(12) : ""));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 36, 36, 36, 36);
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        doc.open();
        float end = new PdfGrid(doc, writer, helvetica(), 9).draw(rows, 2, doc.top());
        doc.close();

        PdfReader reader = new PdfReader(out.toByteArray());
        assertThat(reader.getNumberOfPages()).isGreaterThan(2);
        assertThat(end).isGreaterThanOrEqualTo(doc.bottom());
        StringBuilder all = new StringBuilder();
        PdfTextExtractor text = new PdfTextExtractor(reader);
        for (int p = 1; p <= reader.getNumberOfPages(); p++) {
            String page = text.getTextFromPage(p);
            assertThat(page)
                    .as("page %d", p)
                    .contains("Compound Households Note")
                    .contains("households note");
            all.append(page).append('\n');
        }
        for (int i = 0; i < 300; i++) {
            assertThat(all).contains("C-" + i + " ").contains(" " + i * 7);
        }
        // the long note is all there, over several lines of its cell (broken at spaces: every word whole)
        assertThat(all.toString().split("wrap", -1)).hasSize(13);
    }

    @Test
    void textIsWrappedWithinItsWidthAtSpacesAndNothingIsLost() throws Exception {
        Document doc = new Document(PageSize.A4);
        PdfWriter writer = PdfWriter.getInstance(doc, new ByteArrayOutputStream());
        doc.open();
        BaseFont font = helvetica();
        PdfGrid grid = new PdfGrid(doc, writer, font, 7);
        String text = "community:Pudong/Huamu street/Lianyang community and a responsible unit";
        List<String> lines = grid.wrap(text, 60);
        assertThat(lines).hasSizeGreaterThan(2);
        lines.forEach(l -> assertThat(font.getWidthPoint(l, 7)).as(l).isLessThanOrEqualTo(60));
        assertThat(String.join(" ", lines).replace(" ", "")).isEqualTo(text.replace(" ", ""));
        // a word that fits a line is never broken
        for (String word : text.split(" ")) {
            if (font.getWidthPoint(word, 7) <= 60) {
                assertThat(lines).anyMatch(l -> l.contains(word));
            }
        }
        // a word wider than the column is cut between letters, not dropped
        List<String> cut = grid.wrap("x".repeat(80), 30);
        assertThat(String.join("", cut)).isEqualTo("x".repeat(80));
        assertThat(grid.wrap("12", 60)).containsExactly("12");
    }

    @Test
    void theWholeSnapshotIsInItsPdfTablesAndTheSameBytesAtEveryRendering() throws Exception {
        JsonArray compounds = new JsonArray();
        for (int i = 0; i < 400; i++) {
            compounds.add(new JsonObject()
                    .put("compound_id", "SH-" + i)
                    .put("compound_name", "Compound " + i)
                    .put("community", "Lianyang")
                    .put("street", "Huamu")
                    .put("district", "Pudong")
                    .put("households", 100L + i)
                    .put("resolved", (long) i));
        }
        JsonObject snapshot = new JsonObject()
                .put("date", "2026-12-01")
                .put("cutoff", "20:00")
                .put("timezone", "Asia/Shanghai")
                .put("frozen_at", "2026-12-01T20:00:03+08:00")
                .put("checkpoints", new JsonArray())
                .put("totals", new JsonObject().put("today", new JsonObject()).put("cumulative", new JsonObject()))
                .put("compounds", compounds);
        byte[] pdf = SnapshotExporter.export(snapshot, "pdf");
        assertThat(SnapshotExporter.export(snapshot, "pdf")).isEqualTo(pdf);
        PdfReader reader = new PdfReader(pdf);
        PdfTextExtractor text = new PdfTextExtractor(reader);
        StringBuilder all = new StringBuilder();
        for (int p = 1; p <= reader.getNumberOfPages(); p++) {
            all.append(text.getTextFromPage(p)).append('\n');
        }
        assertThat(all).contains("TOTAL");
        for (int i = 0; i < 400; i++) {
            assertThat(all).contains("SH-" + i + " ").contains(String.valueOf(100 + i));
        }
    }
}
