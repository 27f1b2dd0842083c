package io.cordon.stack.bench;

import static io.cordon.stack.bench.BenchKit.enc;
import static io.cordon.stack.bench.BenchKit.ms;
import static io.cordon.stack.bench.BenchKit.time;

import io.cordon.schemas.EventTimes;
import io.cordon.stack.Divisions;
import io.cordon.stack.LocalStack;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./cordon bench key-persons [persons]} (docs/BENCHMARKS.md, "Key persons"): a private stack with a city's key
 * persons (250,000 by default, one per household, households in Shanghai's real communities, 30 to a compound) and a
 * day's follow-ups of 80 % of them. Side by side in one run: the walls' shared read and the tiles before the register
 * and after it; the register's upload rate; the list of a street and of the city; the noon deadline (the stack's
 * {@code CORDON_FOLLOWUP_BY} is set a few minutes after its start, and the tiles are polled across it, with nothing
 * posted); a fever at home to an open wall while a separate process posts 10,000 arrivals a second.
 */
final class KeyPersonBench {

    private static final Logger OUT = LoggerFactory.getLogger("cordon");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final HttpClient http = HttpClient.newHttpClient();
    private final LocalStack stack;

    private KeyPersonBench(LocalStack stack) {
        this.stack = stack;
    }

    static void run(int persons) throws Exception {
        Path dir = BenchKit.scratch("cordon-key-persons");
        Map<String, String> env = Benchmarks.stackEnv();
        env.put("CORDON_TIMEZONE", ZONE.getId());
        // the deadline a few minutes ahead: the setup is done by then, and the tiles are watched across it
        LocalTime deadline =
                LocalTime.now(ZONE).plusMinutes(4 + persons / 100_000).truncatedTo(ChronoUnit.MINUTES);
        env.put("CORDON_FOLLOWUP_BY", deadline.toString());
        try (LocalStack stack = LocalStack.start(env, dir, OUT::info)) {
            new KeyPersonBench(stack).measure(persons, deadline);
        }
        System.exit(0);
    }

    private void measure(int persons, LocalTime deadline) throws Exception {
        LocalDate today = LocalDate.now(ZONE);
        if (deadline.isBefore(LocalTime.now(ZONE)) || deadline.isBefore(LocalTime.of(0, 10))) {
            throw new IllegalStateException("too close to midnight for a deadline today; run it later");
        }
        Divisions divisions = Divisions.shanghai();
        List<String> districts = divisions.districts();
        OUT.info("key persons: registering {} households", persons);
        StringBuilder homes = new StringBuilder(
                "household_id,district,street,community,compound_id,compound_name,building,unit,room,responsible_unit,grid_id\n");
        for (int i = 0; i < persons; i++) {
            int compound = i / 30;
            Divisions.Community c = divisions.place(districts.get(compound % districts.size()), "KC-" + compound);
            homes.append("KH-")
                    .append(i)
                    .append(',')
                    .append(c.district())
                    .append(',')
                    .append(c.street())
                    .append(',')
                    .append(c.community())
                    .append(",KC-")
                    .append(compound)
                    .append(",小区")
                    .append(compound)
                    .append(",1,1,")
                    .append(101 + i % 30)
                    .append(",单位")
                    .append(compound % 50)
                    .append(",\n");
        }
        check(send("PUT", stack.ingestUrl() + "/api/v1/registry/households", "text/csv", homes.toString()), 200);
        Histogram tilesBefore = time(40, () -> get("/api/v1/tiles"));
        Histogram readBefore = figuresRead(40);

        StringBuilder register = new StringBuilder(
                "person_id,household_id,category,measure,measure_from,measure_until,responsible,id_number\n");
        for (int i = 0; i < persons; i++) {
            String measure = i % 20 < 3 ? "central_quarantine" : i % 20 < 18 ? "home_quarantine" : "health_monitoring";
            register.append("KP-")
                    .append(i)
                    .append(",KH-")
                    .append(i)
                    .append(",close_contact,")
                    .append(measure)
                    .append(',')
                    .append(today.minusDays(i % 14))
                    .append(',')
                    .append(today.minusDays(i % 14).plusDays(14))
                    .append(",干部")
                    .append(i / 30 % 500)
                    .append(",3101011990")
                    .append(String.format("%08d", i))
                    .append('\n');
        }
        long t0 = System.nanoTime();
        check(send("PUT", stack.ingestUrl() + "/api/v1/registry/key-persons", "text/csv", register.toString()), 200);
        logRate("register of {} rows: {} s, {} rows/s (to the dashboard's tables)", persons, t0);

        int followed = persons * 4 / 5;
        long f0 = System.nanoTime();
        Instant at = Instant.now().minusSeconds(60);
        for (int from = 0; from < followed; from += 5000) {
            StringBuilder batch = new StringBuilder("[");
            for (int i = from; i < Math.min(followed, from + 5000); i++) {
                batch.append(i == from ? "" : ",")
                        .append("{\"event_id\":\"fu-")
                        .append(i)
                        .append("\",\"person_id\":\"KP-")
                        .append(i)
                        .append("\",\"followed_at\":\"")
                        .append(EventTimes.format(at, ZONE))
                        .append("\",\"method\":\"phone\",\"reached\":true,\"temperature_c\":36.")
                        .append(i % 9)
                        .append('}');
            }
            check(send("POST", stack.ingestUrl() + "/api/v1/follow-ups", "application/json", batch + "]"), 202);
        }
        while (keyPersons(get("/api/v1/tiles")).getLong("followed_up") < followed) {
            Thread.sleep(200);
        }
        logRate("{} follow-ups posted and counted in {} s ({} /s)", followed, f0);
        Histogram tilesAfter = time(40, () -> get("/api/v1/tiles"));
        Histogram readAfter = figuresRead(40);
        OUT.info(
                "key persons: GET /api/v1/tiles p95 {} without key persons, {} with {} (ratio {}); the walls' shared"
                        + " read {} / {}",
                ms(tilesBefore),
                ms(tilesAfter),
                persons,
                ratio(tilesAfter, tilesBefore),
                ms(readBefore),
                ms(readAfter));

        JsonObject streets = new JsonObject(get("/api/v1/areas?level=street"));
        String street = streets.getJsonArray("areas").getJsonObject(0).getString("area");
        Histogram streetList = time(20, () -> get("/api/v1/key-persons?status=due&within=" + enc(street)));
        Histogram cityCsv = time(5, () -> get("/api/v1/key-persons?status=all&format=csv"));
        OUT.info(
                "key persons: the list of {} (due) p95 {}; the city's CSV ({} rows) p95 {}",
                street,
                ms(streetList),
                persons,
                ms(cityCsv));

        // the walls' shared read while follow-ups stream in at a city's rate (500,000 a day: about 6 a second), so that
        // the groups are read again every 2 s
        AtomicBoolean streaming = new AtomicBoolean(true);
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
            int i = 0;
            while (streaming.get()) {
                try {
                    send(
                            "POST",
                            stack.ingestUrl() + "/api/v1/follow-ups",
                            "application/json",
                            "{\"event_id\":\"stream-" + i + "\",\"person_id\":\"KP-"
                                    + (followed + i % (persons - followed))
                                    + "\",\"followed_at\":\"" + EventTimes.format(Instant.now(), ZONE)
                                    + "\",\"method\":\"phone\",\"reached\":false}");
                    i++;
                    Thread.sleep(160);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        Histogram readStreaming = figuresRead(40);
        streaming.set(false);
        stream.join();
        OUT.info(
                "key persons: the walls' shared read while follow-ups stream in (6/s): {}; tiles stay served from it",
                ms(readStreaming));

        // the deadline: nothing is posted; the tiles are read every 50 ms until every person not followed up is overdue
        Instant due = today.atTime(deadline).atZone(ZONE).toInstant();
        OUT.info(
                "key persons: waiting for the deadline {} ({} s)",
                deadline,
                Duration.between(Instant.now(), due).toSeconds());
        while (Instant.now().isBefore(due.minusSeconds(2))) {
            Thread.sleep(500);
        }
        long expected = persons - followed;
        Instant seen = null;
        while (seen == null && Instant.now().isBefore(due.plusSeconds(30))) {
            if (keyPersons(get("/api/v1/tiles")).getLong("follow_up_overdue") == expected) {
                seen = Instant.now();
            } else {
                Thread.sleep(50);
            }
        }
        OUT.info(
                "key persons: at the deadline, {} persons overdue on the tiles after {} ms",
                expected,
                seen == null ? "more than 30,000" : Duration.between(due, seen).toMillis());

        // a fever at home to an open wall, while a separate process posts 10,000 arrivals a second
        LoadBench.registerCheckpoints(http, stack);
        FeverWall wall = new FeverWall(http, stack.dashboardUrl());
        CompletableFuture<String[]> load = CompletableFuture.supplyAsync(() -> {
            try {
                return LoadBench.generate(stack, 60, 10_000, "kp-load-");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(5000);
        int n = 0;
        while (!load.isDone()) {
            String id = "kp-fever-" + n;
            wall.posting(id);
            send(
                    "POST",
                    stack.ingestUrl() + "/api/v1/follow-ups",
                    "application/json",
                    "{\"event_id\":\"" + id + "\",\"person_id\":\"KP-" + (n % persons) + "\",\"followed_at\":\""
                            + EventTimes.format(Instant.now(), ZONE)
                            + "\",\"method\":\"visit\",\"reached\":true,\"temperature_c\":38.4}");
            n++;
            Thread.sleep(250);
        }
        String[] result = load.join();
        Thread.sleep(3000);
        wall.close();
        OUT.info(
                "key persons: {} fevers at home during {} arrivals in 60 s; to the wall p50 {} ms, p95 {} ms, p99 {} ms,"
                        + " {} missing",
                n,
                result[1],
                wall.latency.getValueAtPercentile(50) / 1000.0,
                wall.latency.getValueAtPercentile(95) / 1000.0,
                wall.latency.getValueAtPercentile(99) / 1000.0,
                wall.missing());
        if (wall.missing() > 0) {
            OUT.info("key persons: the bench's wall: {}", wall.state());
        }
    }

    /** The walls' shared read of the figures, as the dashboard times it, {@code n} reads apart. */
    private Histogram figuresRead(int n) throws Exception {
        Histogram h = new Histogram(600_000_000L, 3);
        for (int i = 0; i < n; i++) {
            Thread.sleep(600); // past the refresh: each answer tells of a read of its own
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(stack.dashboardUrl() + "/api/v1/tiles"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            h.recordValue(1000L
                    * Long.parseLong(
                            r.headers().firstValue("X-Cordon-Figures-Read-Ms").orElse("0")));
        }
        return h;
    }

    private static String ratio(Histogram after, Histogram before) {
        return String.format(
                "%.2f×", after.getValueAtPercentile(95) / (double) Math.max(1, before.getValueAtPercentile(95)));
    }

    private static JsonObject keyPersons(String tiles) {
        return new JsonObject(tiles).getJsonObject("tiles").getJsonObject("key_persons");
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(stack.dashboardUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return check(r, 200);
    }

    private HttpResponse<String> send(String method, String url, String type, String body) throws Exception {
        return Benchmarks.send(http, method, url, type, body);
    }

    private static String check(HttpResponse<String> r, int expected) {
        if (r.statusCode() != expected) {
            throw new IllegalStateException(
                    r.request().method() + " " + r.request().uri() + " answered " + r.statusCode() + ": "
                            + (r.body().length() > 500 ? r.body().substring(0, 500) : r.body()));
        }
        return r.body();
    }

    /** Logs {@code n} items done since {@code startNanos}: the count, the seconds and the rate, in that order. */
    private static void logRate(String format, long n, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        OUT.info("key persons: " + format, n, String.format("%.1f", seconds), Math.round(n / seconds));
    }
}
