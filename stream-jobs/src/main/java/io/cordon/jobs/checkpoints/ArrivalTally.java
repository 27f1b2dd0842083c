package io.cordon.jobs.checkpoints;

import io.cordon.schemas.CheckpointArrival;
import io.cordon.schemas.Provinces;

/**
 * What one arrival adds to its checkpoint's counts (PRODUCT.md, "Checkpoint arrivals"): a flat value that
 * travels between operators without generic types.
 */
public class ArrivalTally {
    public String eventId;
    public String checkpointId;
    public long occurredAtMillis;
    public long receivedAtMillis;
    public long registeredVehicles;
    public long registeredPersons;
    public long outOfProvincePersons;
    public long turnedBackVehicles;
    public long turnedBackPersons;
    public long abnormalTemperatures;
    public long referredPersons;
    /** Temperatures at or above the threshold, one per feverish person, in the order of the arrival's persons. */
    public double[] feverTemperatures = new double[0];
    /** Positions of those persons in the arrival. */
    public int[] feverPersonIndexes = new int[0];

    public ArrivalTally() {
    }

    public static ArrivalTally of(CheckpointArrival a, double feverThresholdC) {
        ArrivalTally t = new ArrivalTally();
        t.eventId = a.eventId();
        t.checkpointId = a.checkpointId();
        t.occurredAtMillis = a.occurredAt().toEpochMilli();
        t.receivedAtMillis = a.receivedAt() == null ? t.occurredAtMillis : a.receivedAt().toEpochMilli();
        boolean vehicle = a.vehicle() != null;
        boolean turnedBack = CheckpointArrival.TURNED_BACK.equals(a.decision());
        int persons = a.persons().size();
        t.registeredVehicles = vehicle ? 1 : 0;
        t.registeredPersons = persons;
        t.turnedBackVehicles = vehicle && turnedBack ? 1 : 0;
        t.turnedBackPersons = turnedBack ? persons : 0;
        t.referredPersons = CheckpointArrival.REFERRED.equals(a.decision()) ? persons : 0;
        int fevers = 0;
        double[] temps = new double[persons];
        int[] idx = new int[persons];
        for (int i = 0; i < persons; i++) {
            CheckpointArrival.Person p = a.persons().get(i);
            if (Provinces.isOutOfProvince(p.originProvince(), a.checkpointProvince())) {
                t.outOfProvincePersons++;
            }
            if (p.temperatureC() != null && p.temperatureC() >= feverThresholdC - 1e-9) {
                temps[fevers] = p.temperatureC();
                idx[fevers] = i;
                fevers++;
            }
        }
        t.abnormalTemperatures = fevers;
        t.feverTemperatures = java.util.Arrays.copyOf(temps, fevers);
        t.feverPersonIndexes = java.util.Arrays.copyOf(idx, fevers);
        return t;
    }

    /** The UTC minute the arrival happened in, as epoch seconds of its start. */
    public long minuteEpochSecond() {
        return Math.floorDiv(occurredAtMillis, 60_000L) * 60L;
    }
}
