package io.cordon.schemas;

import java.time.Instant;
import java.util.Map;

/**
 * One registry row as ingest writes it to {@link Topics#REGISTRY}: the table it belongs to ({@code checkpoints},
 * {@code households} or {@code key_persons}), its fields under their API names, and when ingest received it. Its Kafka offset is its
 * version: a later upload of the same id, through any ingest instance, has a higher one.
 */
public record RegistryRecord(String table, Map<String, Object> row, Instant receivedAt) {

    public static final String CHECKPOINTS = "checkpoints";
    public static final String HOUSEHOLDS = "households";
    public static final String KEY_PERSONS = "key_persons";

    /** The Kafka key: the table and the row's id, so that every version of a row is in order. */
    public static String key(String table, String id) {
        return table + ":" + id;
    }
}
