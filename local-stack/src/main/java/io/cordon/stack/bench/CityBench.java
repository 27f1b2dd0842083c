package io.cordon.stack.bench;

import static io.cordon.stack.bench.BenchKit.ms;
import static io.cordon.stack.bench.BenchKit.time;

import io.cordon.schemas.CheckpointCount;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.stack.LocalStack;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./cordon bench city-figures [scale]} (the first of {@code ./cordon bench city}'s three benches): a city
 * headquarters on the whole local stack, measured side by side at a small and at the city's history in one run
 * (docs/BENCHMARKS.md, "City scale").
 *
 * <ul>
 *   <li>Registry: 500 checkpoints in Shanghai's 16 districts and the 35,013 real compounds of
 *   {@code data/shanghai-2022-compounds.csv}, each with a plausible household count (60-540, about 10M in
 *   all at scale 1), uploaded through ingest's {@code PUT /api/v1/registry/...} in chunks.</li>
 *   <li>Events: written to the event log exactly as ingest writes them (validated records with the checkpoint's
 *   province, the visit's compound and {@code received_at}), then counted by the real Flink jobs: a pre-filled log,
 *   as a bounded run would read it. Small stage: the last 3 days, 1M arrivals; city stage: 87 more days before them
 *   (late data, 29M arrivals, about one arrival every two minutes at each checkpoint: ~30M checkpoint-minutes), and
 *   two rounds of visits (round 1 every household, 30 % of them twice; round 2 a fifth of them).</li>
 *   <li>At each stage: {@code GET /api/v1/tiles} (all, a district), the snapshot JSON and {@code GET /api/v1/compounds},
 *   and the naive peer: the same figures as {@code GROUP BY} over a raw table of the same arrivals.</li>
 *   <li>ClickHouse queries per second with 1 and with 50 walls open (50 scopes), from {@code system.events}.</li>
 *   <li>Exactness: every checkpoint's figures of a past day's 20:00 snapshot against the generator's own count.</li>
 * </ul>
 * {@code scale} (default 1) multiplies the arrivals and the households; compounds and checkpoints stay whole.
 */
public final class CityBench {

    private static final Logger OUT = LoggerFactory.getLogger("cordon");
    private static final String TOKEN = Benchmarks.TOKEN;
    private final double scale;
    private final LocalStack stack;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final CityFeeds feeds;
    private final ClickHouseHttp clickHouse;
    private final Instant now = Instant.now();
    private final LocalDate today = LocalDate.now(CityFeeds.ZONE);
    private final Map<String, List<String>> rows = new LinkedHashMap<>();
    private final FlinkRest flinkRest;

    private CityBench(double scale, LocalStack stack) {
        this.scale = scale;
        this.stack = stack;
        this.clickHouse = stack.clickHouse();
        this.flinkRest = new FlinkRest(stack, http);
        this.feeds = new CityFeeds(scale, stack, http, clickHouse, now, today);
    }

    public static void run(double scale) throws Exception {
        Path dir = BenchKit.scratch("cordon-city");
        Map<String, String> env = Benchmarks.stackEnv();
        env.put("CORDON_CHECKPOINT_INTERVAL", "PT30S");
        // the whole chain signs: the status list holds every community, street and district
        env.put("CORDON_SIGNOFF_LEVELS", "community,street,district");
        // 201 walls from this one address (reads are open: anonymous walls are counted per address)
        env.put("CORDON_WS_MAX_CLIENTS_PER_TOKEN", "500");
        try (LocalStack stack = LocalStack.start(env, dir, OUT::info)) {
            new CityBench(scale, stack).measure();
        }
        System.exit(0);
    }

    /**
     * {@code ./cordon bench city-state [scale]}: the city's arrivals of 90 days written in the order they happen, five
     * days at a time, each batch counted and then checkpointed, so that the correction window fills after 30 days and
     * then slides. Writes, after every batch, the Flink state of each operator that holds state and the checkpoint's
     * duration: the per-event state must stop growing once the window is full (docs/BENCHMARKS.md, "City scale").
     * The second of {@code ./cordon bench city}'s three benches.
     */
    public static void runState(double scale) throws Exception {
        Path dir = BenchKit.scratch("cordon-city-state");
        Map<String, String> env = Benchmarks.stackEnv();
        env.put("CORDON_CHECKPOINT_INTERVAL", "PT10S");
        System.setProperty("cordon.flink.state-metrics", "true");
        try (LocalStack stack = LocalStack.start(env, dir, OUT::info)) {
            new CityBench(scale, stack).measureState();
        }
        System.exit(0);
    }

    private static final int STATE_STEP_DAYS = 5;

    private void measureState() throws Exception {
        OUT.info(
                "city state bench at scale {}: {} checkpoints, {} days in order, {} at a time",
                scale,
                CityFeeds.CHECKPOINTS,
                CityFeeds.DAYS,
                STATE_STEP_DAYS);
        feeds.registerCheckpoints();
        long t0 = System.nanoTime();
        for (int d = 0; d < CityFeeds.DAYS; d += STATE_STEP_DAYS) {
            int to = Math.min(CityFeeds.DAYS, d + STATE_STEP_DAYS);
            long b0 = System.nanoTime();
            feeds.produceArrivals(d, to, false);
            awaitCounted("days " + d + "-" + (to - 1));
            long counted = (System.nanoTime() - b0) / 1_000_000;
            record(
                    String.format("after day %02d", to),
                    String.format("%,d arrivals counted (this batch in %,d ms)", feeds.produced(), counted),
                    flinkRest.stateByOperator(flinkRest.awaitCheckpoint()),
                    flinkRest.rocksDbEstimates());
        }
        OUT.info(
                "{} arrivals over {} days counted in {} s",
                feeds.produced(),
                CityFeeds.DAYS,
                (System.nanoTime() - t0) / 1_000_000_000);
        OUT.info("---- city state bench results (scale {}) ----", scale);
        rows.forEach((k, v) -> OUT.info("{} | {}", k, String.join(" | ", v)));
    }

    private void measure() throws Exception {
        OUT.info(
                "city bench at scale {}: {} checkpoints, {} days; data in a private stack",
                scale,
                CityFeeds.CHECKPOINTS,
                CityFeeds.DAYS);
        clickHouse.executeBlocking(
                "CREATE TABLE IF NOT EXISTS bench_raw_arrivals (checkpoint_id String, occurred_at DateTime('UTC'), "
                        + "event_id String, "
                        + String.join(
                                ", ",
                                CheckpointCount.KEYS.stream()
                                        .map(k -> k + " UInt16")
                                        .toList())
                        + ") ENGINE = MergeTree PARTITION BY toYYYYMM(occurred_at) ORDER BY (checkpoint_id, occurred_at)");
        feeds.registerCheckpoints();
        List<String[]> compounds = feeds.registerHouseholds();
        long v0 = System.nanoTime();
        long visits = feeds.produceVisits(compounds);
        OUT.info("{} visits written to the event log in {} s", visits, (System.nanoTime() - v0) / 1_000_000_000);

        long t0 = System.nanoTime();
        feeds.produceArrivals(CityFeeds.DAYS - CityFeeds.SMALL_DAYS, CityFeeds.DAYS);
        awaitCounted("small stage");
        OUT.info(
                "small stage: {} arrivals counted {} s after the first was written",
                feeds.produced(),
                (System.nanoTime() - t0) / 1_000_000_000);
        awaitVisits(visits);
        stage("small", feeds.produced());

        t0 = System.nanoTime();
        feeds.produceArrivals(0, CityFeeds.DAYS - CityFeeds.SMALL_DAYS);
        awaitCounted("city stage");
        OUT.info(
                "city stage: {} arrivals counted {} s after the first of the stage was written",
                feeds.produced(),
                (System.nanoTime() - t0) / 1_000_000_000);
        stage("city", feeds.produced());
        record("Flink state during the city stage (sampled every minute)", stateSamples.toArray(String[]::new));
        minuteRows();
        walls();
        feeds.exactness(new JsonObject(
                        get("/api/v1/snapshot?date=" + today.minusDays(1) + "&cutoff=20:00&format=json")))
                .forEach((key, values) -> record(key, values.toArray(String[]::new)));
        rows.putAll(new CityCorrections(stack, http, today).measure(compounds));
        rows.putAll(new AreaBench(stack.dashboardUrl(), http, clickHouse, today).measure());
        OUT.info("---- city bench results (scale {}) ----", scale);
        rows.forEach((k, v) -> OUT.info("{} | {}", k, String.join(" | ", v)));
    }

    private void awaitCounted(String stage) throws Exception {
        long last = -1;
        while (true) {
            long counted = number("SELECT sum(arrivals) AS n FROM checkpoint_totals FINAL FORMAT JSON");
            if (counted == feeds.produced()) {
                return;
            }
            if (counted != last) {
                OUT.info("{}: {} of {} arrivals counted", stage, counted, feeds.produced());
                last = counted;
            }
            if (stage.startsWith("city") && System.nanoTime() - lastStateSample > 60_000_000_000L) {
                lastStateSample = System.nanoTime();
                String state = flinkState();
                stateSamples.add(counted + " counted: " + state);
                OUT.info("{}: Flink state at {} arrivals counted: {}", stage, counted, state);
            }
            Thread.sleep(10_000);
        }
    }

    private long lastStateSample;
    private final List<String> stateSamples = new ArrayList<>();

    /**
     * The jobs' latest completed checkpoint, from the MiniCluster's REST API: its end-to-end duration, the whole keyed
     * state's size (RocksDB's files that make it up) and what this incremental checkpoint uploaded.
     */
    private String flinkState() {
        try {
            String base =
                    stack.flink().restUrl() + "/jobs/" + stack.flink().job().getJobID();
            JsonObject stats = new JsonObject(http.send(
                            HttpRequest.newBuilder(URI.create(base + "/checkpoints"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            JsonObject last = stats.getJsonObject("latest").getJsonObject("completed");
            if (last == null) {
                return "no checkpoint completed yet";
            }
            return String.format(
                    "checkpoint %d took %,d ms, state %,.0f MiB (uploaded %,.0f MiB), %d checkpoints failed so far",
                    last.getLong("id"),
                    last.getLong("end_to_end_duration"),
                    last.getLong("state_size") / 1048576.0,
                    last.getLong("checkpointed_size") / 1048576.0,
                    stats.getJsonObject("counts").getLong("failed"));
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private void awaitVisits(long visits) throws Exception {
        long last = -1;
        while (true) {
            long counted = number("SELECT count() AS n FROM household_visits FINAL FORMAT JSON");
            if (counted == visits) {
                Thread.sleep(5_000); // the compound totals follow the visits
                return;
            }
            if (counted != last) {
                OUT.info("{} of {} visits counted", counted, visits);
                last = counted;
            }
            Thread.sleep(10_000);
        }
    }

    /**
     * Waits (at most a minute) until ClickHouse has merged what the stage wrote, so that both stages are measured on a
     * server at rest: the first runs of this bench measured the small stage while the visits' parts were still merging.
     */
    private void awaitQuiet(String stage) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + 60_000_000_000L;
        long merges;
        do {
            Thread.sleep(1_000);
            merges = Long.parseLong(clickHouse
                    .executeBlocking("SELECT count() FROM system.merges FORMAT TSV")
                    .trim());
        } while (merges > 0 && System.nanoTime() < deadline);
        OUT.info(
                "{} stage: ClickHouse at rest after {} s ({} merges running)",
                stage,
                (System.nanoTime() - t0) / 1_000_000_000,
                merges);
    }

    private long number(String sql) {
        JsonObject r = new JsonObject(clickHouse.executeBlocking(sql))
                .getJsonArray("data")
                .getJsonObject(0);
        Object v = r.getValue("n");
        return v instanceof Number num ? num.longValue() : Long.parseLong(String.valueOf(v));
    }

    // ---- measurements ----

    private void stage(String name, long arrivals) throws Exception {
        awaitQuiet(name);
        String district = CityFeeds.DISTRICTS[1];
        String d = URLEncoder.encode("district:" + district, StandardCharsets.UTF_8);
        String date = today.minusDays(1).toString();
        Histogram read = new Histogram(600_000_000L, 3);
        ReadParts readParts = new ReadParts();
        Histogram all = time(200, () -> {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(stack.dashboardUrl() + "/api/v1/tiles?scope=all"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            read.recordValue(1000
                    * Long.parseLong(
                            r.headers().firstValue("X-Cordon-Figures-Read-Ms").orElse("0")));
            readParts.record(
                    r.headers().firstValue("X-Cordon-Figures-Read-Parts").orElse(""));
            Thread.sleep(25);
            return r;
        });
        Histogram one = time(200, () -> get("/api/v1/tiles?scope=" + d));
        Histogram snap = time(20, () -> get("/api/v1/snapshot?date=" + date + "&cutoff=20:00&format=json"));
        Histogram comp = time(50, () -> get("/api/v1/compounds"));
        Histogram homes = time(50, () -> get("/api/v1/compounds/SH-1/households"));
        Histogram overdue = time(20, () -> get("/api/v1/revisits/overdue"));
        long fromToday = today.atStartOfDay(CityFeeds.ZONE).toEpochSecond();
        long minute = now.getEpochSecond() / 60 * 60;
        long cutoff = today.minusDays(1).atTime(20, 0).atZone(CityFeeds.ZONE).toEpochSecond();
        long dayStart = today.minusDays(1).atStartOfDay(CityFeeds.ZONE).toEpochSecond();
        StringBuilder tilesSql = new StringBuilder("SELECT ");
        StringBuilder snapSql = new StringBuilder("SELECT checkpoint_id");
        for (String k : CheckpointCount.KEYS) {
            tilesSql.append("sumIf(")
                    .append(k)
                    .append(", occurred_at >= toDateTime(")
                    .append(minute - 14 * 60)
                    .append(")), ")
                    .append("sumIf(")
                    .append(k)
                    .append(", occurred_at >= toDateTime(")
                    .append(minute - 59 * 60)
                    .append(")), ")
                    .append("sumIf(")
                    .append(k)
                    .append(", occurred_at >= toDateTime(")
                    .append(fromToday)
                    .append(")), ")
                    .append("sum(")
                    .append(k)
                    .append("), ");
            snapSql.append(", sumIf(")
                    .append(k)
                    .append(", occurred_at >= toDateTime(")
                    .append(dayStart)
                    .append(")), sum(")
                    .append(k)
                    .append(")");
        }
        tilesSql.setLength(tilesSql.length() - 2);
        String peerTiles =
                tilesSql + " FROM bench_raw_arrivals WHERE occurred_at < toDateTime(" + (minute + 60) + ") FORMAT JSON";
        String peerDistrict = tilesSql + " FROM bench_raw_arrivals WHERE occurred_at < toDateTime(" + (minute + 60)
                + ") AND checkpoint_id IN (SELECT checkpoint_id FROM checkpoints FINAL WHERE district = '" + district
                + "') FORMAT JSON";
        String peerSnap = snapSql + " FROM bench_raw_arrivals WHERE occurred_at < toDateTime(" + cutoff
                + ") GROUP BY checkpoint_id FORMAT JSON";
        Histogram pAll = time(20, () -> clickHouse.executeBlocking(peerTiles));
        Histogram pOne = time(20, () -> clickHouse.executeBlocking(peerDistrict));
        Histogram pSnap = time(20, () -> clickHouse.executeBlocking(peerSnap));
        record(
                name + " (" + arrivals + " arrivals)",
                "tiles all p95 " + ms(all),
                "one refresh read of every figure p95 " + ms(read),
                "its parts, each from the read's start, p95 " + readParts,
                "tiles district p95 " + ms(one),
                "snapshot JSON p95 " + ms(snap),
                "compounds p95 " + ms(comp),
                "one compound's households p95 " + ms(homes),
                "overdue revisits p95 " + ms(overdue),
                "peer tiles all p95 " + ms(pAll),
                "peer tiles district p95 " + ms(pOne),
                "peer snapshot (checkpoints only) p95 " + ms(pSnap),
                "Flink " + flinkState());
    }

    private void minuteRows() {
        record(
                "rollup rows",
                "minute rows " + number("SELECT count() AS n FROM checkpoint_minute_totals FINAL FORMAT JSON"),
                "day rows " + number("SELECT count() AS n FROM checkpoint_day_totals FINAL FORMAT JSON"),
                "raw arrivals (peer) " + feeds.rawRows());
    }

    private void walls() throws Exception {
        List<String> scopes = new ArrayList<>();
        for (String d : CityFeeds.DISTRICTS) {
            scopes.add("district:" + d);
        }
        for (int c = 0; scopes.size() < 49; c++) {
            scopes.add("checkpoint:" + CityFeeds.checkpointId(c * 7));
        }
        record("walls", BenchKit.queriesWithWalls(http, stack.dashboardUrl(), clickHouse, scopes));
    }

    private void record(String key, String... values) {
        rows.put(key, List.of(values));
        OUT.info("{}: {}", key, String.join("; ", values));
    }

    private String get(String path) throws IOException, InterruptedException {
        return BenchKit.get(http, stack.dashboardUrl() + path);
    }
}
