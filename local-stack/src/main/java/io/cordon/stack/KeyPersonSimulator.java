package io.cordon.stack;

import io.cordon.schemas.EventTimes;
import io.cordon.schemas.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
 * The demo's key persons (一人一档): about 1.5 % of the screened households' residents, of them ~15 % in central
 * quarantine, ~75 % at home and ~10 % under health monitoring, with 14-day measures started over the last two weeks (so
 * some end today), each with one of a few cadres of their compound. Every person under a measure is followed up once
 * a day between 08:00 and 14:00 local time: most before noon, some late, a few not reached at first and called again,
 * about 5 % missed, so that after 12:00 the wall shows overdue persons; about 1 % have a fever at home. Yesterday's
 * follow-ups and today's so far are posted at start; the rest as their time comes.
 */
public final class KeyPersonSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeyPersonSimulator.class);
    private static final List<String> CADRES = List.of("王芳", "李强", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄磊");

    /** A follow-up due at a time. */
    private record Due(Instant at, String personId, int attempt) {}

    private final ScheduledExecutorService timer = Simulator.daemonTimer("cordon-key-person-simulator");
    private final SplittableRandom random = new SplittableRandom(2022);
    private final IngestClient ingest;
    private final ZoneId zone;
    private final PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));
    private final List<String> persons = new ArrayList<>();
    private final List<LocalDate[]> measures = new ArrayList<>();
    private LocalDate scheduled;

    private KeyPersonSimulator(String ingestUrl, Map<String, String> env) {
        this.ingest = new IngestClient(ingestUrl, env, "key-person simulator");
        this.zone = Simulator.zone(env);
    }

    /** Registers the key persons of some households and starts following them up. */
    public static KeyPersonSimulator start(String ingestUrl, Map<String, String> env, List<String> households)
            throws Exception {
        KeyPersonSimulator s = new KeyPersonSimulator(ingestUrl, env);
        s.register(households);
        LocalDate today = LocalDate.now(s.zone);
        s.schedule(today.minusDays(1));
        s.schedule(today);
        s.post(Instant.now());
        s.timer.scheduleAtFixedRate(s::tickSafely, 5, 5, TimeUnit.SECONDS);
        return s;
    }

    public int persons() {
        return persons.size();
    }

    private void register(List<String> households) throws Exception {
        StringBuilder csv =
                new StringBuilder("person_id,household_id,category,measure,measure_from,measure_until,responsible\n");
        LocalDate today = LocalDate.now(zone);
        for (String household : households) {
            // ~2.5 residents a household, ~1.5 % of them key persons
            if (random.nextDouble() >= 0.04) {
                continue;
            }
            String id = "KP-" + household;
            double kind = random.nextDouble();
            String measure = kind < 0.15 ? "central_quarantine" : kind < 0.9 ? "home_quarantine" : "health_monitoring";
            String category = random.nextDouble() < 0.6 ? "returned_from_high_risk_area" : "close_contact";
            LocalDate from = today.minusDays(random.nextInt(14));
            LocalDate until = from.plusDays(14);
            String cadre = CADRES.get(
                    Math.abs(household.substring(0, household.indexOf('-', 3)).hashCode()) % CADRES.size());
            csv.append(id)
                    .append(',')
                    .append(household)
                    .append(',')
                    .append(category)
                    .append(',')
                    .append(measure)
                    .append(',')
                    .append(from)
                    .append(',')
                    .append(until)
                    .append(',')
                    .append(cadre)
                    .append('\n');
            persons.add(id);
            measures.add(new LocalDate[] {from, until});
        }
        ingest.send("PUT", "/api/v1/registry/key-persons", "text/csv", csv.toString(), 200);
        LOG.info("key-person simulator: {} key persons registered", persons.size());
    }

    /** Today's (or a past day's) follow-ups of every person under a measure that day. */
    private void schedule(LocalDate day) {
        for (int i = 0; i < persons.size(); i++) {
            LocalDate[] m = measures.get(i);
            if (day.isBefore(m[0]) || !day.isBefore(m[1]) || random.nextDouble() < 0.05) {
                continue; // not under a measure that day, or missed
            }
            // most by noon, one in eight late
            int minute = random.nextDouble() < 0.875 ? 8 * 60 + random.nextInt(4 * 60) : 12 * 60 + random.nextInt(120);
            queue.add(new Due(day.atStartOfDay(zone).plusMinutes(minute).toInstant(), persons.get(i), 1));
        }
        scheduled = day;
    }

    /** Posts the follow-ups due up to {@code now}; one not reached is called again an hour later. */
    private void post(Instant now) throws Exception {
        List<Map<String, Object>> batch = new ArrayList<>();
        while (!queue.isEmpty() && !queue.peek().at().isAfter(now)) {
            Due due = queue.poll();
            boolean reached = random.nextDouble() < 0.93 || due.attempt() >= 3;
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("event_id", "fu-" + due.personId() + "-" + LocalDate.ofInstant(due.at(), zone) + "-" + due.attempt());
            f.put("person_id", due.personId());
            f.put("followed_at", EventTimes.format(due.at(), zone));
            f.put("method", random.nextDouble() < 0.7 ? "phone" : random.nextDouble() < 0.7 ? "wechat" : "visit");
            f.put("reached", reached);
            if (reached) {
                boolean fever = random.nextDouble() < 0.01;
                f.put("temperature_c", fever ? 37.5 + random.nextInt(15) / 10.0 : 36.0 + random.nextInt(12) / 10.0);
                f.put("symptoms", List.of(fever ? "fever" : "none"));
            } else {
                queue.add(new Due(due.at().plus(Duration.ofHours(1)), due.personId(), due.attempt() + 1));
            }
            batch.add(f);
            if (batch.size() >= 2000) {
                flush(batch);
            }
        }
        flush(batch);
    }

    private void flush(List<Map<String, Object>> batch) throws Exception {
        if (!batch.isEmpty()) {
            ingest.send("POST", "/api/v1/follow-ups", "application/json", Json.write(batch), 202);
            batch.clear();
        }
    }

    private void tickSafely() {
        try {
            LocalDate today = LocalDate.now(zone);
            if (today.isAfter(scheduled)) {
                schedule(today); // midnight: everyone under a measure is due again
            }
            post(Instant.now());
        } catch (Exception e) {
            LOG.warn("key-person simulator tick failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
