package io.cordon.stack;

import io.cordon.schemas.EventTimes;
import io.cordon.schemas.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's door-to-door screening: 205 real compound addresses of 浦东新区 (from the Shanghai 2022 lists,
 * {@code demo/pudong-compounds.csv}) with about 10,000 households, screened by 40 teams, shaped on the reports:
 * about a third of households not reached on the first attempt, each revisited until reached (nearly all within four
 * days), about 1.3 % with returnees of whom most go to home quarantine and some to central quarantine.
 *
 * <p>The data has no streets, communities or buildings: they are derived (six real 街道/镇 of the district assigned
 * in turn, then one of the street's real communities, data/shanghai-divisions.csv, per five compounds; 20–78
 * households per compound in buildings of up to 24), and so are the responsible units. Round 1 happened last week (posted at start, late, as a device sync would); round 2 started
 * 8 hours ago (its first hours posted at start, some households already overdue) and goes on live, at
 * {@code CORDON_SIM_SPEED} times the pace of the field. Event ids are deterministic per run of the field, so posting
 * the backfill again on a restart changes nothing.
 */
public final class ScreeningSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScreeningSimulator.class);
    private static final List<String> STREETS = List.of("花木街道", "塘桥街道", "周家渡街道", "张江镇", "川沙新镇", "航头镇");
    private static final List<String> UNITS = List.of(
            "区卫健委", "区教育局", "区民政局", "区城管执法局", "区市场监管局", "区交通委", "区人社局", "区住建委", "区生态环境局", "区文旅局", "区应急局", "区财政局",
            "区司法局", "区规划资源局");
    private static final Duration WINDOW = Duration.ofHours(6);

    /** One simulated household and its progress in the live round. */
    private record Home(String id, String compoundId, boolean returnee, int resident) {}

    /** A visit due at a time. */
    private record Due(Instant at, Home home, int attempt) {}

    private final ScheduledExecutorService timer = Simulator.daemonTimer("cordon-screening-simulator");
    private final SplittableRandom random = new SplittableRandom(2020);
    private final Divisions divisions = Divisions.shanghai();
    private final IngestClient ingest;
    private final double speed;
    private final ZoneId zone;
    private final List<Home> homes = new ArrayList<>();
    private final PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));
    private Instant simulatedNow;
    private Instant lastTick;

    private ScreeningSimulator(String ingestUrl, Map<String, String> env) {
        this.ingest = new IngestClient(ingestUrl, env, "screening simulator");
        this.speed = Simulator.speed(env);
        this.zone = Simulator.zone(env);
    }

    public static ScreeningSimulator start(String ingestUrl, Map<String, String> env) throws Exception {
        ScreeningSimulator s = new ScreeningSimulator(ingestUrl, env);
        s.register();
        s.backfill();
        s.timer.scheduleAtFixedRate(s::tickSafely, 1, 1, TimeUnit.SECONDS);
        return s;
    }

    public int households() {
        return homes.size();
    }

    /** The registered households, in order. */
    public List<String> householdIds() {
        return homes.stream().map(Home::id).toList();
    }

    private void register() throws Exception {
        StringBuilder csv = new StringBuilder(
                "household_id,district,street,community,compound_id,compound_name,building,unit,room,responsible_unit,grid_id\n");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                ScreeningSimulator.class.getClassLoader().getResourceAsStream("demo/pudong-compounds.csv"),
                StandardCharsets.UTF_8))) {
            in.readLine();
            String line;
            int c = 0;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",");
                String compoundId = String.format("PD-%03d", c);
                String street = STREETS.get(c % STREETS.size());
                String community = divisions
                        .inStreet("浦东新区", street, c / (STREETS.size() * 5))
                        .community();
                String unit = UNITS.get(c % UNITS.size());
                int count = 20 + random.nextInt(59);
                for (int h = 0; h < count; h++) {
                    int building = h / 24 + 1;
                    int room = (h % 24) / 4 + 1;
                    String id = compoundId + "-" + building + "-" + (room * 100 + h % 4 + 1);
                    homes.add(new Home(id, compoundId, random.nextDouble() < 0.013, 1 + random.nextInt(4)));
                    csv.append(id)
                            .append(",浦东新区,")
                            .append(street)
                            .append(',')
                            .append(community)
                            .append(',')
                            .append(compoundId)
                            .append(',')
                            .append(f[1])
                            .append(',')
                            .append(building)
                            .append(",1,")
                            .append(room * 100 + h % 4 + 1)
                            .append(',')
                            .append(unit)
                            .append(",G-")
                            .append(c / 3 + 1)
                            .append('\n');
                }
                c++;
            }
        }
        send("PUT", "/api/v1/registry/households", "text/csv", csv.toString(), 200);
    }

    /** Round 1 last week (all four days), and the first 8 hours of round 2. */
    private void backfill() throws Exception {
        Instant now = Instant.now();
        List<Map<String, Object>> batch = new ArrayList<>();
        Instant round1 = now.minus(Duration.ofDays(7))
                .atZone(zone)
                .withHour(18)
                .withMinute(0)
                .withSecond(0)
                .toInstant();
        for (Home home : homes) {
            Instant at = round1.plusSeconds(random.nextInt(3 * 3600));
            for (int attempt = 1; ; attempt++) {
                boolean reached = random.nextDouble() < (attempt == 1 ? 0.67 : 0.7) || attempt >= 6;
                batch.add(visit(home, 1, at, attempt, reached));
                if (reached) {
                    break;
                }
                at = at.plus(Duration.ofMinutes(120 + random.nextInt(480)));
            }
            flushIfFull(batch);
        }
        Instant round2 = now.minus(Duration.ofHours(8));
        simulatedNow = round2;
        for (Home home : homes) {
            queue.add(new Due(round2.plusSeconds(random.nextInt(14 * 3600)), home, 1));
        }
        advance(now, batch);
        flush(batch);
        lastTick = Instant.now();
        LOG.info("screening simulator: {} households registered, rounds 1 and 2 backfilled", homes.size());
    }

    /** Runs the field's visits due up to {@code until} in simulated time. */
    private void advance(Instant until, List<Map<String, Object>> batch) throws Exception {
        while (!queue.isEmpty() && !queue.peek().at().isAfter(until)) {
            Due due = queue.poll();
            boolean reached = random.nextDouble() < (due.attempt() == 1 ? 0.67 : 0.6) || due.attempt() >= 8;
            batch.add(visit(due.home(), 2, due.at(), due.attempt(), reached));
            if (!reached) {
                // called back at meal times, when windows are lit: 2 to 9 hours later
                queue.add(new Due(
                        due.at().plus(Duration.ofMinutes(120 + random.nextInt(420))), due.home(), due.attempt() + 1));
            }
            flushIfFull(batch);
        }
        simulatedNow = until;
    }

    private Map<String, Object> visit(Home home, int round, Instant at, int attempt, boolean reached) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("event_id", "sim-r" + round + "-" + home.id() + "-" + attempt);
        v.put("household_id", home.id());
        v.put("round", round);
        v.put("visited_at", EventTimes.format(at.isAfter(Instant.now()) ? Instant.now() : at, zone));
        v.put("team_id", "pd-team-" + (Math.abs(home.compoundId().hashCode()) % 40 + 1));
        String outcome = !reached
                ? (random.nextDouble() < 0.9 ? "nobody_home" : "refused")
                : random.nextDouble() < 0.02 ? "vacant" : random.nextDouble() < 0.15 ? "phone_reached" : "reached";
        v.put("outcome", outcome);
        if (!outcome.equals("vacant") && reached) {
            v.put("residents", home.resident());
            if (home.returnee()) {
                v.put(
                        "key_persons",
                        List.of(Map.of(
                                "category",
                                "returned_from_hubei",
                                "measure",
                                Math.abs(home.id().hashCode()) % 7 == 0 ? "central_quarantine" : "home_quarantine")));
            }
        }
        return v;
    }

    private void tickSafely() {
        try {
            Instant now = Instant.now();
            long realMillis = Duration.between(lastTick, now).toMillis();
            lastTick = now;
            Instant until = simulatedNow.plusMillis((long) (realMillis * speed));
            if (until.isAfter(now)) {
                until = now;
            }
            List<Map<String, Object>> batch = new ArrayList<>();
            advance(until, batch);
            flush(batch);
        } catch (Exception e) {
            LOG.warn("screening simulator tick failed: {}", e.getMessage());
        }
    }

    private void flushIfFull(List<Map<String, Object>> batch) throws Exception {
        if (batch.size() >= 2000) {
            flush(batch);
        }
    }

    private void flush(List<Map<String, Object>> batch) throws Exception {
        if (!batch.isEmpty()) {
            send("POST", "/api/v1/household-visits", "application/json", Json.write(batch), 202);
            batch.clear();
        }
    }

    private void send(String method, String path, String type, String body, int expected) throws Exception {
        ingest.send(method, path, type, body, expected);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
