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
public final class Registry<T> {

    /** How one kind of registry row is read, checked and stored. */
    public interface RowType<T> {
        /** The table and the CSV/JSON field names, in the order of API.md. */
        String table();

        List<String> fields();

        /** Builds an entry from one row's fields, adding a {@link RegistryRows.RowError} for each bad field. */
        T fromRow(Map<String, String> row, int rowNumber, List<RegistryRows.RowError> errors);

        String id(T entry);

        /** The ClickHouse JSONEachRow line of an entry at a version. */
        Map<String, Object> toStored(T entry);

        T fromStored(JsonNode row);
    }

    private final RowType<T> type;
    private final ClickHouseHttp clickHouse;
    private final Map<String, T> entries = new ConcurrentHashMap<>();
    private final AtomicLong lastVersion = new AtomicLong();

    public Registry(RowType<T> type, ClickHouseHttp clickHouse) {
        this.type = type;
        this.clickHouse = clickHouse;
    }

    public RowType<T> type() {
        return type;
    }

    public T get(String id) {
        return entries.get(id);
    }

    public int size() {
        return entries.size();
    }

    public Collection<T> all() {
        return entries.values();
    }

    /** Loads every current row from ClickHouse into memory. */
    public CompletableFuture<Integer> load() {
        String sql = "SELECT * FROM " + ClickHouseSql.identifier(type.table()) + " FINAL FORMAT JSONEachRow";
        return clickHouse.execute(sql).thenApply(body -> {
            int n = 0;
            for (String line : body.split("\n")) {
                if (!line.isBlank()) {
                    T entry = type.fromStored(readTree(line));
                    entries.put(type.id(entry), entry);
                    n++;
                }
            }
            return n;
        });
    }

    /** Stores the entries in ClickHouse, then makes them visible to checks; answers how many were upserted. */
    public CompletableFuture<Integer> upsert(List<T> batch) {
        long version = nextVersion();
        List<String> rows = new ArrayList<>(batch.size());
        for (T entry : batch) {
            Map<String, Object> stored = new java.util.LinkedHashMap<>(type.toStored(entry));
            stored.put("version", version);
            rows.add(Json.write(stored));
        }
        return clickHouse.insertJsonEachRow(type.table(), rows).thenApply(ignored -> {
            for (T entry : batch) {
                entries.put(type.id(entry), entry);
            }
            return batch.size();
        });
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
