package io.cordon.schemas.clickhouse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows for one ClickHouse table, queued at once and written by {@link #flush} (every second, on a worker): a row that
 * cannot be written yet is kept and written later, and an outage is logged once. Used where a service records what
 * it did without making the caller wait for ClickHouse (delivered alerts, the audit log).
 */
public final class InsertQueue {

    private static final Logger LOG = LoggerFactory.getLogger(InsertQueue.class);

    private final ClickHouseHttp clickHouse;
    private final String table;
    private final ConcurrentLinkedQueue<String> unwritten = new ConcurrentLinkedQueue<>();
    private boolean failing;
    /** One flush at a time; a flush that finds another under way returns at once rather than wait behind it. */
    private final ReentrantLock flushing = new ReentrantLock();

    public InsertQueue(ClickHouseHttp clickHouse, String table) {
        this.clickHouse = clickHouse;
        this.table = table;
    }

    /** Queues one row (a JSON object). */
    public void add(String jsonRow) {
        unwritten.add(jsonRow);
    }

    /**
     * Writes what was queued since the last call (blocking); on failure the rows stay queued. When another flush is under
     * way (ClickHouse slow or hung), returns at once: the rows wait for the next one. Flushes started every second on a
     * shared worker pool would otherwise queue behind a hung one and take every worker, and with them the service.
     */
    public void flush() {
        if (!flushing.tryLock()) {
            return;
        }
        try {
            write();
        } finally {
            flushing.unlock();
        }
    }

    private void write() {
        List<String> rows = new ArrayList<>();
        for (String r = unwritten.poll(); r != null; r = unwritten.poll()) {
            rows.add(r);
        }
        if (rows.isEmpty()) {
            return;
        }
        try {
            clickHouse.insertBlocking(table, rows);
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn(
                        "{} rows of {} cannot be written yet ({}); trying again every second",
                        rows.size(),
                        table,
                        e.getMessage());
            }
            failing = true;
            unwritten.addAll(rows);
        }
    }
}
