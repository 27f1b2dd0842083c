package io.cordon.stack.bench;

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
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The city bench's data: the registry uploaded through ingest, and the events written to the event log as ingest writes
 * them, with the generator's own count of every figure to compare the snapshot with.
 */
final class CityFeeds {

    private static final Logger OUT = LoggerFactory.getLogger("cordon");
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final int CHECKPOINTS = 500;
    static final int DAYS = 90;
    static final int SMALL_DAYS = 3;
    static final String[] DISTRICTS = {
        "浦东新区", "黄浦区", "宝山区", "虹口区", "静安区", "闵行区", "杨浦区", "徐汇区", "嘉定区", "松江区", "长宁区", "普陀区", "青浦区", "奉贤区", "金山区", "崇明区"
    };

    private final double scale;
    private final LocalStack stack;
    private final HttpClient http;
    private final ClickHouseHttp clickHouse;
    private final Instant now;
    private final LocalDate today;
    private final KafkaProducer<String, String> producer;
    /** The generator's own count: [checkpoint][day index][count] of events before 20:00, and of the whole day. */
    private final long[][][] before20 = new long[CHECKPOINTS][DAYS][CheckpointCount.SIZE];

    private final long[][][] wholeDay = new long[CHECKPOINTS][DAYS][CheckpointCount.SIZE];
    private long produced;
    private long rawRows;

    CityFeeds(
            double scale, LocalStack stack, HttpClient http, ClickHouseHttp clickHouse, Instant now, LocalDate today) {
        this.scale = scale;
        this.stack = stack;
        this.http = http;
        this.clickHouse = clickHouse;
        this.now = now;
        this.today = today;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.env().get("CORDON_KAFKA_BOOTSTRAP"));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L * 1024 * 1024));
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Arrivals written to the event log so far. */
    long produced() {
        return produced;
    }

    /** Rows written to the peer's raw table so far. */
    long rawRows() {
        return rawRows;
    }

    void registerCheckpoints() throws Exception {
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
        HttpResponse<String> r = BenchKit.sendOk(
                http, "PUT", stack.ingestUrl() + "/api/v1/registry/checkpoints", "text/csv", csv.toString());
        OUT.info("checkpoints registered: {}", r.body());
    }

    static String checkpointId(int c) {
        return String.format("CK-%03d", c);
    }

    /**
     * The city's compounds from the repository's data: {id, district, name, households}, each with a plausible household
     * count (60-540 at scale 1) drawn from its name.
     */
    static List<String[]> compounds(double scale) throws IOException {
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
        return compounds;
    }

    List<String[]> registerHouseholds() throws Exception {
        List<String[]> compounds = compounds(scale);
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
                    BenchKit.sendOk(
                            http, "PUT", stack.ingestUrl() + "/api/v1/registry/households", "text/csv", csv.toString());
                    csv.setLength(0);
                    csv.append(header);
                    inChunk = 0;
                }
            }
        }
        if (inChunk > 0) {
            BenchKit.sendOk(http, "PUT", stack.ingestUrl() + "/api/v1/registry/households", "text/csv", csv.toString());
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

    long produceVisits(List<String[]> compounds) {
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
                at.plusSeconds(30),
                null,
                null,
                null,
                null);
        producer.send(new ProducerRecord<>(Topics.HOUSEHOLD_VISITS, id, Json.write(v)));
    }

    /** Arrivals of the days [fromDay, toDay) (day DAYS - 1 is today, up to now), in day order, checkpoints interleaved. */
    void produceArrivals(int fromDay, int toDay) throws Exception {
        produceArrivals(fromDay, toDay, true);
    }

    /** As above; {@code peer}: also into the peer's raw table. */
    void produceArrivals(int fromDay, int toDay, boolean peer) throws Exception {
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
                at.plusSeconds(30),
                null,
                null,
                null,
                null);
    }

    /** Every checkpoint's today and cumulative figures of yesterday's 20:00 snapshot against the generator's count. */
    Map<String, List<String>> exactness(JsonObject snap) {
        int day = DAYS - 2;
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
        return Map.of(
                "exactness",
                List.of(
                        "snapshot " + today.minusDays(1) + " 20:00: " + checked
                                + " checkpoint figures compared with the generator's count, " + wrong + " differ",
                        "checkpoints listed " + snap.getJsonArray("checkpoints").size(),
                        "round " + snap.getInteger("round") + ": " + compoundChecked + " compound figures compared, "
                                + compoundWrong + " differ",
                        "compounds listed " + snap.getJsonArray("compounds").size() + " of " + householdsOf.size()));
    }
}
