package io.cordon.jobs.screening;

import io.cordon.jobs.clickhouse.TableRow;
import io.cordon.jobs.common.FlatPojo;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;

/**
 * A compound's screening totals in a round, over the households visited so far; the registry's household count
 * completes them (never visited = households − visited). {@code version} is the sum of its households' versions
 * (see {@link CompoundDelta#between}): it grows with every change and a replay of the log reaches the same value.
 * {@code resolvedDays}/{@code resolvedByDay} count its resolved households by the local day of their first resolving
 * visit (ascending days; a day with none is dropped): the screening progress curve, read from these rows, whatever
 * the number of households or visits.
 */
public class CompoundRoundTotals extends FlatPojo<CompoundRoundTotals> implements TableRow {
    public String compoundId;
    public int round;
    public long visited;
    public long resolved;
    public long pendingRevisit;
    public long revisitOverdue;
    public long homeQuarantine;
    public long centralQuarantine;
    public long version;
    public String[] resolvedDays = new String[0];
    public long[] resolvedByDay = new long[0];

    public CompoundRoundTotals() {}

    /** Applies a household's change; days are local days in {@code zone} (CORDON_TIMEZONE). */
    public void apply(CompoundDelta d, ZoneId zone) {
        apply(d);
        if (d.resolvedAtBeforeMillis != d.resolvedAtMillis) {
            if (d.resolvedAtBeforeMillis != Long.MAX_VALUE) {
                addToDay(day(d.resolvedAtBeforeMillis, zone), -1);
            }
            if (d.resolvedAtMillis != Long.MAX_VALUE) {
                addToDay(day(d.resolvedAtMillis, zone), 1);
            }
        }
    }

    private static String day(long millis, ZoneId zone) {
        return Instant.ofEpochMilli(millis).atZone(zone).toLocalDate().toString();
    }

    private void addToDay(String day, long n) {
        int i = Arrays.binarySearch(resolvedDays, day);
        if (i < 0) {
            int at = -i - 1;
            String[] days = new String[resolvedDays.length + 1];
            long[] counts = new long[days.length];
            System.arraycopy(resolvedDays, 0, days, 0, at);
            System.arraycopy(resolvedByDay, 0, counts, 0, at);
            days[at] = day;
            counts[at] = n;
            System.arraycopy(resolvedDays, at, days, at + 1, resolvedDays.length - at);
            System.arraycopy(resolvedByDay, at, counts, at + 1, resolvedDays.length - at);
            resolvedDays = days;
            resolvedByDay = counts;
        } else if (resolvedByDay[i] + n == 0) {
            String[] days = new String[resolvedDays.length - 1];
            long[] counts = new long[days.length];
            System.arraycopy(resolvedDays, 0, days, 0, i);
            System.arraycopy(resolvedByDay, 0, counts, 0, i);
            System.arraycopy(resolvedDays, i + 1, days, i, days.length - i);
            System.arraycopy(resolvedByDay, i + 1, counts, i, days.length - i);
            resolvedDays = days;
            resolvedByDay = counts;
        } else {
            resolvedByDay[i] += n;
        }
    }

    /** The counts without the days (a change from the first release's path, which has no zone). */
    public void apply(CompoundDelta d) {
        compoundId = d.compoundId;
        round = d.round;
        visited += d.visited;
        resolved += d.resolved;
        pendingRevisit += d.pending;
        revisitOverdue += d.overdue;
        homeQuarantine += d.homeQuarantine;
        centralQuarantine += d.centralQuarantine;
        version += d.version;
    }

    public String key() {
        return compoundId + "|" + round;
    }
}
