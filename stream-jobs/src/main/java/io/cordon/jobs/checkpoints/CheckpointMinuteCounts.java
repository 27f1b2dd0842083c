package io.cordon.jobs.checkpoints;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counts of one checkpoint in one UTC minute: the unit that ClickHouse sums into any window or cutoff.
 * {@code arrivals} (distinct events) only grows, so it is also the row's version: a later row for the same
 * minute replaces an earlier one, and writing the same row twice changes nothing.
 */
public class CheckpointMinuteCounts {
    private static final DateTimeFormatter CH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    public String checkpointId;
    public long minuteEpochSecond;
    public long arrivals;
    public long registeredVehicles;
    public long registeredPersons;
    public long outOfProvincePersons;
    public long turnedBackVehicles;
    public long turnedBackPersons;
    public long abnormalTemperatures;
    public long referredPersons;
    public long lastReceivedAtMillis;

    public CheckpointMinuteCounts() {
    }

    public static CheckpointMinuteCounts empty(String checkpointId, long minuteEpochSecond) {
        CheckpointMinuteCounts c = new CheckpointMinuteCounts();
        c.checkpointId = checkpointId;
        c.minuteEpochSecond = minuteEpochSecond;
        return c;
    }

    public void add(ArrivalTally t) {
        arrivals++;
        registeredVehicles += t.registeredVehicles;
        registeredPersons += t.registeredPersons;
        outOfProvincePersons += t.outOfProvincePersons;
        turnedBackVehicles += t.turnedBackVehicles;
        turnedBackPersons += t.turnedBackPersons;
        abnormalTemperatures += t.abnormalTemperatures;
        referredPersons += t.referredPersons;
        lastReceivedAtMillis = Math.max(lastReceivedAtMillis, t.receivedAtMillis);
    }

    public CheckpointMinuteCounts copy() {
        CheckpointMinuteCounts c = empty(checkpointId, minuteEpochSecond);
        c.arrivals = arrivals;
        c.registeredVehicles = registeredVehicles;
        c.registeredPersons = registeredPersons;
        c.outOfProvincePersons = outOfProvincePersons;
        c.turnedBackVehicles = turnedBackVehicles;
        c.turnedBackPersons = turnedBackPersons;
        c.abnormalTemperatures = abnormalTemperatures;
        c.referredPersons = referredPersons;
        c.lastReceivedAtMillis = lastReceivedAtMillis;
        return c;
    }

    public String key() {
        return checkpointId + "|" + minuteEpochSecond;
    }

    /** The row of table {@code checkpoint_minute_counts}. */
    public Map<String, Object> toRow() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checkpoint_id", checkpointId);
        m.put("minute", CH_TIME.format(Instant.ofEpochSecond(minuteEpochSecond)));
        m.put("arrivals", arrivals);
        m.put("registered_vehicles", registeredVehicles);
        m.put("registered_persons", registeredPersons);
        m.put("out_of_province_persons", outOfProvincePersons);
        m.put("turned_back_vehicles", turnedBackVehicles);
        m.put("turned_back_persons", turnedBackPersons);
        m.put("abnormal_temperatures", abnormalTemperatures);
        m.put("referred_persons", referredPersons);
        m.put("last_received_at", CH_TIME.format(Instant.ofEpochMilli(lastReceivedAtMillis)));
        return m;
    }

    @Override
    public String toString() {
        return "CheckpointMinuteCounts" + toRow();
    }
}
