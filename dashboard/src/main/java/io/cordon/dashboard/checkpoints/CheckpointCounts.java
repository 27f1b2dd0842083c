package io.cordon.dashboard.checkpoints;

import io.cordon.schemas.CheckpointCount;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;

/** The seven checkpoint counts of PRODUCT.md ({@link CheckpointCount}) over one window: a typed row. */
public record CheckpointCounts(long[] values) {

    /** The seven count keys, in the order of the wall and the exports. */
    public static final List<String> KEYS = CheckpointCount.KEYS;

    public static CheckpointCounts zero() {
        return new CheckpointCounts(new long[CheckpointCount.SIZE]);
    }

    /** The counts of a snapshot's {@code today} or {@code cumulative} object. */
    public static CheckpointCounts fromJson(JsonObject json) {
        long[] v = new long[CheckpointCount.SIZE];
        for (CheckpointCount c : CheckpointCount.ALL) {
            v[c.ordinal()] = json.getLong(c.key(), 0L);
        }
        return new CheckpointCounts(v);
    }

    public long get(CheckpointCount c) {
        return values[c.ordinal()];
    }

    public CheckpointCounts plus(CheckpointCounts other) {
        long[] v = Arrays.copyOf(values, values.length);
        for (int i = 0; i < v.length; i++) {
            v[i] += other.values[i];
        }
        return new CheckpointCounts(v);
    }

    public CheckpointCounts minus(CheckpointCounts other) {
        long[] v = Arrays.copyOf(values, values.length);
        for (int i = 0; i < v.length; i++) {
            v[i] -= other.values[i];
        }
        return new CheckpointCounts(v);
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        CheckpointCount.ALL.forEach(c -> o.put(c.key(), values[c.ordinal()]));
        return o;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CheckpointCounts other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return toJson().encode();
    }
}
