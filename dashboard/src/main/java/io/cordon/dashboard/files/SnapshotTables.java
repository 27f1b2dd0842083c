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

    /** A column's heading, in Chinese and in English, for the printed and spreadsheet copies. */
    private record Heading(String chinese, String english) {}

    /** Column headings a reader understands (the checkpoint counts' come from {@link CheckpointCount}). */
    private static final Map<String, Heading> HEADINGS = Map.ofEntries(
            Map.entry("checkpoint_id", new Heading("卡口编号", "Checkpoint ID")),
            Map.entry("name", new Heading("卡口名称", "Checkpoint")),
            Map.entry("district", new Heading("区县", "District")),
            Map.entry("compound_id", new Heading("小区编号", "Compound ID")),
            Map.entry("compound_name", new Heading("小区", "Compound")),
            Map.entry("community", new Heading("社区", "Community")),
            Map.entry("street", new Heading("街道", "Street")),
            Map.entry("households", new Heading("户数", "Households")),
            Map.entry("resolved", new Heading("已排查", "Resolved")),
            Map.entry("never_visited", new Heading("未入户", "Never visited")),
            Map.entry("pending_revisit", new Heading("待复访", "Pending revisit")),
            Map.entry("unvisited", new Heading("未访户数", "Unvisited homes")),
            Map.entry("revisit_overdue", new Heading("逾期未复访", "Revisits overdue")),
            Map.entry("coverage_pct", new Heading("覆盖率%", "Coverage %")),
            Map.entry("home_quarantine", new Heading("居家隔离", "Home quarantine")),
            Map.entry("central_quarantine", new Heading("集中隔离", "Central quarantine")),
            Map.entry("area", new Heading("辖区", "Area")),
            Map.entry("area_name", new Heading("名称", "Name")),
            Map.entry("compounds", new Heading("小区数", "Compounds")),
            Map.entry("key_persons", new Heading("重点人员", "Key persons")),
            Map.entry("follow_up_overdue", new Heading("逾期未随访", "Follow-ups overdue")),
            Map.entry("under_measure", new Heading("在管人数", "Under a measure")),
            Map.entry("health_monitoring", new Heading("健康监测", "Health monitoring")),
            Map.entry("followed_up", new Heading("今日已随访", "Followed up today")),
            Map.entry("releases_today", new Heading("今日解除", "Released today")),
            Map.entry("fevers", new Heading("居家发热", "Fevers at home")));

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
        Heading h = HEADINGS.get(column);
        return h == null ? column : english ? h.english() : h.chinese();
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
