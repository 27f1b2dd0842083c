package io.cordon.jobs.checkpoints;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cordon.jobs.StateSettings;
import io.cordon.jobs.checkpoints.functions.ArrivalVersions;
import io.cordon.jobs.checkpoints.functions.CheckpointRollups;
import io.cordon.schemas.CheckpointCount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
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
        EmbeddedRocksDBStateBackend dedupBackend = new EmbeddedRocksDBStateBackend()
                .configure(settings(), getClass().getClassLoader());
        dedupBackend.setDbStoragePath(dir.resolve("first-seen").toString());
        EmbeddedRocksDBStateBackend rollupBackend = new EmbeddedRocksDBStateBackend()
                .configure(settings(), getClass().getClassLoader());
        rollupBackend.setDbStoragePath(dir.resolve("rollups").toString());
        var dedup = new KeyedOneInputStreamOperatorTestHarness<String, ArrivalTally, ArrivalTally>(
                new KeyedProcessOperator<>(
                        new ArrivalVersions(Duration.ofDays(30).toMillis())),
                t -> t.eventId,
                Types.STRING);
        dedup.setStateBackend(dedupBackend);
        dedup.setCheckpointStorage(new FileSystemCheckpointStorage(
                dir.resolve("checkpoints-first-seen").toUri()));
        var rollups = new KeyedOneInputStreamOperatorTestHarness<>(
                new CheckpointRollups(), (ArrivalTally t) -> t.checkpointId, Types.STRING);
        rollups.setStateBackend(rollupBackend);
        rollups.setCheckpointStorage(new FileSystemCheckpointStorage(
                dir.resolve("checkpoints-rollups").toUri()));
        dedup.open();
        rollups.open();
        long start = 1_577_808_000_000L; // 2020-01-01 00:00 +08:00
        SplittableRandom random = new SplittableRandom(5);
        Path report = Path.of("target", "benchmarks", "checkpoint-state.txt");
        Files.createDirectories(report.getParent());
        StringBuilder lines = new StringBuilder(
                "settings: " + settings().toMap() + "\n"
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
                        firstSeenEntries(dedup),
                        size(dir.resolve("first-seen")) / 1048576.0,
                        size(dir.resolve("rollups")) / 1048576.0,
                        snapshotMs,
                        10L * perDay * 1_000_000_000L / (now - tenDays));
                tenDays = now;
                OUT.info(line);
                lines.append(line)
                        .append('\n')
                        .append("    per-event state by kind of file: ")
                        .append(kinds(dir.resolve("first-seen")))
                        .append('\n');
                Files.writeString(report, lines);
            }
        }
        dedup.close();
        rollups.close();
    }

    /**
     * The state settings of every deployment ({@link StateSettings}), with RocksDB's memory fixed per slot as a
     * TaskManager's managed memory would bound it ({@code -Dcordon.bench.rocksdb-memory}, default 64mb: the harness has
     * no managed memory) and any {@code -Dcordon.bench.set.KEY=VALUE} on top, to compare settings.
     */
    private static org.apache.flink.configuration.Configuration settings() {
        java.util.Map<String, String> m = new java.util.HashMap<>(StateSettings.ROCKSDB);
        m.put("state.backend.rocksdb.memory.fixed-per-slot", System.getProperty("cordon.bench.rocksdb-memory", "64mb"));
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("cordon.bench.set."))
                .forEach(k -> m.put(k.substring("cordon.bench.set.".length()), System.getProperty(k)));
        return org.apache.flink.configuration.Configuration.fromMap(m);
    }

    /** Events whose first copy the filter still holds (RocksDB counts no entries; its keys are listed instead). */
    private static long firstSeenEntries(KeyedOneInputStreamOperatorTestHarness<String, ArrivalTally, ArrivalTally> h) {
        try (Stream<String> keys = ((AbstractStreamOperator<?>) h.getOperator())
                .<String>getKeyedStateBackend()
                .getKeys("first-received-at", VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }

    /** Bytes per kind of file (table files, logs, the manifest, the rest) and the number of table files. */
    private static String kinds(Path p) throws IOException {
        java.util.Map<String, long[]> m = new java.util.TreeMap<>();
        forEachFile(p, (f, bytes) -> {
            String n = f.getFileName().toString();
            String kind = n.endsWith(".sst")
                    ? "sst"
                    : n.startsWith("LOG")
                            ? "LOG"
                            : n.startsWith("MANIFEST") ? "MANIFEST" : n.endsWith(".log") ? "wal" : "other";
            long[] v = m.computeIfAbsent(kind, k -> new long[2]);
            v[0] += bytes;
            v[1]++;
        });
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(k)
                .append(' ')
                .append(String.format("%.1f MiB", v[0] / 1048576.0))
                .append(" (")
                .append(v[1])
                .append(" files) "));
        return sb.toString();
    }

    /** Every file under p with its size; a file RocksDB deletes meanwhile (a compaction) is skipped, not an error. */
    private static void forEachFile(Path p, java.util.function.ObjLongConsumer<Path> each) throws IOException {
        Files.walkFileTree(p, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(
                    Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    each.accept(file, attrs.size());
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult postVisitDirectory(Path dir, IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE; // a local checkpoint directory removed meanwhile
            }
        });
    }

    private static long size(Path p) throws IOException {
        long[] total = new long[1];
        forEachFile(p, (f, bytes) -> total[0] += bytes);
        return total[0];
    }
}
