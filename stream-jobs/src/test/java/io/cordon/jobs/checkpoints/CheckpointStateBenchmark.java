package io.cordon.jobs.checkpoints;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cordon.jobs.checkpoints.functions.CheckpointRollups;
import io.cordon.jobs.common.EventVersions;
import io.cordon.jobs.common.StateBench;
import io.cordon.schemas.CheckpointCount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not part of the suite (only with -Dcordon.bench=true, from {@code ./cordon bench checkpoint-state}): the checkpoint
 * job's keyed state on RocksDB with incremental checkpoints over 90 days of a city's arrivals, the events received as
 * they happened (received_at a few seconds after occurred_at), a checkpoint each simulated day. Prints, every 10 days,
 * the first-seen state's entries and bytes on disk, the rollups' bytes on disk, and the checkpoint's duration.
 */
class CheckpointStateBenchmark {

    private static final Logger OUT = LoggerFactory.getLogger(CheckpointStateBenchmark.class);
    private static final long DAY = Duration.ofDays(1).toMillis();

    @TempDir
    Path dir;

    @Test
    void stateOverNinetyDays() throws Exception {
        assumeTrue(Boolean.getBoolean("cordon.bench"), "a benchmark: run with -Dcordon.bench=true");
        int perDay = Integer.getInteger("cordon.bench.arrivals-per-day", 100_000);
        int checkpoints = 500;
        // the state settings of every deployment (StateSettings: incremental checkpoints, SSD options, RocksDB's log
        // bounded)
        var dedup = new KeyedOneInputStreamOperatorTestHarness<String, ArrivalTally, ArrivalTally>(
                new KeyedProcessOperator<>(
                        new EventVersions<>(Duration.ofDays(30).toMillis(), ArrivalTally.class)),
                t -> t.eventId,
                Types.STRING);
        StateBench.onRocksDb(dedup, dir, "first-seen");
        var rollups = new KeyedOneInputStreamOperatorTestHarness<>(
                new CheckpointRollups(), (ArrivalTally t) -> t.checkpointId, Types.STRING);
        StateBench.onRocksDb(rollups, dir, "rollups");
        dedup.open();
        rollups.open();
        long start = 1_577_808_000_000L; // 2020-01-01 00:00 +08:00
        SplittableRandom random = new SplittableRandom(5);
        Path report = Path.of("target", "benchmarks", "checkpoint-state.txt");
        Files.createDirectories(report.getParent());
        StringBuilder lines = new StringBuilder(
                "settings: " + StateBench.settings().toMap() + "\n"
                        + "day | events | first-seen entries | first-seen on disk | rollups on disk | checkpoint of both | events/s of the last 10 days\n");
        long events = 0;
        long tenDays = System.nanoTime();
        for (int d = 0; d < 90; d++) {
            for (int k = 0; k < perDay; k++) {
                ArrivalTally t = new ArrivalTally();
                // as the city benchmark names them: a checkpoint's events of a day, so each day's new ids spread over
                // the keys
                t.eventId = "a-" + (k % checkpoints) + "-" + d + "-" + k / checkpoints;
                t.checkpointId = "CK-" + (k % checkpoints);
                t.occurredAtMillis = start + d * DAY + (long) k * DAY / perDay;
                t.receivedAtMillis = t.occurredAtMillis + 5_000;
                t.localEpochDay = (t.occurredAtMillis + 8 * 3_600_000L) / DAY;
                t.counts[CheckpointCount.REGISTERED_PERSONS.ordinal()] = 1 + random.nextInt(3);
                dedup.processElement(t, t.receivedAtMillis);
                for (ArrivalTally out : dedup.extractOutputValues()) {
                    rollups.processElement(out, out.receivedAtMillis);
                }
                dedup.getOutput().clear();
                rollups.getOutput().clear();
                events++;
            }
            dedup.processWatermark(start + (d + 1) * DAY - 60_000);
            long s0 = System.nanoTime();
            rollups.prepareSnapshotPreBarrier(d + 1);
            dedup.snapshot(d + 1, start + (d + 1) * DAY);
            rollups.snapshot(d + 1, start + (d + 1) * DAY);
            // as the JobManager does: the next incremental checkpoint builds on this one
            dedup.notifyOfCompletedCheckpoint(d + 1);
            rollups.notifyOfCompletedCheckpoint(d + 1);
            long snapshotMs = (System.nanoTime() - s0) / 1_000_000;
            if ((d + 1) % 10 == 0) {
                long now = System.nanoTime();
                String line = String.format(
                        "%d | %d | %d | %.1f MiB | %.1f MiB | %d ms | %,d",
                        d + 1,
                        events,
                        StateBench.keys(dedup, "first-received-at"),
                        StateBench.mebibytes(dir.resolve("first-seen")),
                        StateBench.mebibytes(dir.resolve("rollups")),
                        snapshotMs,
                        10L * perDay * 1_000_000_000L / (now - tenDays));
                tenDays = now;
                StateBench.report(OUT, report, lines, line, "per-event state", dir.resolve("first-seen"));
            }
        }
        dedup.close();
        rollups.close();
    }
}
