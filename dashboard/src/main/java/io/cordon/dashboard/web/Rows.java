package io.cordon.dashboard.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The rows of a ClickHouse answer in {@code FORMAT JSON}, where 64-bit numbers come as strings. */
public final class Rows {

    private Rows() {}

    /** The {@code data} rows of an answer. */
    public static JsonArray of(String body) {
        return new JsonObject(body).getJsonArray("data", new JsonArray());
    }

    /** A whole number of a row, whether ClickHouse wrote it as a number or (64-bit) as a string; absent is 0. */
    public static long number(JsonObject row, String key) {
        Object v = row.getValue(key);
        if (v instanceof Number n) {
            return n.longValue();
        }
        return v == null ? 0 : Long.parseLong(v.toString());
    }
}
