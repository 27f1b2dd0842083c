package io.cordon.jobs;

import java.util.Collection;
import org.apache.flink.state.rocksdb.RocksDBOptionsFactory;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;

/**
 * RocksDB options that Flink's configuration keys do not reach, named by {@link StateSettings}: the manifest (RocksDB's
 * record of which table files make up the state) is rewritten once it passes {@link #MAX_MANIFEST_BYTES}. Left at
 * RocksDB's default (1 GiB) it grew by ~80 KiB a simulated day in the 90-day state benchmark, the one part of the
 * per-event state's bytes that was not flat once the correction window was full (docs/BENCHMARKS.md).
 */
public final class BoundedRocksDbFiles implements RocksDBOptionsFactory {

    private static final long serialVersionUID = 1L;

    /** The manifest's size at which RocksDB starts a new one holding only the current files. */
    static final long MAX_MANIFEST_BYTES = 1024 * 1024;

    @Override
    public DBOptions createDBOptions(DBOptions currentOptions, Collection<AutoCloseable> handlesToClose) {
        return currentOptions.setMaxManifestFileSize(MAX_MANIFEST_BYTES);
    }

    @Override
    public ColumnFamilyOptions createColumnOptions(
            ColumnFamilyOptions currentOptions, Collection<AutoCloseable> handlesToClose) {
        return currentOptions;
    }
}
