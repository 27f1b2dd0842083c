package io.cordon.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The seven checkpoint counts of PRODUCT.md over one window, under their public names. */
public record CheckpointCounts(Map<String, Long> values) {

    /** The seven count keys, in the order of the wall and the exports. */
    public static final List<String> KEYS = List.of(
            "registered_vehicles", "registered_persons", "out_of_province_persons",
            "turned_back_vehicles", "turned_back_persons", "abnormal_temperatures", "referred_persons");

    /** Chinese and English labels for exports and the wall. */
    public static final Map<String, String> LABELS = Map.of(
            "registered_vehicles", "登记车辆 Vehicles registered",
            "registered_persons", "登记人员 Persons registered",
            "out_of_province_persons", "省外人员 Out-of-province persons",
            "turned_back_vehicles", "劝返车辆 Vehicles turned back",
            "turned_back_persons", "劝返人员 Persons turned back",
            "abnormal_temperatures", "体温异常 Abnormal temperatures",
            "referred_persons", "转诊人员 Persons referred");

    public static CheckpointCounts zero() {
        Map<String, Long> m = new LinkedHashMap<>();
        KEYS.forEach(k -> m.put(k, 0L));
        return new CheckpointCounts(m);
    }

    public long get(String key) {
        return values.getOrDefault(key, 0L);
    }

    public CheckpointCounts plus(CheckpointCounts other) {
        Map<String, Long> m = new LinkedHashMap<>();
        KEYS.forEach(k -> m.put(k, get(k) + other.get(k)));
        return new CheckpointCounts(m);
    }
}
