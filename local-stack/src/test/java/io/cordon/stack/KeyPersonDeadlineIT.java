package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The noon deadline with nothing posted (API.md, "Key persons"): a stack whose {@code CORDON_FOLLOWUP_BY} falls a
 * minute or less after it starts; before it, the person nobody reached is due; at it, with nothing posted, the wall
 * counts them overdue within 2 s, and the follow-up job's timer writes their status in {@code key_person_days}.
 */
class KeyPersonDeadlineIT {

    static final String ADMIN = "deadline-admin";

    @TempDir
    static Path dir;

    static TestStack stack;
    static Instant deadline;
    static LocalDate today;

    @BeforeAll
    static void start() throws Exception {
        // the deadline, the follow-up and the checks all fall on one day: close to midnight UTC, wait for the next day
        TestStack.awayFromMidnight(ZoneOffset.UTC);
        // the stack starts in 3-15 s and the set-up takes a few more: 40 s leaves time to set up before the deadline
        // (given to the second; the test checks that it was)
        deadline = Instant.now().plusSeconds(40).truncatedTo(ChronoUnit.SECONDS);
        today = deadline.atZone(ZoneOffset.UTC).toLocalDate();
        stack = TestStack.start(
                dir,
                Map.of(
                        "CORDON_TIMEZONE",
                        "UTC",
                        "CORDON_FOLLOWUP_BY",
                        DateTimeFormatter.ofPattern("HH:mm:ss").format(deadline.atZone(ZoneOffset.UTC)),
                        "CORDON_ADMIN_TOKENS",
                        "hq:" + ADMIN));
        stack.adminToken = ADMIN;
        HttpResponse<String> r =
                stack.putHouseholds(ScreeningIT.HEADER + "H1,浦东新区,花木街道,联洋社区,C1,联洋花园,1,1,101,区卫健委,G1\n");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        r = stack.send(
                "PUT",
                stack.stack.ingestUrl() + "/api/v1/registry/key-persons",
                "text/csv",
                "person_id,household_id,category,measure,measure_from,measure_until,responsible\n"
                        + "P1,H1,close_contact,home_quarantine," + today.minusDays(2) + ",,王芳\n"
                        + "P2,H1,close_contact,central_quarantine," + today.minusDays(1) + ",,王芳\n"
                        + "P3,H1,close_contact,health_monitoring," + today.plusDays(1) + ",,李强\n",
                ADMIN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        r = stack.send(
                "POST",
                stack.stack.ingestUrl() + "/api/v1/follow-ups",
                "application/json",
                "[{\"event_id\":\"f1\",\"person_id\":\"P1\",\"followed_at\":\""
                        + Instant.now().minusSeconds(10)
                        + "\",\"method\":\"phone\",\"reached\":true,\"temperature_c\":36.5}]",
                TestStack.TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    static Map<String, Long> figures() {
        Map<String, Long> m = new TreeMap<>();
        stack.tiles("all", TestStack.TOKEN)
                .get("key_persons")
                .fields()
                .forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
        return m;
    }

    /** Each person's status today as the follow-up job last wrote it. */
    static Map<String, String> statuses() {
        Map<String, String> m = new TreeMap<>();
        String rows = stack.stack
                .clickHouse()
                .executeBlocking(
                        "SELECT person_id, status FROM key_person_days FINAL WHERE day = '" + today + "' FORMAT TSV");
        for (String line : rows.strip().split("\n")) {
            if (!line.isBlank()) {
                String[] f = line.split("\t");
                m.put(f[0], f[1]);
            }
        }
        return m;
    }

    @Test
    void overdueComesAtTheDeadlineWithNothingPosted() throws Exception {
        TestStack.eventually(
                Duration.ofSeconds(30), () -> figures().get("followed_up") == 1, () -> "key persons: " + figures());
        assertThat(Instant.now()).as("set up before the deadline").isBefore(deadline);
        assertThat(figures())
                .containsEntry("under_measure", 2L)
                .containsEntry("followed_up", 1L)
                .containsEntry("follow_up_overdue", 0L);
        assertThat(statuses()).isEqualTo(Map.of("P1", "followed_up", "P2", "due"));

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()));
        // the wall: within 2 s of the deadline (its refresh is 0.2 s here)
        TestStack.eventually(
                Duration.ofSeconds(2),
                () -> figures().get("follow_up_overdue") == 1,
                () -> "key persons after the deadline: " + figures());
        // the job's timer, on a watermark a second behind the clock, then its sink's flush
        TestStack.eventually(
                Duration.ofSeconds(10),
                () -> statuses().equals(Map.of("P1", "followed_up", "P2", "overdue")),
                () -> "statuses after the deadline: " + statuses());
        assertThat(figures())
                .containsEntry("under_measure", 2L)
                .containsEntry("followed_up", 1L)
                .containsEntry("follow_up_overdue", 1L);
    }
}
