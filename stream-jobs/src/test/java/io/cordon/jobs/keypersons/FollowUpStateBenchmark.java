package io.cordon.jobs.keypersons;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cordon.jobs.common.EventVersions;
import io.cordon.jobs.common.StateBench;
import io.cordon.jobs.keypersons.functions.PersonDays;
import io.cordon.jobs.registry.RegistryRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not part of the suite (only with -Dcordon.bench=true, from {@code ./cordon bench key-person-state}): the key-person
 * job's keyed state over 45 days of a city's follow-ups, on RocksDB with incremental checkpoints as deployed, a
 * checkpoint each simulated day. Its two stateful operators: {@code EventVersions} (of follow-ups) keeps each follow-up's counted
 * content, per event id, for the correction window (30 days), so its state must stop growing once the window is full,
 * however long the campaign; {@code PersonDays} keeps one small value per person (areas, measure, today's and
 * tomorrow's counts) and its two timers, the same every day. Prints every 5 days the follow-ups held, per person, the
 * persons' states, the bytes on disk of each and the checkpoints' duration.
 */
class FollowUpStateBenchmark {

    private static final Logger OUT = LoggerFactory.getLogger(FollowUpStateBenchmark.class);
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    @Test
    void stateOverFortyFiveDays() throws Exception {
        assumeTrue(Boolean.getBoolean("cordon.bench"), "a benchmark: run with -Dcordon.bench=true");
        int persons = Integer.getInteger("cordon.bench.key-persons", 250_000);
        int perDay = Integer.getInteger("cordon.bench.follow-ups-per-day", 2 * persons);
        int days = Integer.getInteger("cordon.bench.days", 45);
        var versions = new KeyedOneInputStreamOperatorTestHarness<String, FollowUpRecord, FollowUpRecord>(
                new KeyedProcessOperator<>(
                        new EventVersions<>(Duration.ofDays(30).toMillis(), FollowUpRecord.class)),
                f -> f.eventId,
                Types.STRING);
        StateBench.onRocksDb(versions, dir, "follow-ups");
        versions.open();
        var personDays = new KeyedTwoInputStreamOperatorTestHarness<String, RegistryRow, FollowUpRecord, KeyPersonDay>(
                new KeyedCoProcessOperator<>(new PersonDays(SHANGHAI.getId(), "12:00")),
                r -> r.id,
                f -> f.personId,
                Types.STRING);
        StateBench.onRocksDb(personDays, dir, "person-days");
        personDays.open();
        long start = 1_577_808_000_000L; // 2020-01-01 00:00 +08:00
        LocalDate first = Instant.ofEpochMilli(start).atZone(SHANGHAI).toLocalDate();
        personDays.processBothWatermarks(new Watermark(start));
        for (int person = 0; person < persons; person++) {
            // every person under measure from the first day on, without an end: the most the operator keeps
            personDays.processElement1(
                    RegistryRow.read(
                            "{\"table\":\"key_persons\",\"row\":{\"person_id\":\"KP-" + person
                                    + "\",\"district\":\"浦东新区\",\"street\":\"浦东新区/唐镇\",\"community\":"
                                    + "\"浦东新区/唐镇/万嘉居委会\",\"responsible_unit\":\"唐镇社区卫生服务中心\","
                                    + "\"measure\":\"home_quarantine\",\"measure_from\":\"" + first
                                    + "\",\"measure_until\":\"\"}}",
                            person),
                    start);
            if (person % 1_000 == 0) {
                personDays.getOutput().clear();
            }
        }
        SplittableRandom random = new SplittableRandom(7);
        Path report = Path.of("target", "benchmarks", "key-person-state.txt");
        Files.createDirectories(report.getParent());
        StringBuilder lines = new StringBuilder(String.format(
                "%,d key persons, %,d follow-ups a day, correction window 30 days; settings: %s%n"
                        + "day | follow-ups posted | held | held per person | on disk | checkpoint | follow-ups/s of the"
                        + " last 5 days | persons' states | their rows written that day | on disk | checkpoint%n",
                persons, perDay, StateBench.settings().toMap()));
        long posted = 0;
        long fiveDays = System.nanoTime();
        long rowsOfDay = 0;
        for (int d = 0; d < days; d++) {
            // midnight: every person due again
            personDays.processBothWatermarks(new Watermark(start + d * DAY + 60_000));
            rowsOfDay = personDays.getOutput().size();
            personDays.getOutput().clear();
            for (int k = 0; k < perDay; k++) {
                int person = k % persons;
                FollowUpRecord f = new FollowUpRecord();
                f.eventId = "fu-" + person + "-" + d + "-" + k / persons;
                f.personId = "KP-" + person;
                f.householdId = "H-" + person;
                f.compoundId = "C-" + person / 30;
                f.district = "浦东新区";
                f.street = "浦东新区/唐镇";
                f.community = "浦东新区/唐镇/万嘉居委会";
                f.responsibleUnit = "唐镇社区卫生服务中心";
                f.responsible = "cadre-" + person / 200;
                f.followedAtMillis = start + d * DAY + 8 * 3_600_000L + (long) k * 12 * 3_600_000L / perDay;
                f.day = Instant.ofEpochMilli(f.followedAtMillis)
                        .atZone(SHANGHAI)
                        .toLocalDate()
                        .toString();
                f.method = "phone";
                f.reached = random.nextInt(20) != 0;
                f.hasTemperature = f.reached;
                f.temperatureC = 36.0 + random.nextInt(15) / 10.0;
                f.fever = f.temperatureC >= 37.3;
                f.teamId = "team-" + person / 500;
                f.receivedAtMillis = f.followedAtMillis + 5_000;
                versions.processElement(f, f.receivedAtMillis);
                for (FollowUpRecord counted : versions.extractOutputValues()) {
                    personDays.processElement2(counted, f.receivedAtMillis);
                }
                versions.getOutput().clear();
                if (k % 1_000 == 0) {
                    rowsOfDay += personDays.getOutput().size();
                    personDays.getOutput().clear();
                }
                posted++;
            }
            versions.getOutput().clear();
            versions.processWatermark(start + (d + 1) * DAY - 60_000);
            // the deadline's timers (12:00) have fired: the persons nobody reached are overdue
            personDays.processBothWatermarks(new Watermark(start + (d + 1) * DAY - 60_000));
            rowsOfDay += personDays.getOutput().size();
            personDays.getOutput().clear();
            long s0 = System.nanoTime();
            versions.snapshot(d + 1, start + (d + 1) * DAY);
            // as the JobManager does: the next incremental checkpoint builds on this one
            versions.notifyOfCompletedCheckpoint(d + 1);
            long snapshotMs = (System.nanoTime() - s0) / 1_000_000;
            s0 = System.nanoTime();
            personDays.snapshot(d + 1, start + (d + 1) * DAY);
            personDays.notifyOfCompletedCheckpoint(d + 1);
            long personSnapshotMs = (System.nanoTime() - s0) / 1_000_000;
            if ((d + 1) % 5 == 0) {
                long now = System.nanoTime();
                long held = StateBench.keys(versions, "first-received-at");
                String line = String.format(
                        "%d | %,d | %,d | %.1f | %.1f MiB | %d ms | %,d | %,d | %,d | %.1f MiB | %d ms",
                        d + 1,
                        posted,
                        held,
                        held / (double) persons,
                        StateBench.mebibytes(dir.resolve("follow-ups")),
                        snapshotMs,
                        5L * perDay * 1_000_000_000L / (now - fiveDays),
                        StateBench.keys(personDays, "person-day"),
                        rowsOfDay,
                        StateBench.mebibytes(dir.resolve("person-days")),
                        personSnapshotMs);
                fiveDays = now;
                StateBench.report(OUT, report, lines, line, "follow-ups", dir.resolve("follow-ups"));
            }
        }
        versions.close();
        personDays.close();
    }
}
