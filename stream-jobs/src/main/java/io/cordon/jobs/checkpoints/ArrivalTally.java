package io.cordon.jobs.checkpoints;

import io.cordon.jobs.common.VersionedRecord;
import io.cordon.schemas.CheckpointArrival;
import io.cordon.schemas.CheckpointCount;
import io.cordon.schemas.FeverAlert;
import io.cordon.schemas.Figure;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one arrival adds to its checkpoint's counts ({@link CheckpointCount}, indexed by ordinal), with the minute
 * and the local day it happened in: a flat value that travels between operators without generic types.
 */
public class ArrivalTally extends VersionedRecord<ArrivalTally> {
    public String checkpointId;
    public long occurredAtMillis;
    /** The local calendar day (in the operation's time zone) of the event, as an epoch day. */
    public long localEpochDay;
    /** The seven counts, indexed by {@link CheckpointCount#ordinal()}. */
    public long[] counts = new long[CheckpointCount.SIZE];
    /** Temperatures at or above the threshold, one per feverish person, in the order of the arrival's persons. */
    public double[] feverTemperatures = new double[0];
    /** Positions of those persons in the arrival. */
    public int[] feverPersonIndexes = new int[0];

    public ArrivalTally() {}

    public static ArrivalTally of(CheckpointArrival a, double feverThresholdC, ZoneId zone) {
        if (CheckpointArrival.VOID.equals(a.change())) {
            ArrivalTally v = new ArrivalTally();
            v.changeOf(a, 0);
            v.checkpointId = a.checkpointId();
            return v;
        }
        ArrivalTally t = new ArrivalTally();
        t.checkpointId = a.checkpointId();
        t.occurredAtMillis = a.occurredAt().toEpochMilli();
        t.changeOf(a, t.occurredAtMillis);
        t.localEpochDay = LocalDate.ofInstant(a.occurredAt(), zone).toEpochDay();
        t.counts = CheckpointCount.of(a, feverThresholdC);
        int persons = a.persons().size();
        int fevers = 0;
        double[] temps = new double[persons];
        int[] idx = new int[persons];
        for (int i = 0; i < persons; i++) {
            Double temperature = a.persons().get(i).temperatureC();
            if (CheckpointCount.isFever(temperature, feverThresholdC)) {
                temps[fevers] = temperature;
                idx[fevers] = i;
                fevers++;
            }
        }
        t.feverTemperatures = Arrays.copyOf(temps, fevers);
        t.feverPersonIndexes = Arrays.copyOf(idx, fevers);
        return t;
    }

    public long count(CheckpointCount c) {
        return counts[c.ordinal()];
    }

    /** The UTC minute the arrival happened in, as epoch seconds of its start. */
    public long minuteEpochSecond() {
        return Math.floorDiv(occurredAtMillis, 60_000L) * 60L;
    }

    @Override
    public long occurredAtMillis() {
        return occurredAtMillis;
    }

    @Override
    public long[] figureCounts() {
        return counts;
    }

    @Override
    public String figure() {
        return Figure.ofCheckpoint(checkpointId);
    }

    /** A district admin's void names its checkpoint: it voids only an event of that checkpoint. */
    @Override
    protected String place() {
        return checkpointId;
    }

    @Override
    public boolean within(String scope, ArrivalTally change) {
        return scope.equals("checkpoint:" + checkpointId) || super.within(scope, change);
    }

    /** The fever alert of its {@code i}-th person with an abnormal temperature. */
    public FeverAlert alert(int i) {
        return new FeverAlert(
                eventId,
                feverPersonIndexes[i],
                checkpointId,
                Instant.ofEpochMilli(occurredAtMillis),
                feverTemperatures[i]);
    }

    /** The alerts of its persons who are no fever in {@code after} (null: none is). */
    @Override
    public List<FeverAlert> feversWithdrawnBy(ArrivalTally after) {
        List<FeverAlert> withdrawn = new ArrayList<>();
        for (int i = 0; i < feverPersonIndexes.length; i++) {
            int person = feverPersonIndexes[i];
            if (after == null || Arrays.stream(after.feverPersonIndexes).noneMatch(p -> p == person)) {
                withdrawn.add(alert(i));
            }
        }
        return withdrawn;
    }
}
