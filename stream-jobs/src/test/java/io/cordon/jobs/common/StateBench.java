package io.cordon.jobs.common;

import io.cordon.jobs.StateSettings;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ObjLongConsumer;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.slf4j.Logger;

/**
 * What the state benchmarks ({@code ./cordon bench checkpoint-state}, {@code key-person-state}) share: an operator's
 * harness on RocksDB with the deployments' settings and incremental checkpoints in a directory of its own, the keys a
 * state holds, and the bytes RocksDB has on disk.
 */
public final class StateBench {

    private StateBench() {}

    /**
     * The state settings of every deployment ({@link StateSettings}), with RocksDB's memory fixed per slot as a
     * TaskManager's managed memory would bound it ({@code -Dcordon.bench.rocksdb-memory}, default 64mb: the harness has
     * no managed memory) and any {@code -Dcordon.bench.set.KEY=VALUE} on top, to compare settings.
     */
    public static Configuration settings() {
        Map<String, String> m = new HashMap<>(StateSettings.ROCKSDB);
        m.put("state.backend.rocksdb.memory.fixed-per-slot", System.getProperty("cordon.bench.rocksdb-memory", "64mb"));
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("cordon.bench.set."))
                .forEach(k -> m.put(k.substring("cordon.bench.set.".length()), System.getProperty(k)));
        return Configuration.fromMap(m);
    }

    /** Puts a harness on RocksDB in {@code dir/name}, its checkpoints in {@code dir/checkpoints-name}. */
    public static void onRocksDb(AbstractStreamOperatorTestHarness<?> harness, Path dir, String name) {
        EmbeddedRocksDBStateBackend backend =
                new EmbeddedRocksDBStateBackend().configure(settings(), StateBench.class.getClassLoader());
        backend.setDbStoragePath(dir.resolve(name).toString());
        harness.setStateBackend(backend);
        harness.setCheckpointStorage(new FileSystemCheckpointStorage(
                dir.resolve("checkpoints-" + name).toUri()));
    }

    /** The keys a keyed state holds (RocksDB counts no entries; its keys are listed instead). */
    public static long keys(AbstractStreamOperatorTestHarness<?> harness, String state) {
        try (Stream<Object> keys = ((AbstractStreamOperator<?>) harness.getOperator())
                .getKeyedStateBackend()
                .getKeys(state, VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }

    /**
     * Logs a line of figures and appends it to the report (written again whole), with the bytes by kind of file of
     * {@code what}'s state under {@code state}.
     */
    public static void report(Logger out, Path report, StringBuilder lines, String line, String what, Path state)
            throws IOException {
        out.info(line);
        lines.append(line)
                .append('\n')
                .append("    ")
                .append(what)
                .append(" by kind of file: ")
                .append(kinds(state))
                .append('\n');
        Files.writeString(report, lines);
    }

    /** Bytes per kind of file (table files, logs, the manifest, the rest) and the number of table files. */
    public static String kinds(Path p) throws IOException {
        Map<String, long[]> m = new TreeMap<>();
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

    /** The bytes of every file under p, in MiB. */
    public static double mebibytes(Path p) throws IOException {
        long[] total = new long[1];
        forEachFile(p, (f, bytes) -> total[0] += bytes);
        return total[0] / 1048576.0;
    }

    /** Every file under p with its size; a file RocksDB deletes meanwhile (a compaction) is skipped, not an error. */
    private static void forEachFile(Path p, ObjLongConsumer<Path> each) throws IOException {
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    each.accept(file, attrs.size());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                return FileVisitResult.CONTINUE; // a local checkpoint directory removed meanwhile
            }
        });
    }
}
