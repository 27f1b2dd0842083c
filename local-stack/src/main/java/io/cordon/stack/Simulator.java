package io.cordon.stack;

import io.cordon.schemas.EventTimes;
import io.cordon.schemas.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's field: eight checkpoints of one Shanghai district posting arrivals through ingest's public API, shaped
 * on the source reports (会泽站东: ~2.4 persons per vehicle, ~5 % of vehicles turned back, ~0.8 % of persons from
 * outside the province; compounds turn back anyone at 37.3 ℃ or above). Rates are the seed's multiplied by
 * {@code CORDON_SIM_SPEED} (default 30) so that tiles visibly move; fevers, resent batches and late batches from a
 * device that was offline for days are mixed in, and one village entrance only syncs every 15 minutes (so it shows as
 * silent once CORDON_SILENT_AFTER, 10 minutes by default, has passed since its last sync).
 */
public final class Simulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
    public static final String DISTRICT = "浦东新区";
    private static final List<String> PROVINCES = List.of("江苏", "浙江", "安徽", "湖北", "河南", "江西", "山东");

    /** A simulated checkpoint: its registry row and its arrivals per day at the seed's scale. */
    record SimCheckpoint(
            String id, String name, String kind, double perDay, double vehicleShare, boolean offlineDevice) {}

    static final List<SimCheckpoint> CHECKPOINTS = List.of(
            new SimCheckpoint("PD-G1501-EXIT", "G1501 高速浦东出口检查站", "highway", 1000, 0.95, false),
            new SimCheckpoint("PD-S20-EXIT", "S20 外环罗山路出口", "highway", 700, 0.95, false),
            new SimCheckpoint("PD-RAIL-PDW", "上海浦东站 铁路出站口", "railway", 900, 0.0, false),
            new SimCheckpoint("PD-GATE-SSGL", "三三公路5020弄 小区门岗", "compound_gate", 400, 0.3, false),
            new SimCheckpoint("PD-GATE-SNL", "上南路3520弄 小区门岗", "compound_gate", 450, 0.3, false),
            new SimCheckpoint("PD-GATE-ZJ", "张江路 小区进出口", "compound_gate", 380, 0.25, false),
            new SimCheckpoint("PD-GATE-HT", "航头镇 小区门岗", "compound_gate", 300, 0.25, false),
            new SimCheckpoint("PD-VIL-DT", "大团镇 赵桥村 村口", "village_entrance", 150, 0.4, true));

    private final ScheduledExecutorService timer = daemonTimer("cordon-simulator");
    private final SplittableRandom random = new SplittableRandom();
    private final IngestClient ingest;
    private final double speed;
    private final ZoneId zone;
    private final List<Map<String, Object>> offlineBuffer = new ArrayList<>();
    private List<Map<String, Object>> lastBatch = List.of();
    private long sequence;
    private long ticks;

    private Simulator(String ingestUrl, Map<String, String> env) {
        // the first feed token's secret (label and scope taken off) for arrivals, the first admin's for the registry
        this.ingest = new IngestClient(ingestUrl, env, "checkpoint simulator");
        this.speed = speed(env);
        this.zone = zone(env);
        this.sequence = System.currentTimeMillis();
    }

    /** How many times the field's pace the simulators run ({@code CORDON_SIM_SPEED}, 30 unless set). */
    static double speed(Map<String, String> env) {
        return Double.parseDouble(env.getOrDefault("CORDON_SIM_SPEED", "30"));
    }

    /** The operation's zone ({@code CORDON_TIMEZONE}), in which the simulators keep their days. */
    static ZoneId zone(Map<String, String> env) {
        return ZoneId.of(env.getOrDefault("CORDON_TIMEZONE", "Asia/Shanghai"));
    }

    public static Simulator start(String ingestUrl, Map<String, String> env) throws Exception {
        Simulator s = new Simulator(ingestUrl, env);
        s.registerCheckpoints();
        s.timer.scheduleAtFixedRate(s::tickSafely, 0, 1, TimeUnit.SECONDS);
        return s;
    }

    public int checkpointCount() {
        return CHECKPOINTS.size();
    }

    private void registerCheckpoints() throws Exception {
        StringBuilder csv =
                new StringBuilder("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n");
        for (SimCheckpoint c : CHECKPOINTS) {
            csv.append(c.id())
                    .append(',')
                    .append(c.name())
                    .append(',')
                    .append(c.kind())
                    .append(",上海,上海,")
                    .append(DISTRICT)
                    .append(",,,\n");
        }
        HttpResponse<String> r = ingest.request("PUT", "/api/v1/registry/checkpoints", "text/csv", csv.toString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(
                    "the simulator could not register its checkpoints: " + r.statusCode() + " " + r.body());
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (Exception e) {
            LOG.warn("simulator tick failed: {}", e.getMessage());
        }
    }

    private void tick() throws Exception {
        ticks++;
        Instant now = Instant.now();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (SimCheckpoint c : CHECKPOINTS) {
            double perSecond = c.perDay() * speed / 86_400.0;
            int n = poisson(perSecond);
            for (int i = 0; i < n; i++) {
                Map<String, Object> a = arrival(c, now.minusMillis(random.nextInt(1000)));
                if (c.offlineDevice()) {
                    offlineBuffer.add(a);
                } else {
                    batch.add(a);
                }
            }
        }
        if (!batch.isEmpty()) {
            post(batch);
            if (random.nextDouble() < 0.05 && !lastBatch.isEmpty()) {
                post(lastBatch);
            }
            lastBatch = batch;
        }
        // the village entrance's device syncs a minute after start, then every 15 minutes: silent in between
        if (ticks == 60 || ticks % 900 == 0) {
            List<Map<String, Object>> late = new ArrayList<>(offlineBuffer);
            offlineBuffer.clear();
            SimCheckpoint village = CHECKPOINTS.get(CHECKPOINTS.size() - 1);
            int days = 1 + random.nextInt(3);
            for (int i = 0; i < 5; i++) {
                late.add(arrival(village, now.minus(Duration.ofDays(days)).minusSeconds(random.nextInt(3600))));
            }
            post(late);
        }
    }

    private Map<String, Object> arrival(SimCheckpoint c, Instant at) {
        boolean vehicle = random.nextDouble() < c.vehicleShare();
        int persons = vehicle ? 1 + poisson(1.4) : 1 + (random.nextDouble() < 0.2 ? 1 : 0);
        List<Map<String, Object>> people = new ArrayList<>();
        boolean fever = false;
        for (int i = 0; i < persons; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            double t =
                    random.nextDouble() < 0.004 ? 37.3 + random.nextDouble() * 1.5 : 36.0 + random.nextDouble() * 1.1;
            t = Math.round(t * 10) / 10.0;
            fever |= t >= 37.3;
            p.put("temperature_c", t);
            p.put(
                    "origin_province",
                    random.nextDouble() < 0.008 ? PROVINCES.get(random.nextInt(PROVINCES.size())) : "上海");
            p.put("id_number", "3101" + String.format("%014d", random.nextLong(100_000_000_000_000L)));
            people.add(p);
        }
        String decision = fever
                ? (random.nextBoolean() ? "referred" : "turned_back")
                : random.nextDouble() < 0.051 ? "turned_back" : "admitted";
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("event_id", c.id() + "-" + Long.toString(sequence++, 36));
        a.put("checkpoint_id", c.id());
        a.put("occurred_at", EventTimes.format(at, zone));
        a.put("direction", random.nextBoolean() ? "in" : "out");
        if (vehicle) {
            a.put(
                    "vehicle",
                    Map.of(
                            "plate",
                            "沪D" + (10000 + random.nextInt(89999)),
                            "kind",
                            random.nextDouble() < 0.8 ? "car" : "truck"));
        }
        a.put("persons", people);
        a.put("decision", decision);
        return a;
    }

    private void post(List<Map<String, Object>> batch) throws Exception {
        ingest.send("POST", "/api/v1/checkpoint-events", "application/json", Json.write(batch), 202);
    }

    private int poisson(double mean) {
        double l = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** A timer on one daemon thread of this name: a simulator never keeps the JVM alive. */
    static ScheduledExecutorService daemonTimer(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }
}
