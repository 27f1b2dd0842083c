package io.cordon.dashboard.files;

import io.cordon.dashboard.checkpoints.CheckpointCounts;
import io.cordon.dashboard.keypersons.KeyPersonFigures;
import io.cordon.schemas.CheckpointCount;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A snapshot's sections as tables (a header row of column names, then the rows), and the headings and title a reader
 * of the printed and spreadsheet copies understands. The one source of every exported file's cells.
 */
public final class SnapshotTables {

    private SnapshotTables() {}

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

    static String title(JsonObject s, boolean english) {
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
        List<String> keys = KeyPersonFigures.KEYS;
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

    static final Map<String, String> AREA_SHEETS =
            Map.of("district", "Districts", "street", "Streets", "community", "Communities");
    static final Map<String, String> AREA_TITLES = Map.of("district", "区县", "street", "街道", "community", "社区");

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
    static List<List<Object>> withHeadings(List<List<Object>> table, boolean english) {
        List<List<Object>> out = new ArrayList<>();
        List<Object> headings = new ArrayList<>();
        table.get(0).forEach(c -> headings.add(heading(String.valueOf(c), english)));
        out.add(headings);
        out.addAll(table);
        return out;
    }
}
