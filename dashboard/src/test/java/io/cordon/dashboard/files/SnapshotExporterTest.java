package io.cordon.dashboard.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.dashboard.checkpoints.CheckpointCounts;
import io.cordon.dashboard.keypersons.KeyPersonFigures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

class SnapshotExporterTest {

    private static JsonObject counts(long n) {
        JsonObject o = new JsonObject();
        CheckpointCounts.KEYS.forEach(k -> o.put(k, n));
        return o;
    }

    private static JsonObject snapshot() {
        JsonObject compound = new JsonObject();
        SnapshotTables.COMPOUND_COLUMNS.forEach(c -> compound.put(
                c,
                c.equals("coverage_pct")
                        ? 50.0
                        : c.endsWith("id")
                                        || c.contains("name")
                                        || c.equals("community")
                                        || c.equals("street")
                                        || c.equals("district")
                                ? "南苑"
                                : 3));
        return new JsonObject()
                .put("date", "2020-02-15")
                .put("cutoff", "20:00")
                .put("timezone", "Asia/Shanghai")
                .put("round", 1)
                .put(
                        "checkpoints",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("checkpoint_id", "HZ")
                                        .put("name", "会泽站东")
                                        .put("district", "会泽县")
                                        .put("today", counts(2))
                                        .put("cumulative", counts(5))))
                .put("totals", new JsonObject().put("today", counts(2)).put("cumulative", counts(5)))
                .put("compounds", new JsonArray().add(compound));
    }

    @Test
    void theSpreadsheetHasChineseHeadingsAboveTheColumnNamesAndTheSameNumbers() throws Exception {
        byte[] xlsx = SnapshotExporter.export(snapshot(), "xlsx");
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertThat(rows.get(0).getCellText(0)).contains("2020-02-15").contains("20:00");
            assertThat(rows.get(1).getCellText(0)).isEqualTo("卡口编号");
            assertThat(rows.get(1).getCellText(3)).isEqualTo("今日 登记车辆");
            assertThat(rows.get(2).getCellText(3)).isEqualTo("today_registered_vehicles");
            assertThat(rows.get(3).getCellAsNumber(3).orElseThrow().longValue()).isEqualTo(2);
            assertThat(rows.get(4).getCellText(0)).isEqualTo("TOTAL");
            assertThat(wb.getSheets().count()).isEqualTo(2);
        }
    }

    @Test
    void inEnglishTheTitleAndHeadingsAreEnglish() throws Exception {
        byte[] xlsx = SnapshotExporter.export(snapshot(), "xlsx", true);
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertThat(rows.get(0).getCellText(0))
                    .startsWith("Cordon daily situation")
                    .doesNotContain("每日");
            assertThat(rows.get(1).getCellText(0)).isEqualTo("Checkpoint ID");
            assertThat(rows.get(1).getCellText(3)).isEqualTo("Today: Vehicles registered");
            assertThat(rows.get(2).getCellText(3)).isEqualTo("today_registered_vehicles");
            assertThat(rows.get(3).getCellAsNumber(3).orElseThrow().longValue()).isEqualTo(2);
        }
    }

    @Test
    void theAreasHaveASheetPerLevelWithTheirTotals() throws Exception {
        JsonObject row = new JsonObject()
                .put("area", "street:浦东新区/花木街道")
                .put("name", "花木街道")
                .put("compounds", 2)
                .put("households", 7)
                .put("resolved", 3)
                .put("unvisited", 4)
                .put("revisit_overdue", 0)
                .put("coverage_pct", 42.9)
                .put("key_persons", 0)
                .put("follow_up_overdue", 0);
        JsonObject snapshot = snapshot()
                .put(
                        "areas",
                        new JsonObject()
                                .put("district", new JsonArray())
                                .put("street", new JsonArray().add(row))
                                .put("community", new JsonArray()));
        byte[] xlsx = SnapshotExporter.export(snapshot, "xlsx");
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(wb.getSheets().map(sheet -> sheet.getName()))
                    .containsExactly("Checkpoints", "Compounds", "Streets");
            List<Row> rows = wb.findSheet("Streets").orElseThrow().read();
            assertThat(rows.get(1).getCellText(0)).isEqualTo("辖区");
            assertThat(rows.get(1).getCellText(1)).isEqualTo("名称");
            assertThat(rows.get(2).getCellText(7)).isEqualTo("coverage_pct");
            assertThat(rows.get(3).getCellText(1)).isEqualTo("花木街道");
            assertThat(rows.get(3).getCellAsNumber(3).orElseThrow().longValue()).isEqualTo(7);
        }
        assertThat(new String(SnapshotExporter.export(snapshot, "pdf"), 0, 4, StandardCharsets.ISO_8859_1))
                .isEqualTo("%PDF");
    }

    @Test
    void theKeyPersonsHaveASheetWithTheTotalsFirstThenEachCommunity() throws Exception {
        JsonObject totals = new JsonObject();
        JsonObject lianyang = new JsonObject().put("area", "community:浦东新区/花木街道/联洋社区");
        long n = 1;
        for (String k : KeyPersonFigures.KEYS) {
            totals.put(k, n * 10);
            lianyang.put(k, n++);
        }
        JsonObject snapshot = snapshot()
                .put(
                        "key_persons",
                        new JsonObject().put("totals", totals).put("by_community", new JsonArray().add(lianyang)));
        byte[] xlsx = SnapshotExporter.export(snapshot, "xlsx");
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.findSheet("Key persons").orElseThrow().read();
            assertThat(rows.get(1).getCellText(1)).isEqualTo("在管人数");
            assertThat(rows.get(2).getCellText(6)).isEqualTo("follow_up_overdue");
            assertThat(rows.get(3).getCellText(0)).isEqualTo("all");
            assertThat(rows.get(3).getCellAsNumber(6).orElseThrow().longValue()).isEqualTo(60);
            assertThat(rows.get(4).getCellText(0)).isEqualTo("community:浦东新区/花木街道/联洋社区");
            assertThat(rows.get(4).getCellAsNumber(1).orElseThrow().longValue()).isEqualTo(1);
        }
        String csv = new String(SnapshotExporter.export(snapshot, "csv"), StandardCharsets.UTF_8);
        assertThat(csv)
                .contains("area,under_measure,home_quarantine,central_quarantine,health_monitoring,followed_up,"
                        + "follow_up_overdue,releases_today,fevers")
                .contains("all,10,20,30,40,50,60,70,80");
        assertThat(new String(SnapshotExporter.export(snapshot, "pdf"), 0, 4, StandardCharsets.ISO_8859_1))
                .isEqualTo("%PDF");
    }

    @Test
    void theCsvStartsWithABomForExcelAndKeepsMachineColumnNames() {
        String csv = new String(SnapshotExporter.export(snapshot(), "csv"), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFcheckpoint_id,name,district,today_registered_vehicles");
        assertThat(csv).contains("HZ,会泽站东,会泽县,2,2,2,2,2,2,2,5,5,5,5,5,5,5").contains("compound_id,compound_name");
    }

    /**
     * A frozen report's slice is cut from it at its first download, maybe by two dashboards at once: every cut of it
     * must be the same bytes, in every format, whenever it is rendered.
     */
    @Test
    void aFrozenReportsFilesAreTheSameBytesWheneverTheyAreRendered() throws Exception {
        JsonObject frozen = snapshot().copy().put("frozen_at", "2026-12-05T20:00:03+08:00");
        List<String> formats = List.of("pdf", "xlsx", "csv", "json");
        Map<String, byte[]> first = new HashMap<>();
        formats.forEach(format -> first.put(format, SnapshotExporter.export(frozen, format)));
        Thread.sleep(1100); // a clock's second later
        formats.forEach(format ->
                assertThat(SnapshotExporter.export(frozen, format)).as(format).isEqualTo(first.get(format)));
        // the workbook stamped with the freeze's time still opens, with its sheets and numbers
        try (ReadableWorkbook wb =
                new ReadableWorkbook(new ByteArrayInputStream(SnapshotExporter.export(frozen, "xlsx")))) {
            assertThat(wb.getFirstSheet().read()).hasSizeGreaterThan(2);
        }
    }

    @Test
    void thePdfIsAPdf() {
        byte[] pdf = SnapshotExporter.export(snapshot(), "pdf");
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    @Test
    void aTextCellThatASpreadsheetWouldRunAsAFormulaIsNeutralised() throws Exception {
        JsonArray compounds = new JsonArray()
                .add(new JsonObject()
                        .put("compound_id", "=HYPERLINK(\"http://x\")")
                        .put("compound_name", "+1+cmd|' /C calc'!A0")
                        .put("community", "@SUM(A1)")
                        .put("street", "-2")
                        .put("district", "普通区")
                        .put("responsible_unit", "\tx")
                        .put("households", 3)
                        .put("visited", 1)
                        .put("resolved", 1)
                        .put("unvisited", 2)
                        .put("coverage_pct", 33.3)
                        .put("revisit_overdue", 0));
        String csv = new String(SnapshotExporter.compoundsCsv(compounds), StandardCharsets.UTF_8);
        assertThat(csv)
                .contains("'=HYPERLINK")
                .contains("'+1+cmd")
                .contains("'@SUM(A1)")
                .contains("'-2")
                .contains("普通区");
        assertThat(csv.lines().skip(1).findFirst().orElseThrow())
                .doesNotStartWith("=")
                .doesNotContain(",=")
                .doesNotContain(",+")
                .doesNotContain(",@");
        assertThat(SnapshotExporter.safeRow(List.of(-3L, "a-b", 36.5))).containsExactly(-3L, "a-b", 36.5);
    }
}
