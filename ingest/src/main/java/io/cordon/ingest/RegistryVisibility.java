package io.cordon.ingest;

import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import java.time.Duration;
import java.util.Collection;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a registry upload be answered once the dashboard can see it: the registry job writes the ClickHouse tables
 * from the registry log a moment after ingest appended the rows, and a client that reads the dashboard right after
 * its upload (a snapshot listing every checkpoint) expects its rows there. Waits, on a worker thread and for at most
 * {@link #TIMEOUT}, until the last rows of the upload (up to 1,000) are stored with a version at or above their
 * chunk's first log offset (the job reads the log in order, so the earlier rows are there too, give or take a flush), and for households until their
 * compounds are in the directory. If ClickHouse is slow or away, the upload is answered anyway: it is in the log.
 */
public class RegistryVisibility {

    /** No wait: the verticle's own tests, which have no registry job. */
    static final RegistryVisibility NONE = new RegistryVisibility(null) {
        @Override
        void await(
                String table,
                String idColumn,
                Collection<String> ids,
                long lowestOffset,
                Collection<String> compounds) {}
    };

    private static final Logger LOG = LoggerFactory.getLogger(RegistryVisibility.class);
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ClickHouseHttp clickHouse;

    public RegistryVisibility(ClickHouseHttp clickHouse) {
        this.clickHouse = clickHouse;
    }

    /** Blocks until the ids are stored in {@code table} with version ≥ {@code lowestOffset}, or the timeout. */
    void await(String table, String idColumn, Collection<String> ids, long lowestOffset, Collection<String> compounds) {
        if (ids.isEmpty() || lowestOffset < 0) {
            return;
        }
        String in = ids.stream().map(ClickHouseSql::quote).distinct().collect(Collectors.joining(","));
        long distinct = ids.stream().distinct().count();
        // uniqExact: key_persons keeps every upload of a person (no FINAL there), the other tables their latest
        String rows = "SELECT uniqExact(" + ClickHouseSql.identifier(idColumn) + ") AS n FROM "
                + ClickHouseSql.identifier(table) + " WHERE "
                + ClickHouseSql.identifier(idColumn) + " IN (" + in + ") AND version >= " + lowestOffset
                + " FORMAT TSV";
        String directory = compounds.isEmpty()
                ? null
                : "SELECT count() AS n FROM compounds FINAL WHERE compound_id IN ("
                        + compounds.stream()
                                .map(ClickHouseSql::quote)
                                .distinct()
                                .collect(Collectors.joining(",")) + ") FORMAT TSV";
        long expectedCompounds = compounds.stream().distinct().count();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (count(rows) >= distinct && (directory == null || count(directory) >= expectedCompounds)) {
                    return;
                }
                Thread.sleep(50);
            }
            LOG.warn(
                    "the registry job has not written an upload to {} within {}; answered anyway (it is in the registry log)",
                    table,
                    TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn(
                    "cannot check that an upload to {} reached ClickHouse ({}); answered anyway",
                    table,
                    e.getMessage());
        }
    }

    private long count(String sql) {
        return Long.parseLong(clickHouse.executeBlocking(sql).strip());
    }
}
