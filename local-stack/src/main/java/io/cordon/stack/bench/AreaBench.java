package io.cordon.stack.bench;

import static io.cordon.stack.bench.BenchKit.enc;
import static io.cordon.stack.bench.BenchKit.ms;
import static io.cordon.stack.bench.BenchKit.time;

import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The areas at the city's scale (docs/BENCHMARKS.md, "Areas"), measured by {@code ./cordon bench city} once the city's
 * registry (35,013 compounds placed in Shanghai's 6,509 communities) and its events are counted and yesterday's report
 * is frozen: {@code GET /api/v1/areas} at each level, tiles of a street and of a community beside the city's, the
 * ClickHouse queries of 200 walls in 200 area scopes against one wall, the city's snapshot with its areas, and the
 * sign-off status of every area.
 */
final class AreaBench {

    private final String dashboard;
    private final HttpClient http;
    private final ClickHouseHttp clickHouse;
    private final LocalDate today;
    private final Map<String, List<String>> rows = new LinkedHashMap<>();

    AreaBench(String dashboard, HttpClient http, ClickHouseHttp clickHouse, LocalDate today) {
        this.dashboard = dashboard;
        this.http = http;
        this.clickHouse = clickHouse;
        this.today = today;
    }

    /** Runs every measurement; answers the rows of the results table (name → figures). */
    Map<String, List<String>> measure() throws Exception {
        JsonArray streets = new JsonObject(get("/api/v1/areas?level=street")).getJsonArray("areas");
        JsonArray communities = new JsonObject(get("/api/v1/areas?level=community")).getJsonArray("areas");
        String street = streets.getJsonObject(streets.size() / 2).getString("area");
        String community = communities.getJsonObject(communities.size() / 2).getString("area");
        String district = "district:" + street.substring("street:".length(), street.indexOf('/'));
        record(
                "areas: GET /api/v1/areas",
                "level=community, all " + communities.size() + " rows: p95 "
                        + ms(time(20, () -> get("/api/v1/areas?level=community"))),
                "level=street, " + streets.size() + " rows: p95 "
                        + ms(time(20, () -> get("/api/v1/areas?level=street"))),
                "level=community within " + street + ": p95 "
                        + ms(time(50, () -> get("/api/v1/areas?level=community&within=" + enc(street)))),
                "level=street within " + district + ": p95 "
                        + ms(time(50, () -> get("/api/v1/areas?level=street&within=" + enc(district)))));
        // 25 ms apart, as the city stage's tiles (the pause not timed here): about one in twenty arrives while the
        // shared read of every figure is out, and is answered from the last read (at most two refreshes old)
        record(
                "areas: tiles side by side",
                "all p95 " + ms(BenchKit.timeSpaced(200, 25, () -> get("/api/v1/tiles?scope=all"))),
                street + " p95 " + ms(BenchKit.timeSpaced(200, 25, () -> get("/api/v1/tiles?scope=" + enc(street)))),
                community + " p95 "
                        + ms(BenchKit.timeSpaced(200, 25, () -> get("/api/v1/tiles?scope=" + enc(community)))));
        walls(streets, communities);
        String date = today.minusDays(1).toString();
        String[] snapshotSize = {""};
        Histogram snapshot = time(5, () -> {
            String body = get("/api/v1/snapshot?date=" + date + "&cutoff=20:00&format=json");
            snapshotSize[0] = String.format("%,d bytes", body.length());
            return body;
        });
        JsonObject areas = new JsonObject(get("/api/v1/snapshot?date=" + date + "&cutoff=20:00&format=json"))
                .getJsonObject("areas");
        record(
                "areas: the city's snapshot with its areas",
                "p95 " + ms(snapshot) + ", " + snapshotSize[0],
                areas.getJsonArray("district").size() + " districts, "
                        + areas.getJsonArray("street").size() + " streets, "
                        + areas.getJsonArray("community").size() + " communities");
        int[] listed = {0};
        Histogram signOffs = time(20, () -> {
            String body = get("/api/v1/reports/" + date + "/sign-offs?include=unsigned");
            listed[0] = new JsonArray(body).size();
            return body;
        });
        record("areas: sign-offs?include=unsigned", listed[0] + " areas: p95 " + ms(signOffs));
        return rows;
    }

    /** ClickHouse's queries with one wall of the city, then with 200 walls in 200 street and community scopes. */
    private void walls(JsonArray streets, JsonArray communities) throws Exception {
        List<String> scopes = new ArrayList<>();
        for (int i = 0; scopes.size() < 200; i++) {
            JsonArray from = i % 2 == 0 ? streets : communities;
            scopes.add(from.getJsonObject((i * 37) % from.size()).getString("area"));
        }
        record("areas: walls", BenchKit.queriesWithWalls(http, dashboard, clickHouse, scopes));
    }

    private void record(String key, String... values) {
        rows.put(key, List.of(values));
    }

    private String get(String path) throws Exception {
        return BenchKit.get(http, dashboard + path);
    }
}
