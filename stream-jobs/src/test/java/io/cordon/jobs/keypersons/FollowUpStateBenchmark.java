package io.cordon.jobs.keypersons;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cordon.jobs.common.StateBench;
import io.cordon.jobs.keypersons.functions.FollowUpVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not part of the suite (only with -Dcordon.bench=true, from {@code ./cordon bench key-person-state}): the key-person
 * job's keyed state over 45 days of a city's follow-ups, on RocksDB with incremental checkpoints as deployed, a
 * checkpoint each simulated day. The job keeps nothing per person: only each follow-up's counted content, per event id,
 * for the correction window (30 days), so the state must stop growing once the window is full, however long the
 * campaign. Prints every 5 days the follow-ups held, per person, the bytes on disk and the checkpoint's duration.
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
                        new FollowUpVersions(Duration.ofDays(30).toMillis())),
                f -> f.eventId,
                Types.STRING);
        StateBench.onRocksDb(versions, dir, "follow-ups");
        versions.open();
        long start = 1_577_808_000_000L; // 2020-01-01 00:00 +08:00
        SplittableRandom random = new SplittableRandom(7);
        Path report = Path.of("target", "benchmarks", "key-person-state.txt");
        Files.createDirectories(report.getParent());
        StringBuilder lines = new StringBuilder(String.format(
                "%,d key persons, %,d follow-ups a day, correction window 30 days; settings: %s%n"
                        + "day | follow-ups posted | held | held per person | on disk | checkpoint | follow-ups/s of the"
                        + " last 5 days%n",
                persons, perDay, StateBench.settings().toMap()));
        long posted = 0;
        long fiveDays = System.nanoTime();
        for (int d = 0; d < days; d++) {
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
                if (k % 1_000 == 0) {
                    versions.getOutput().clear();
                }
                posted++;
            }
            versions.getOutput().clear();
            versions.processWatermark(start + (d + 1) * DAY - 60_000);
            long s0 = System.nanoTime();
            versions.snapshot(d + 1, start + (d + 1) * DAY);
            // as the JobManager does: the next incremental checkpoint builds on this one
            versions.notifyOfCompletedCheckpoint(d + 1);
            long snapshotMs = (System.nanoTime() - s0) / 1_000_000;
            if ((d + 1) % 5 == 0) {
                long now = System.nanoTime();
                long held = StateBench.keys(versions, "first-received-at");
                String line = String.format(
                        "%d | %,d | %,d | %.1f | %.1f MiB | %d ms | %,d",
                        d + 1,
                        posted,
                        held,
                        held / (double) persons,
                        StateBench.mebibytes(dir.resolve("follow-ups")),
                        snapshotMs,
                        5L * perDay * 1_000_000_000L / (now - fiveDays));
                fiveDays = now;
                StateBench.report(OUT, report, lines, line, "follow-ups", dir.resolve("follow-ups"));
            }
        }
        versions.close();
    }
}
