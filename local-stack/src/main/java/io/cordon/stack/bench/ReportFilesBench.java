package io.cordon.stack.bench;

import io.cordon.dashboard.areas.AreaTotals;
import io.cordon.dashboard.checkpoints.CheckpointCounts;
import io.cordon.dashboard.files.SnapshotExporter;
import io.cordon.dashboard.keypersons.KeyPersonFigures;
import io.cordon.dashboard.reports.FrozenFiles;
import io.cordon.http.Location;
import io.cordon.http.Scope;
import io.cordon.stack.Divisions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of the whole city's report of record, rendered as a freeze renders them (issue 21: a frozen report with
 * every level ≤ 30 s): the city's report built from the repository's data (35,013 compounds in Shanghai's real
 * communities, 500 checkpoints, every area of the three levels, key persons in every community), then each format of
 * the city's report timed alone, and the city's and all 16 districts' files rendered one scope after the other and
 * side by side, in one run. No stack: the figures are the dashboard's own work, not ClickHouse's. Run with {@code
 * ./cordon bench report-files [rounds]}.
 */
final class ReportFilesBench {

    private static final Logger OUT = LoggerFactory.getLogger("cordon");

    private ReportFilesBench() {}

    static void run(int rounds) throws Exception {
        JsonObject city = city();
        OUT.info(
                "the city's report: {} checkpoints, {} compounds, {} communities; {} cores",
                city.getJsonArray("checkpoints").size(),
                city.getJsonArray("compounds").size(),
                city.getJsonObject("areas").getJsonArray("community").size(),
                Runtime.getRuntime().availableProcessors());
        Map<Scope, JsonObject> scopes = FrozenFiles.scopes(city, Map.of());
        LocalDate date = LocalDate.parse(city.getString("date"));
        // the first round warms the JIT and is not counted
        for (int round = 0; round <= rounds; round++) {
            StringBuilder formats = new StringBuilder();
            for (String format : List.of("csv", "xlsx", "pdf")) {
                long t0 = System.nanoTime();
                byte[] bytes = SnapshotExporter.export(city, format);
                formats.append(
                        String.format(" %s %.2f s (%,d bytes);", format, (System.nanoTime() - t0) / 1e9, bytes.length));
            }
            long t0 = System.nanoTime();
            List<FrozenFiles.Rendered> one =
                    FrozenFiles.render(date, "20:00", "2026-12-01 20:00:00", 0L, scopes, false);
            double alone = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            List<FrozenFiles.Rendered> both =
                    FrozenFiles.render(date, "20:00", "2026-12-01 20:00:00", 0L, scopes, true);
            double sideBySide = (System.nanoTime() - t0) / 1e9;
            for (int i = 0; i < one.size(); i++) {
                if (!one.get(i).rows().equals(both.get(i).rows())) {
                    throw new IllegalStateException("the files of " + one.get(i).scope() + " differ side by side");
                }
            }
            OUT.info(
                    "{} the city's files:{} all {} scopes' files, one after the other {} s, side by side {} s"
                            + " ({}x), the same bytes",
                    round == 0 ? "warm-up:" : "round " + round + ":",
                    formats,
                    one.size(),
                    String.format("%.2f", alone),
                    String.format("%.2f", sideBySide),
                    String.format("%.2f", alone / sideBySide));
        }
    }

    /** The city's report as the snapshot service builds it, its figures drawn from a fixed seed. */
    static JsonObject city() throws Exception {
        Divisions divisions = Divisions.shanghai();
        JsonArray compounds = new JsonArray();
        Map<Location, KeyPersonFigures.Counts> persons = new HashMap<>();
        List<String> districts = new ArrayList<>();
        int n = 0;
        for (String[] c : CityFeeds.compounds(1.0)) {
            Divisions.Community at = divisions.place(c[1], c[2]);
            if (!districts.contains(c[1])) {
                districts.add(c[1]);
            }
            long households = Long.parseLong(c[3]);
            long resolved = households * (n % 10) / 10;
            compounds.add(new JsonObject()
                    .put("compound_id", c[0])
                    .put("compound_name", c[2])
                    .put("community", at.community())
                    .put("street", at.street())
                    .put("district", at.district())
                    .put("responsible_unit", "单位" + Math.floorMod(c[0].hashCode(), 71))
                    .put("households", households)
                    .put("resolved", resolved)
                    .put("never_visited", (households - resolved) / 2)
                    .put("pending_revisit", households - resolved - (households - resolved) / 2)
                    .put("unvisited", households - resolved)
                    .put("revisit_overdue", n % 7)
                    .put("coverage_pct", Math.round(1000.0 * resolved / households) / 10.0)
                    .put("home_quarantine", n % 13)
                    .put("central_quarantine", n % 5));
            persons.merge(
                    new Location(at.district(), at.street(), at.community(), null, null),
                    new KeyPersonFigures.Counts(6, 2, 1, 3, 5, 0, n % 29 == 0 ? 1 : 0),
                    KeyPersonFigures.Counts::plus);
            n++;
        }
        JsonArray checkpoints = new JsonArray();
        for (int c = 0; c < 500; c++) {
            checkpoints.add(new JsonObject()
                    .put("checkpoint_id", CityFeeds.checkpointId(c))
                    .put("name", "卡口" + c)
                    .put("kind", c % 3 == 0 ? "highway" : "road")
                    .put("district", districts.get(c % districts.size()))
                    .put("street", null)
                    .put("today", counts(c, 1))
                    .put("cumulative", counts(c, 30)));
        }
        KeyPersonFigures figures = new KeyPersonFigures(
                LocalDate.parse("2026-12-01"), Instant.parse("2026-12-01T12:00:00Z"), true, persons);
        return new JsonObject()
                .put("date", "2026-12-01")
                .put("cutoff", "20:00")
                .put("timezone", "Asia/Shanghai")
                .put("round", 3)
                .put("checkpoints", checkpoints)
                .put("totals", new JsonObject().put("today", counts(7, 500)).put("cumulative", counts(7, 15_000)))
                .put("compounds", compounds)
                .put("areas", AreaTotals.section(compounds, figures))
                .put("key_persons", figures.section(Scope.ALL))
                .put("frozen_at", "2026-12-01T20:00:03+08:00");
    }

    private static JsonObject counts(int seed, int days) {
        JsonObject counts = new JsonObject();
        int i = 0;
        for (String key : CheckpointCounts.KEYS) {
            counts.put(key, (long) days * (40 + Math.floorMod(seed * 31 + i++ * 7, 400)) / (i + 1));
        }
        return counts;
    }
}
