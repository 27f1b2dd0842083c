package io.cordon.jobs.clickhouse;

import io.cordon.schemas.Json;
import io.cordon.schemas.clickhouse.ClickHouseAccess;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.function.SerializableFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes rows to a ClickHouse table over HTTP (JSONEachRow). Rows are buffered by key, a later row replacing an
 * earlier one of the same key, and written every {@code flushInterval} and before every Flink checkpoint: at least
 * once. With replicas, a write is acknowledged once every replica that is up has it ({@code insert_quorum}). A write
 * that fails is tried again for up to a minute, then the task fails and Flink restarts it from its checkpoint. The
 * tables are ReplacingMergeTrees whose versions make a repeated row harmless, so the result is exact after any
 * restart.
 */
public class ClickHouseSink<T> implements Sink<T> {

    private final ClickHouseAccess clickHouseAccess;
    private final String table;
    private final SerializableFunction<T, String> key;
    private final SerializableFunction<T, Map<String, Object>> row;
    private final long flushIntervalMillis;

    public ClickHouseSink(
            ClickHouseAccess clickHouse,
            String table,
            SerializableFunction<T, String> key,
            SerializableFunction<T, Map<String, Object>> row,
            Duration flushInterval) {
        this.clickHouseAccess = clickHouse;
        this.table = table;
        this.key = key;
        this.row = row;
        this.flushIntervalMillis = flushInterval.toMillis();
    }

    /** A sink of rows that say their own columns. */
    public static <T extends TableRow> ClickHouseSink<T> of(
            ClickHouseAccess clickHouse, String table, SerializableFunction<T, String> key, Duration flushInterval) {
        return new ClickHouseSink<>(clickHouse, table, key, TableRow::toRow, flushInterval);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new Writer(
                context.getProcessingTimeService(), context.metricGroup().counter("clickhouseRowsWritten"));
    }

    private final class Writer implements SinkWriter<T> {
        private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSink.class);
        private static final int MAX_BUFFERED = 20_000;
        /**
         * How long a write is tried again before the task fails (and Flink restarts it from its checkpoint): long enough
         * for replicated tables to leave read-only after ZooKeeper comes back from a short outage, so that a blip costs
         * a wait, not a replay.
         */
        private static final long RETRY_FOR_MILLIS = 60_000;

        private static final long MAX_BACKOFF_MILLIS = 4_000;

        private final ClickHouseHttp clickHouse = clickHouseAccess.client();
        private final Map<String, T> buffer = new LinkedHashMap<>();
        private final ProcessingTimeService time;
        private final Counter written;

        /** Whether a flush timer is set: only while rows wait, so that a quiet sink costs no wake-ups. */
        private boolean timerSet;

        Writer(ProcessingTimeService time, Counter written) {
            this.time = time;
            this.written = written;
        }

        private void schedule() {
            timerSet = true;
            time.registerTimer(time.getCurrentProcessingTime() + flushIntervalMillis, ts -> {
                timerSet = false;
                writeBuffer();
            });
        }

        @Override
        public void write(T element, Context context) throws IOException, InterruptedException {
            buffer.put(key.apply(element), element);
            if (!timerSet) {
                schedule();
            }
            if (buffer.size() >= MAX_BUFFERED) {
                writeBuffer();
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            writeBuffer();
        }

        private void writeBuffer() throws IOException, InterruptedException {
            if (buffer.isEmpty()) {
                return;
            }
            List<String> rows = new ArrayList<>(buffer.size());
            for (T element : buffer.values()) {
                rows.add(Json.write(row.apply(element)));
            }
            long giveUpAt = System.currentTimeMillis() + RETRY_FOR_MILLIS;
            for (int attempt = 1; ; attempt++) {
                try {
                    // on every replica before it counts as written: a wall that fails over to the other replica
                    // never shows less than it showed (one server: a plain insert)
                    clickHouse.insertBlockingOnEveryReplica(table, rows);
                    break;
                } catch (RuntimeException e) {
                    if (System.currentTimeMillis() >= giveUpAt) {
                        throw new IOException(
                                "cannot write " + rows.size() + " rows to ClickHouse table " + table + " in "
                                        + RETRY_FOR_MILLIS / 1000 + " s",
                                e);
                    }
                    LOG.warn(
                            "write of {} rows to {} failed (attempt {}; trying again for up to {} s): {}",
                            rows.size(),
                            table,
                            attempt,
                            RETRY_FOR_MILLIS / 1000,
                            e.getMessage());
                    Thread.sleep(Math.min(MAX_BACKOFF_MILLIS, 250L << Math.min(attempt, 5)));
                }
            }
            written.inc(rows.size());
            buffer.clear();
        }

        @Override
        public void close() {
            buffer.clear();
        }
    }
}
