package io.cordon.stack.bench;

import static io.cordon.stack.bench.BenchKit.enc;
import static io.cordon.stack.bench.BenchKit.ms;
import static io.cordon.stack.bench.BenchKit.time;

import io.cordon.schemas.CheckpointArrival;
import io.cordon.schemas.CheckpointCount;
import io.cordon.schemas.HouseholdVisit;
import io.cordon.schemas.Json;
import io.cordon.schemas.Topics;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.stack.Divisions;
import io.cordon.stack.LocalStack;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
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
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int CHECKPOINTS = 500;
    private static final int DAYS = 90;
    private static final int SMALL_DAYS = 3;
    private static final String[] DISTRICTS = {
        "浦东新区", "黄浦区", "宝山区", "虹口区", "静安区", "闵行区", "杨浦区", "徐汇区", "嘉定区", "松江区", "长宁区", "普陀区", "青浦区", "奉贤区", "金山区", "崇明区"
    };

    private final double scale;
    private final LocalStack stack;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final KafkaProducer<String, String> producer;
    private final ClickHouseHttp clickHouse;
    private final Instant now = Instant.now();
    private final LocalDate today = LocalDate.now(ZONE);
    /** The generator's own count: [checkpoint][day index][count] of events before 20:00, and of the whole day. */
    private final long[][][] before20 = new long[CHECKPOINTS][DAYS][CheckpointCount.SIZE];

    private final long[][][] wholeDay = new long[CHECKPOINTS][DAYS][CheckpointCount.SIZE];
    private long produced;
    private long rawRows;
    private final Map<String, List<String>> rows = new LinkedHashMap<>();
    private final FlinkRest flinkRest;

    private CityBench(double scale, LocalStack stack) {
        this.scale = scale;
        this.stack = stack;
        this.clickHouse = stack.clickHouse();
        this.flinkRest = new FlinkRest(stack, http);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.env().get("CORDON_KAFKA_BOOTSTRAP"));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L * 1024 * 1024));
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    public static void run(double scale) throws Exception {
        Path dir = Files.createTempDirectory("cordon-city");
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
        Path dir = Files.createTempDirectory("cordon-city-state");
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
                CHECKPOINTS,
                DAYS,
                STATE_STEP_DAYS);
        registerCheckpoints();
        long t0 = System.nanoTime();
        for (int d = 0; d < DAYS; d += STATE_STEP_DAYS) {
            int to = Math.min(DAYS, d + STATE_STEP_DAYS);
            long b0 = System.nanoTime();
            produceArrivals(d, to, false);
            awaitCounted("days " + d + "-" + (to - 1));
            long counted = (System.nanoTime() - b0) / 1_000_000;
            record(
                    String.format("after day %02d", to),
                    String.format("%,d arrivals counted (this batch in %,d ms)", produced, counted),
                    flinkRest.stateByOperator(flinkRest.awaitCheckpoint()),
                    flinkRest.rocksDbEstimates());
        }
        OUT.info("{} arrivals over {} days counted in {} s", produced, DAYS, (System.nanoTime() - t0) / 1_000_000_000);
        OUT.info("---- city state bench results (scale {}) ----", scale);
        rows.forEach((k, v) -> OUT.info("{} | {}", k, String.join(" | ", v)));
    }

    private void measure() throws Exception {
        OUT.info("city bench at scale {}: {} checkpoints, {} days; data in a private stack", scale, CHECKPOINTS, DAYS);
        clickHouse.executeBlocking(
                "CREATE TABLE IF NOT EXISTS bench_raw_arrivals (checkpoint_id String, occurred_at DateTime('UTC'), "
                        + "event_id String, "
                        + String.join(
                                ", ",
                                CheckpointCount.KEYS.stream()
                                        .map(k -> k + " UInt16")
                                        .toList())
                        + ") ENGINE = MergeTree PARTITION BY toYYYYMM(occurred_at) ORDER BY (checkpoint_id, occurred_at)");
        registerCheckpoints();
        List<String[]> compounds = registerHouseholds();
        long v0 = System.nanoTime();
        long visits = produceVisits(compounds);
        OUT.info("{} visits written to the event log in {} s", visits, (System.nanoTime() - v0) / 1_000_000_000);

        long t0 = System.nanoTime();
        produceArrivals(DAYS - SMALL_DAYS, DAYS);
        awaitCounted("small stage");
        OUT.info(
                "small stage: {} arrivals counted {} s after the first was written",
                produced,
                (System.nanoTime() - t0) / 1_000_000_000);
        awaitVisits(visits);
        stage("small", produced);

        t0 = System.nanoTime();
        produceArrivals(0, DAYS - SMALL_DAYS);
        awaitCounted("city stage");
        OUT.info(
                "city stage: {} arrivals counted {} s after the first of the stage was written",
                produced,
                (System.nanoTime() - t0) / 1_000_000_000);
        stage("city", produced);
        record("Flink state during the city stage (sampled every minute)", stateSamples.toArray(String[]::new));
        minuteRows();
        walls();
        exactness();
        reportOfRecord(compounds);
        rows.putAll(new AreaBench(stack.dashboardUrl(), http, clickHouse, today).measure());
        OUT.info("---- city bench results (scale {}) ----", scale);
        rows.forEach((k, v) -> OUT.info("{} | {}", k, String.join(" | ", v)));
    }

    // ---- registry, through ingest ----

    private void registerCheckpoints() throws Exception {
        StringBuilder csv =
                new StringBuilder("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n");
        String[] kinds = {"highway", "railway", "compound_gate", "village_entrance", "other"};
        for (int c = 0; c < CHECKPOINTS; c++) {
            csv.append(checkpointId(c))
                    .append(",卡口")
                    .append(c)
                    .append(',')
                    .append(kinds[c % kinds.length])
                    .append(",上海,上海,")
                    .append(DISTRICTS[c % DISTRICTS.length])
                    .append(",街道")
                    .append(c % 40)
                    .append(",,\n");
        }
        HttpResponse<String> r =
                send("PUT", stack.ingestUrl() + "/api/v1/registry/checkpoints", "text/csv", csv.toString());
        OUT.info("checkpoints registered: {}", r.body());
    }

    private static String checkpointId(int c) {
        return String.format("CK-%03d", c);
    }

    private List<String[]> registerHouseholds() throws Exception {
        Path file = Path.of(System.getProperty("cordon.data", "data"), "shanghai-2022-compounds.csv");
        List<String[]> compounds = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.readLine();
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",", -1);
                int households =
                        (int) Math.max(1, Math.round((60 + Math.floorMod((f[1] + n).hashCode(), 481)) * scale));
                compounds.add(new String[] {"SH-" + n, f[0], f[1].replace("\"", ""), String.valueOf(households)});
                n++;
            }
        }
        String header =
                "household_id,district,street,community,compound_id,compound_name,building,unit,room,responsible_unit,grid_id\n";
        StringBuilder csv = new StringBuilder(header);
        long total = 0;
        int inChunk = 0;
        long t0 = System.nanoTime();
        Divisions divisions = Divisions.shanghai();
        for (String[] c : compounds) {
            int households = Integer.parseInt(c[3]);
            // the list names no street or community: each compound is placed in one of its district's real communities
            Divisions.Community at = divisions.place(c[1], c[2]);
            for (int h = 0; h < households; h++) {
                csv.append(c[0])
                        .append('-')
                        .append(h)
                        .append(',')
                        .append(c[1])
                        .append(',')
                        .append(at.street())
                        .append(',')
                        .append(at.community())
                        .append(',')
                        .append(c[0])
                        .append(",\"")
                        .append(c[2])
                        .append("\",")
                        .append(h / 24 + 1)
                        .append(",1,")
                        .append(h % 24 + 101)
                        .append(",单位")
                        .append(Math.floorMod(c[0].hashCode(), 71))
                        .append(",G\n");
                total++;
                if (++inChunk == 100_000) {
                    send("PUT", stack.ingestUrl() + "/api/v1/registry/households", "text/csv", csv.toString());
                    csv.setLength(0);
                    csv.append(header);
                    inChunk = 0;
                }
            }
        }
        if (inChunk > 0) {
            send("PUT", stack.ingestUrl() + "/api/v1/registry/households", "text/csv", csv.toString());
        }
        OUT.info(
                "{} households of {} compounds registered through ingest in {} s",
                total,
                compounds.size(),
                (System.nanoTime() - t0) / 1_000_000_000);
        return compounds;
    }

    // ---- events, as ingest writes them ----

    /** Per compound, the generator's own count of round 2 by yesterday 20:00: households visited, resolved. */
    private final Map<String, long[]> round2Expected = new HashMap<>();
    /** Households per compound, as registered. */
    private final Map<String, Long> householdsOf = new HashMap<>();

    private long produceVisits(List<String[]> compounds) {
        long n = 0;
        Instant round1 = today.minusDays(10).atStartOfDay(ZONE).toInstant();
        Instant round2 = today.minusDays(2).atStartOfDay(ZONE).toInstant();
        SplittableRandom random = new SplittableRandom(11);
        for (String[] c : compounds) {
            int households = Integer.parseInt(c[3]);
            householdsOf.put(c[0], (long) households);
            for (int h = 0; h < households; h++) {
                String household = c[0] + "-" + h;
                Instant at = round1.plusSeconds(random.nextLong(6 * 86_400L));
                if (random.nextInt(10) < 3) {
                    visit("r1a-" + household, household, c[0], 1, at, "nobody_home");
                    at = at.plusSeconds(7_200 + random.nextLong(86_400));
                    n++;
                }
                visit("r1-" + household, household, c[0], 1, at, random.nextInt(20) == 0 ? "vacant" : "reached");
                n++;
                if (random.nextInt(5) == 0) {
                    Instant at2 = round2.plusSeconds(random.nextLong(86_400));
                    boolean home = random.nextInt(4) != 0;
                    visit("r2-" + household, household, c[0], 2, at2, home ? "reached" : "nobody_home");
                    n++;
                    // round 2's visits all fall the day before yesterday: by yesterday 20:00 each household visited is
                    // resolved (reached) or pending, and a pending one is overdue (its visit more than 6 h before)
                    long[] e = round2Expected.computeIfAbsent(c[0], k -> new long[2]);
                    e[0]++;
                    e[1] += home ? 1 : 0;
                }
            }
        }
        producer.flush();
        return n;
    }

    private void visit(String id, String household, String compound, int round, Instant at, String outcome) {
        HouseholdVisit v = new HouseholdVisit(
                id,
                household,
                compound,
                round,
                at,
                "team-" + (household.hashCode() & 63),
                outcome,
                3,
                0,
                0,
                0,
                at.plusSeconds(30));
        producer.send(new ProducerRecord<>(Topics.HOUSEHOLD_VISITS, id, Json.write(v)));
    }

    /** Arrivals of the days [fromDay, toDay) (day DAYS - 1 is today, up to now), in day order, checkpoints interleaved. */
    private void produceArrivals(int fromDay, int toDay) throws Exception {
        produceArrivals(fromDay, toDay, true);
    }

    /** As above; {@code peer}: also into the peer's raw table. */
    private void produceArrivals(int fromDay, int toDay, boolean peer) throws Exception {
        int perDay = (int) Math.round(667 * scale);
        StringBuilder raw = new StringBuilder();
        for (int d = fromDay; d < toDay; d++) {
            LocalDate date = today.minusDays(DAYS - 1 - d);
            long dayStart = date.atStartOfDay(ZONE).toEpochSecond();
            long cut20 = date.atTime(20, 0).atZone(ZONE).toEpochSecond();
            for (int c = 0; c < CHECKPOINTS; c++) {
                SplittableRandom random = new SplittableRandom(c * 1_000L + d);
                for (int k = 0; k < perDay; k++) {
                    long at = dayStart + (long) k * 86_400 / perDay + random.nextInt(60);
                    if (at >= now.getEpochSecond()) {
                        break;
                    }
                    CheckpointArrival a = arrival(c, d, k, Instant.ofEpochSecond(at), random);
                    long[] counts = CheckpointCount.of(a, 37.3);
                    for (int i = 0; i < counts.length; i++) {
                        wholeDay[c][d][i] += counts[i];
                        if (at < cut20) {
                            before20[c][d][i] += counts[i];
                        }
                    }
                    producer.send(new ProducerRecord<>(Topics.CHECKPOINT_ARRIVALS, a.eventId(), Json.write(a)));
                    produced++;
                    if (!peer) {
                        continue;
                    }
                    raw.append("{\"checkpoint_id\":\"")
                            .append(a.checkpointId())
                            .append("\",\"occurred_at\":")
                            .append(at)
                            .append(",\"event_id\":\"")
                            .append(a.eventId())
                            .append('"');
                    for (CheckpointCount cc : CheckpointCount.ALL) {
                        raw.append(",\"").append(cc.key()).append("\":").append(counts[cc.ordinal()]);
                    }
                    raw.append("}\n");
                    rawRows++;
                }
            }
            if (peer) {
                clickHouse.executeBlocking("INSERT INTO bench_raw_arrivals FORMAT JSONEachRow\n" + raw);
                raw.setLength(0);
            }
        }
        producer.flush();
        OUT.info("arrivals of days {}-{} written: {} in all", fromDay, toDay - 1, produced);
    }

    private static CheckpointArrival arrival(int c, int d, int k, Instant at, SplittableRandom random) {
        boolean vehicle = random.nextInt(10) < 4;
        int persons = 1 + random.nextInt(3);
        List<CheckpointArrival.Person> people = new ArrayList<>(persons);
        for (int p = 0; p < persons; p++) {
            double t = random.nextInt(2000) == 0 ? 37.5 + random.nextInt(15) / 10.0 : 36.0 + random.nextInt(10) / 10.0;
            people.add(new CheckpointArrival.Person(t, random.nextInt(10) == 0 ? "江苏" : "上海", null));
        }
        int decision = random.nextInt(100);
        return new CheckpointArrival(
                "a-" + c + "-" + d + "-" + k,
                checkpointId(c),
                "上海",
                at,
                "in",
                vehicle ? new CheckpointArrival.Vehicle("hash", "car") : null,
                people,
                decision < 5 ? "turned_back" : decision < 6 ? "referred" : "admitted",
                null,
                at.plusSeconds(30));
    }

    private void awaitCounted(String stage) throws Exception {
        long last = -1;
        while (true) {
            long counted = number("SELECT sum(arrivals) AS n FROM checkpoint_totals FINAL FORMAT JSON");
            if (counted == produced) {
                return;
            }
            if (counted != last) {
                OUT.info("{}: {} of {} arrivals counted", stage, counted, produced);
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
        String district = DISTRICTS[1];
        String d = java.net.URLEncoder.encode("district:" + district, StandardCharsets.UTF_8);
        String date = today.minusDays(1).toString();
        Histogram read = new Histogram(600_000_000L, 3);
        Histogram all = time(200, () -> {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(stack.dashboardUrl() + "/api/v1/tiles?scope=all"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            read.recordValue(1000
                    * Long.parseLong(
                            r.headers().firstValue("X-Cordon-Figures-Read-Ms").orElse("0")));
            Thread.sleep(25);
            return r;
        });
        Histogram one = time(200, () -> get("/api/v1/tiles?scope=" + d));
        Histogram snap = time(20, () -> get("/api/v1/snapshot?date=" + date + "&cutoff=20:00&format=json"));
        Histogram comp = time(50, () -> get("/api/v1/compounds"));
        Histogram homes = time(50, () -> get("/api/v1/compounds/SH-1/households"));
        Histogram overdue = time(20, () -> get("/api/v1/revisits/overdue"));
        long fromToday = today.atStartOfDay(ZONE).toEpochSecond();
        long minute = now.getEpochSecond() / 60 * 60;
        long cutoff = today.minusDays(1).atTime(20, 0).atZone(ZONE).toEpochSecond();
        long dayStart = today.minusDays(1).atStartOfDay(ZONE).toEpochSecond();
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
                "raw arrivals (peer) " + rawRows);
    }

    private void walls() throws Exception {
        List<String> scopes = new ArrayList<>();
        for (String d : DISTRICTS) {
            scopes.add("district:" + d);
        }
        for (int c = 0; scopes.size() < 49; c++) {
            scopes.add("checkpoint:" + checkpointId(c * 7));
        }
        record("walls", BenchKit.queriesWithWalls(http, stack.dashboardUrl(), clickHouse, scopes));
    }

    /** Every checkpoint's today and cumulative figures of yesterday's 20:00 snapshot against the generator's count. */
    private void exactness() throws Exception {
        int day = DAYS - 2;
        JsonObject snap =
                new JsonObject(get("/api/v1/snapshot?date=" + today.minusDays(1) + "&cutoff=20:00&format=json"));
        int wrong = 0;
        int checked = 0;
        for (Object o : snap.getJsonArray("checkpoints")) {
            JsonObject row = (JsonObject) o;
            int c = Integer.parseInt(row.getString("checkpoint_id").substring(3));
            for (CheckpointCount cc : CheckpointCount.ALL) {
                long cumulative = 0;
                for (int d = 0; d < day; d++) {
                    cumulative += wholeDay[c][d][cc.ordinal()];
                }
                cumulative += before20[c][day][cc.ordinal()];
                checked += 2;
                if (row.getJsonObject("today").getLong(cc.key()) != before20[c][day][cc.ordinal()]) {
                    wrong++;
                }
                if (row.getJsonObject("cumulative").getLong(cc.key()) != cumulative) {
                    wrong++;
                }
            }
        }
        // every compound's figures of the same snapshot (its round: 2, the latest with a visit before the cutoff)
        int compoundWrong = 0;
        int compoundChecked = 0;
        for (Object o : snap.getJsonArray("compounds")) {
            JsonObject row = (JsonObject) o;
            String id = row.getString("compound_id");
            long households = householdsOf.getOrDefault(id, -1L);
            long[] e = round2Expected.getOrDefault(id, new long[2]);
            long[][] pairs = {
                {row.getLong("households"), households},
                {row.getLong("resolved"), e[1]},
                {row.getLong("pending_revisit"), e[0] - e[1]},
                {row.getLong("revisit_overdue"), e[0] - e[1]},
                {row.getLong("never_visited"), households - e[0]},
                {row.getLong("home_quarantine"), 0},
                {row.getLong("central_quarantine"), 0}
            };
            for (long[] p : pairs) {
                compoundChecked++;
                compoundWrong += p[0] == p[1] ? 0 : 1;
            }
        }
        record(
                "exactness",
                "snapshot " + today.minusDays(1) + " 20:00: " + checked
                        + " checkpoint figures compared with the generator's count, " + wrong + " differ",
                "checkpoints listed " + snap.getJsonArray("checkpoints").size(),
                "round " + snap.getInteger("round") + ": " + compoundChecked + " compound figures compared, "
                        + compoundWrong + " differ",
                "compounds listed " + snap.getJsonArray("compounds").size() + " of " + householdsOf.size());
    }

    /**
     * Corrections and voids, from the answer to the live figures (the tiles every wall gets; the compound table), and
     * the report of record: freezing yesterday's at 20:00 over the whole registry, then downloading each format.
     */
    private void reportOfRecord(List<String[]> compounds) throws Exception {
        String json = "application/json";
        Histogram arrivalFixed = new Histogram(600_000_000L, 3);
        Histogram arrivalVoided = new Histogram(600_000_000L, 3);
        for (int i = 0; i < 30; i++) {
            String cp = checkpointId(i * 7 % CHECKPOINTS);
            String tiles = "/api/v1/tiles?scope=checkpoint:" + cp;
            String id = "fix-a-" + i;
            String at = io.cordon.schemas.EventTimes.format(Instant.now().minusSeconds(600), ZONE);
            long before = persons(tiles);
            send("POST", stack.ingestUrl() + "/api/v1/checkpoint-events", json, fixArrival(id, cp, at, 1, ""));
            awaitPersons(tiles, before + 1);
            long t0 = System.nanoTime();
            send(
                    "PUT",
                    stack.ingestUrl() + "/api/v1/checkpoint-events/" + id,
                    json,
                    fixArrival(id, cp, at, 3, ",\"correction_reason\":\"bench\""));
            awaitPersons(tiles, before + 3);
            arrivalFixed.recordValue((System.nanoTime() - t0) / 1000);
            t0 = System.nanoTime();
            send("DELETE", stack.ingestUrl() + "/api/v1/checkpoint-events/" + id + "?reason=bench", json, "");
            awaitPersons(tiles, before);
            arrivalVoided.recordValue((System.nanoTime() - t0) / 1000);
        }
        Histogram visitFixed = new Histogram(600_000_000L, 3);
        Histogram visitVoided = new Histogram(600_000_000L, 3);
        Divisions divisions = Divisions.shanghai();
        for (int i = 0; i < 30; i++) {
            String[] c = compounds.get(i * 997 % compounds.size());
            Divisions.Community place = divisions.place(c[1], c[2]);
            String filter = "/api/v1/compounds?round=3&district=" + enc(c[1]) + "&street=" + enc(place.street())
                    + "&community=" + enc(place.community());
            String id = "fix-v-" + i;
            String at = io.cordon.schemas.EventTimes.format(Instant.now().minusSeconds(600), ZONE);
            String visit = "{\"event_id\":\"" + id + "\",\"household_id\":\"" + c[0]
                    + "-0\",\"round\":3,\"visited_at\":\"" + at + "\",\"outcome\":\"%s\"%s}";
            send("POST", stack.ingestUrl() + "/api/v1/household-visits", json, String.format(visit, "nobody_home", ""));
            awaitCompound(filter, c[0], "pending_revisit", 1);
            long t0 = System.nanoTime();
            send(
                    "PUT",
                    stack.ingestUrl() + "/api/v1/household-visits/" + id,
                    json,
                    String.format(visit, "reached", ",\"correction_reason\":\"bench\""));
            awaitCompound(filter, c[0], "resolved", 1);
            visitFixed.recordValue((System.nanoTime() - t0) / 1000);
            t0 = System.nanoTime();
            send("DELETE", stack.ingestUrl() + "/api/v1/household-visits/" + id + "?reason=bench", json, "");
            awaitCompound(filter, c[0], "resolved", 0);
            visitVoided.recordValue((System.nanoTime() - t0) / 1000);
        }
        record(
                "corrections (30 each, answer to figure)",
                "arrival corrected, on the tiles p95 " + ms(arrivalFixed),
                "arrival voided, on the tiles p95 " + ms(arrivalVoided),
                "visit corrected, in /api/v1/compounds p95 " + ms(visitFixed),
                "visit voided, in /api/v1/compounds p95 " + ms(visitVoided));

        String date = today.minusDays(1).toString();
        long t0 = System.nanoTime();
        send("POST", stack.dashboardUrl() + "/api/v1/reports?date=" + date + "&cutoff=20:00", json, "");
        long freezeMs = (System.nanoTime() - t0) / 1_000_000;
        List<String> downloads = new ArrayList<>();
        for (String format : List.of("json", "csv", "xlsx", "pdf")) {
            downloads.add(format + " p95 "
                    + ms(time(
                            20,
                            () -> http.send(
                                    HttpRequest.newBuilder(URI.create(stack.dashboardUrl() + "/api/v1/reports/" + date
                                                    + "?format=" + format))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofByteArray()))));
        }
        JsonObject report = new JsonObject(get("/api/v1/reports/" + date + "?format=json"));
        record(
                "report of record " + date + " 20:00 ("
                        + report.getJsonArray("checkpoints").size() + " checkpoints, "
                        + report.getJsonArray("compounds").size() + " compounds)",
                "freeze (every format, city and districts) " + freezeMs + " ms",
                "download " + String.join(", ", downloads),
                "changes p95 " + ms(time(5, () -> get("/api/v1/reports/" + date + "/changes"))));
    }

    private static String fixArrival(String id, String cp, String at, int persons, String extra) {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < persons; i++) {
            p.append(i == 0 ? "" : ",").append("{\"temperature_c\":36.5}");
        }
        return "{\"event_id\":\"" + id + "\",\"checkpoint_id\":\"" + cp + "\",\"occurred_at\":\"" + at
                + "\",\"direction\":\"in\",\"persons\":[" + p + "],\"decision\":\"admitted\"" + extra + "}";
    }

    private long persons(String tiles) throws Exception {
        return new JsonObject(get(tiles))
                .getJsonObject("tiles")
                .getJsonObject("registered_persons")
                .getLong("cumulative");
    }

    private void awaitPersons(String tiles, long expected) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (persons(tiles) != expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(tiles + " never showed " + expected + " persons");
            }
            Thread.sleep(10);
        }
    }

    private void awaitCompound(String filter, String compound, String field, long expected) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            for (Object o : new JsonObject(get(filter)).getJsonArray("compounds")) {
                JsonObject row = (JsonObject) o;
                if (row.getString("compound_id").equals(compound) && row.getLong(field) == expected) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(compound + " never showed " + field + " " + expected);
            }
            Thread.sleep(10);
        }
    }

    private void record(String key, String... values) {
        rows.put(key, List.of(values));
        OUT.info("{}: {}", key, String.join("; ", values));
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(stack.dashboardUrl() + path))
                        .timeout(Duration.ofMinutes(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private HttpResponse<String> send(String method, String url, String type, String body) throws Exception {
        HttpResponse<String> r = Benchmarks.send(http, method, url, type, body);
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r;
    }
}
