package io.cordon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.Json;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A registry (checkpoints or households): kept in ClickHouse, where the jobs' results and the dashboard join it,
 * and mirrored in memory so that ingest checks every item's reference without a round trip.
 * Upserts are by id: the row with the highest version wins (ReplacingMergeTree).
 */
public final class Registry<T, M> {

    /**
     * How one kind of registry row is read, checked and stored. {@code M} is what ingest keeps in memory per id to
     * check feed items (the whole row for checkpoints; the compound and first registration for households).
     */
    public interface RowType<T, M> {
        /** The table and the CSV/JSON field names, in the order of API.md. */
        String table();

        List<String> fields();

        /** The fields a row cannot go without (a CSV header must have these columns). */
        List<String> requiredFields();

        /** Builds an entry from one row's fields, adding a {@link RegistryRows.RowError} for each bad field. */
        T fromRow(Map<String, String> row, int rowNumber, List<RegistryRows.RowError> errors);

        String id(T entry);

        /** The ClickHouse row of an entry; {@code previous} is what was kept of the same id before, or null. */
        Map<String, Object> toStored(T entry, M previous);

        T fromStored(JsonNode row);

        /** What is kept in memory of an entry (read from its stored row on load). */
        M mirror(T entry, M previous, JsonNode stored);

        /** Called once the batch is stored and mirrored, to update what depends on it; completes when done. */
        default CompletableFuture<Void> afterUpsert(List<T> batch, Map<String, M> previous, long version) {
            return CompletableFuture.completedFuture(null);
        }
    }

    private final RowType<T, M> type;
    private final ClickHouseHttp clickHouse;
    private final Map<String, M> entries = new ConcurrentHashMap<>();
    private final AtomicLong lastVersion = new AtomicLong();

    public Registry(RowType<T, M> type, ClickHouseHttp clickHouse) {
        this.type = type;
        this.clickHouse = clickHouse;
    }

    public RowType<T, M> type() {
        return type;
    }

    public M get(String id) {
        return entries.get(id);
    }

    public int size() {
        return entries.size();
    }

    public Collection<M> all() {
        return entries.values();
    }

    /** Loads every current row from ClickHouse into memory. */
    public CompletableFuture<Integer> load() {
        String sql = "SELECT * FROM " + ClickHouseSql.identifier(type.table()) + " FINAL FORMAT JSONEachRow";
        return clickHouse.executeLines(sql, line -> {
            JsonNode stored = readTree(line);
            T entry = type.fromStored(stored);
            entries.put(type.id(entry), type.mirror(entry, null, stored));
        }).thenApply(Long::intValue);
    }

    /** Stores the entries in ClickHouse, then makes them visible to checks; answers how many were upserted. */
    public CompletableFuture<Integer> upsert(List<T> batch) {
        long version = nextVersion();
        List<String> rows = new ArrayList<>(batch.size());
        Map<String, M> previous = new java.util.HashMap<>();
        Map<String, JsonNode> storedRows = new java.util.HashMap<>();
        for (T entry : batch) {
            M prev = entries.get(type.id(entry));
            if (prev != null) {
                previous.put(type.id(entry), prev);
            }
            Map<String, Object> stored = new java.util.LinkedHashMap<>(type.toStored(entry, prev));
            stored.put("version", version);
            String json = Json.write(stored);
            rows.add(json);
            storedRows.put(type.id(entry), Json.MAPPER.valueToTree(stored));
        }
        return clickHouse.insertJsonEachRow(type.table(), rows).thenCompose(ignored -> {
            for (T entry : batch) {
                String id = type.id(entry);
                entries.put(id, type.mirror(entry, previous.get(id), storedRows.get(id)));
            }
            return type.afterUpsert(batch, previous, version);
        }).thenApply(ignored -> batch.size());
    }

    /** Versions are microseconds since the epoch, strictly increasing within this process. */
    private long nextVersion() {
        long now = System.currentTimeMillis() * 1000;
        return lastVersion.updateAndGet(prev -> Math.max(prev + 1, now));
    }

    private static JsonNode readTree(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException("ClickHouse returned a row that is not JSON", e);
        }
    }
}
