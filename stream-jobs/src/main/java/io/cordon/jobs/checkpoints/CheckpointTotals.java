package io.cordon.jobs.checkpoints;

import io.cordon.jobs.clickhouse.TableRow;
import io.cordon.schemas.CheckpointCount;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import io.cordon.schemas.clickhouse.Tables;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counts of one checkpoint over one period: a UTC minute, a local day, or all time. The three grains are the
 * rollups ClickHouse reads: a window of minutes for the last 15 minutes and hour, a day for today, all time for
 * the cumulative figure, days and the minutes of one day for a snapshot's cutoff. None of those reads grows with
 * the number of days that have passed.
 *
 * <p>{@code version} counts the changes applied to this row's key (never the events in it): a void or a correction
 * may lower a count, and the row that carries the most changes is still the latest. The job applies the events of
 * a key in log order, so a replay from the log writes the same rows with the same versions.
 */
public class CheckpointTotals implements TableRow {
    private static final DateTimeFormatter CH_TIME = ClickHouseSql.DATE_TIME;

    /** The three periods, each with its ClickHouse table. */
    public enum Grain {
        MINUTE(Tables.CHECKPOINT_MINUTE_TOTALS),
        DAY(Tables.CHECKPOINT_DAY_TOTALS),
        ALL(Tables.CHECKPOINT_TOTALS);

        private final String table;

        Grain(String table) {
            this.table = table;
        }

        public String table() {
            return table;
        }
    }

    public String checkpointId;
    public Grain grain;
    /** Epoch second of the minute's start (MINUTE), epoch day of the local day (DAY), 0 (ALL). */
    public long period;
    /** Distinct events counted. */
    public long arrivals;

    public long[] counts = new long[CheckpointCount.SIZE];
    public long lastReceivedAtMillis;
    public long version;

    public CheckpointTotals() {}

    public static CheckpointTotals empty(String checkpointId, Grain grain, long period) {
        CheckpointTotals c = new CheckpointTotals();
        c.checkpointId = checkpointId;
        c.grain = grain;
        c.period = period;
        return c;
    }

    /** Adds ({@code sign} 1) or takes away ({@code sign} -1) one arrival: one change of this row. */
    public void apply(ArrivalTally t, int sign) {
        arrivals += sign;
        for (int i = 0; i < counts.length; i++) {
            counts[i] += sign * t.counts[i];
        }
        if (sign > 0) {
            lastReceivedAtMillis = Math.max(lastReceivedAtMillis, t.receivedAtMillis);
        }
        version++;
    }

    /** Adds the changes gathered in {@code delta} (same key): its counts, its last sign of life and its changes. */
    public void merge(CheckpointTotals delta) {
        arrivals += delta.arrivals;
        for (int i = 0; i < counts.length; i++) {
            counts[i] += delta.counts[i];
        }
        lastReceivedAtMillis = Math.max(lastReceivedAtMillis, delta.lastReceivedAtMillis);
        version += delta.version;
    }

    public long count(CheckpointCount c) {
        return counts[c.ordinal()];
    }

    public CheckpointTotals copy() {
        CheckpointTotals c = empty(checkpointId, grain, period);
        c.arrivals = arrivals;
        c.counts = Arrays.copyOf(counts, counts.length);
        c.lastReceivedAtMillis = lastReceivedAtMillis;
        c.version = version;
        return c;
    }

    /** The totals as the job keeps them in state: arrivals, the seven counts, last received, version. */
    public long[] toState() {
        long[] s = new long[CheckpointCount.SIZE + 3];
        s[0] = arrivals;
        System.arraycopy(counts, 0, s, 1, CheckpointCount.SIZE);
        s[CheckpointCount.SIZE + 1] = lastReceivedAtMillis;
        s[CheckpointCount.SIZE + 2] = version;
        return s;
    }

    public static CheckpointTotals fromState(String checkpointId, Grain grain, long period, long[] state) {
        CheckpointTotals c = empty(checkpointId, grain, period);
        if (state != null) {
            c.arrivals = state[0];
            System.arraycopy(state, 1, c.counts, 0, CheckpointCount.SIZE);
            c.lastReceivedAtMillis = state[CheckpointCount.SIZE + 1];
            c.version = state[CheckpointCount.SIZE + 2];
        }
        return c;
    }

    public String key() {
        return checkpointId + "|" + grain + "|" + period;
    }

    /** The row of the grain's table. */
    @Override
    public Map<String, Object> toRow() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checkpoint_id", checkpointId);
        switch (grain) {
            case MINUTE -> m.put("minute", CH_TIME.format(Instant.ofEpochSecond(period)));
            case DAY -> m.put("day", LocalDate.ofEpochDay(period).toString());
            case ALL -> {}
        }
        m.put("arrivals", arrivals);
        for (CheckpointCount c : CheckpointCount.ALL) {
            m.put(c.key(), counts[c.ordinal()]);
        }
        m.put("last_received_at", CH_TIME.format(Instant.ofEpochMilli(lastReceivedAtMillis)));
        m.put("version", version);
        return m;
    }

    @Override
    public String toString() {
        return "CheckpointTotals" + toRow();
    }
}
