package io.cordon.schemas;

import java.util.List;

/**
 * The seven checkpoint counts of PRODUCT.md ("Checkpoint arrivals"), defined once: their public key (the tile key,
 * the JSON field, the ClickHouse column of every checkpoint table), their labels, and what one arrival adds to each.
 * The jobs, the dashboard's queries, its exports, its OpenAPI document and the wall's script all derive from this
 * list; a test checks the DDL, the OpenAPI document and {@code wall.js} against it.
 */
public enum CheckpointCount {
    REGISTERED_VEHICLES("registered_vehicles", "登记车辆", "Vehicles registered"),
    REGISTERED_PERSONS("registered_persons", "登记人员", "Persons registered"),
    OUT_OF_PROVINCE_PERSONS("out_of_province_persons", "省外人员", "Out-of-province persons"),
    TURNED_BACK_VEHICLES("turned_back_vehicles", "劝返车辆", "Vehicles turned back"),
    TURNED_BACK_PERSONS("turned_back_persons", "劝返人员", "Persons turned back"),
    ABNORMAL_TEMPERATURES("abnormal_temperatures", "体温异常", "Abnormal temperatures"),
    REFERRED_PERSONS("referred_persons", "转诊人员", "Persons referred");

    /** All seven, in the order of the wall and the exports. */
    public static final List<CheckpointCount> ALL = List.of(values());
    /** Their keys, in the same order. */
    public static final List<String> KEYS =
            ALL.stream().map(CheckpointCount::key).toList();

    public static final int SIZE = ALL.size();

    /**
     * The order in which the second release stored an event's counts in {@code counted_events} (values only, comma
     * separated): frozen here, never derived from the enum, so that the rows of that release are read right whatever
     * the enum's order becomes. Rows are now stored by key ({@link #byKey}); the schema migrates the old ones.
     */
    public static final List<String> STORED_BY_POSITION = List.of(
            "registered_vehicles",
            "registered_persons",
            "out_of_province_persons",
            "turned_back_vehicles",
            "turned_back_persons",
            "abnormal_temperatures",
            "referred_persons");

    private final String key;
    private final String chinese;
    private final String english;

    CheckpointCount(String key, String chinese, String english) {
        this.key = key;
        this.chinese = chinese;
        this.english = english;
    }

    public String key() {
        return key;
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }

    /** "登记车辆 Vehicles registered": the heading of exports. */
    public String label() {
        return chinese + " " + english;
    }

    /**
     * What one arrival adds to each count, indexed by {@link #ordinal()}: a vehicle, its persons, those from another
     * province than the checkpoint's, turned back, at or above the fever threshold, referred.
     */
    public static long[] of(CheckpointArrival a, double feverThresholdC) {
        long[] c = new long[SIZE];
        boolean vehicle = a.vehicle() != null;
        boolean turnedBack = CheckpointArrival.TURNED_BACK.equals(a.decision());
        int persons = a.persons().size();
        c[REGISTERED_VEHICLES.ordinal()] = vehicle ? 1 : 0;
        c[REGISTERED_PERSONS.ordinal()] = persons;
        c[TURNED_BACK_VEHICLES.ordinal()] = vehicle && turnedBack ? 1 : 0;
        c[TURNED_BACK_PERSONS.ordinal()] = turnedBack ? persons : 0;
        c[REFERRED_PERSONS.ordinal()] = CheckpointArrival.REFERRED.equals(a.decision()) ? persons : 0;
        for (CheckpointArrival.Person p : a.persons()) {
            if (Provinces.isOutOfProvince(p.originProvince(), a.checkpointProvince())) {
                c[OUT_OF_PROVINCE_PERSONS.ordinal()]++;
            }
            if (isFever(p.temperatureC(), feverThresholdC)) {
                c[ABNORMAL_TEMPERATURES.ordinal()]++;
            }
        }
        return c;
    }

    /** A temperature at or above the threshold (compared to a hundredth of a millikelvin, so 37.3 ≥ 37.3). */
    public static boolean isFever(Double temperatureC, double feverThresholdC) {
        return temperatureC != null && temperatureC >= feverThresholdC - 1e-9;
    }

    /** An event's counts as stored: {@code key=value} pairs, comma separated, in {@link #ALL}'s order. */
    public static String byKey(long[] counts) {
        StringBuilder sb = new StringBuilder();
        for (CheckpointCount c : ALL) {
            sb.append(sb.length() == 0 ? "" : ",").append(c.key).append('=').append(counts[c.ordinal()]);
        }
        return sb.toString();
    }

    /**
     * One count of an event's stored counts, by key; null when the row holds none (an event that is not an arrival).
     * Reads both forms: {@code key=value} pairs, and the second release's values by position
     * ({@link #STORED_BY_POSITION}).
     */
    public static Long storedCount(String stored, String key) {
        if (stored == null || stored.isEmpty()) {
            return null;
        }
        String[] parts = stored.split(",");
        if (stored.indexOf('=') < 0) {
            int i = STORED_BY_POSITION.indexOf(key);
            return i < 0 || i >= parts.length ? null : Long.parseLong(parts[i].strip());
        }
        for (String part : parts) {
            int eq = part.indexOf('=');
            if (part.substring(0, eq).equals(key)) {
                return Long.parseLong(part.substring(eq + 1));
            }
        }
        return null;
    }
}
