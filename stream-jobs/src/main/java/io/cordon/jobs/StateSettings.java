package io.cordon.jobs;

import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * How the jobs keep their state, wherever they run: the local stack's MiniCluster, the process cluster of the tests,
 * the benchmarks and the compose deployment (which repeats these keys in its Flink properties). RocksDB with
 * incremental checkpoints and the options for solid-state disks (with the defaults, the state benchmark slowed to a few
 * hundred writes a second at 20,000 arrivals a day); RocksDB's manifest rewritten past 1 MiB
 * ({@link BoundedRocksDbFiles}); RocksDB's own information log at warnings only, in at most two files of 8 MiB per state
 * instance. At its default (every flush and compaction, 4 files of 25 MiB) that log was three quarters of the
 * per-event state's bytes on disk at day 30 of the 90-day state benchmark, and it grew with every day (docs/BENCHMARKS.md).
 * No Bloom filters: with them, at 0.3 of the city, the counting slowed sooner than without them at the whole city
 * (docs/BENCHMARKS.md, "City scale"); with managed memory their blocks share RocksDB's small cache with the data.
 */
public final class StateSettings {

    /** Flink configuration keys and values. */
    public static final Map<String, String> ROCKSDB = Map.of(
            "state.backend.type", "rocksdb",
            "execution.checkpointing.incremental", "true",
            "state.backend.rocksdb.predefined-options", "FLASH_SSD_OPTIMIZED",
            "state.backend.rocksdb.log.level", "WARN_LEVEL",
            "state.backend.rocksdb.log.max-file-size", "8mb",
            "state.backend.rocksdb.log.file-num", "2",
            "state.backend.rocksdb.options-factory", BoundedRocksDbFiles.class.getName());

    private StateSettings() {
    }

    /** The settings as a Flink configuration. */
    public static Configuration configuration() {
        return Configuration.fromMap(ROCKSDB);
    }
}
