package io.cordon.dashboard.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The printable sign-off sheet lists every level of the chain: who signed and when, late ones marked, the areas not
 * signed, and a returned area with who sent it back, when and why.
 */
class SignOffSheetTest {

    @Test
    void everyLevelWithItsStateAndAReturnWithItsReason() throws Exception {
        List<JsonObject> areas = List.of(
                new JsonObject()
                        .put("area", "community:PD/HM/MY")
                        .put("level", "community")
                        .put("status", "signed")
                        .put("by", "my-admin")
                        .put("signed_at", "2026-12-07T20:41:00+08:00")
                        .put("on_time", true)
                        .put("note", "checked"),
                new JsonObject()
                        .put("area", "community:PD/HM/LY")
                        .put("level", "community")
                        .put("status", "returned")
                        .put("by", "pd")
                        .put("returned_by", "pd")
                        .put("returned_at", "2026-12-07T21:30:00+08:00")
                        .put("reason", "two homes missed")
                        .put("note", "two homes missed")
                        .put("on_time", false),
                new JsonObject()
                        .put("area", "street:PD/HM")
                        .put("level", "street")
                        .put("status", "signed")
                        .put("by", "hm")
                        .put("signed_at", "2026-12-07T21:12:00+08:00")
                        .put("on_time", false),
                new JsonObject()
                        .put("area", "district:PD")
                        .put("level", "district")
                        .put("status", "unsigned")
                        .put("on_time", false));
        byte[] pdf = PdfFile.signOffSheet("2026-12-07", "20:00", "2026-12-07T20:05:00+08:00", areas);
        PdfReader reader = new PdfReader(pdf);
        StringBuilder all = new StringBuilder();
        PdfTextExtractor text = new PdfTextExtractor(reader);
        for (int p = 1; p <= reader.getNumberOfPages(); p++) {
            all.append(text.getTextFromPage(p)).append('\n');
        }
        String sheet =
                all.toString().replaceAll("\\s+", ""); // cells wrap within their columns: compared without spaces
        assertThat(sheet).contains("community:PD/HM/MY", "community:PD/HM/LY", "street:PD/HM", "district:PD");
        assertThat(sheet).contains("signed", "yes", "checked", "2026-12-07T20:41:00+08:00");
        assertThat(sheet).contains("returned", "reason:twohomesmissed", "2026-12-07T21:30:00+08:00");
        assertThat(sheet).contains("late", "2026-12-07T21:12:00+08:00");
        assertThat(sheet).contains("notsigned");
    }
}
