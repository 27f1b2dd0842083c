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
 * Bloom filters, partitioned: most reads of the per-event state are for an id it does not hold (a new event), and
 * without a filter each such read searches every level's files (at the whole city the counting fell from 13,000 to
 * 3,000 arrivals a second). With one filter block per table file (megabytes each), the filters evicted one another from
 * the cache that managed memory bounds and the counting slowed sooner still (docs/BENCHMARKS.md, "City scale");
 * partitioned, a read loads one small partition and only the partitions' index stays pinned.
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
            "state.backend.rocksdb.use-bloom-filter", "true",
            "state.backend.rocksdb.memory.partitioned-index-filters", "true",
            "state.backend.rocksdb.options-factory", BoundedRocksDbFiles.class.getName());

    private StateSettings() {}

    /** The settings as a Flink configuration. */
    public static Configuration configuration() {
        return Configuration.fromMap(ROCKSDB);
    }
}
