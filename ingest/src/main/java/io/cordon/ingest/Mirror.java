package io.cordon.ingest;

import io.cordon.http.Location;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What an ingest instance keeps in memory of a registry, per id, to check feed items without a round trip. */
public interface Mirror<M> {

    M get(String id);

    void put(String id, M value);

    int size();

    /** Where a compound is registered (its latest row's areas), or null when no row names it (households only). */
    default Location compoundLocation(String compoundId) {
        return null;
    }

    /** A plain concurrent map: for small registries (checkpoints). */
    static <M> Mirror<M> inMap() {
        Map<String, M> map = new ConcurrentHashMap<>();
        return new Mirror<>() {
            @Override
            public M get(String id) {
                return map.get(id);
            }

            @Override
            public void put(String id, M value) {
                map.put(id, value);
            }

            @Override
            public int size() {
                return map.size();
            }
        };
    }
}
