package io.cordon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.http.Location;
import io.cordon.http.Scope;
import io.cordon.schemas.Json;
import io.cordon.schemas.RegistryRecord;
import io.cordon.schemas.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A registry (checkpoints or households). Its record is the registry log ({@link Topics#REGISTRY}): an upload through
 * any ingest instance is appended there, every instance follows the log into its in-memory mirror (see
 * {@link RegistryFollower}) so that it checks every feed item's reference without a round trip, and the jobs write
 * the ClickHouse tables from the same log, with each record's offset as the row's version. No instance derives a
 * count of its own, and no version comes from a clock.
 */
public final class Registry<T, M> {

    /**
     * How one kind of registry row is read, checked and kept. {@code M} is what ingest keeps in memory per id to check
     * feed items (the whole row for checkpoints; the compound for households).
     */
    public interface RowType<T, M> {
        /** The table (and the registry record's {@code table}). */
        String table();

        /** The CSV/JSON field names, in the order of API.md. */
        List<String> fields();

        /** The fields a row cannot go without (a CSV header must have these columns). */
        List<String> requiredFields();

        /** Builds an entry from one row's fields, adding a {@link RegistryRows.RowError} for each bad field. */
        T fromRow(Map<String, String> row, int rowNumber, List<RegistryRows.RowError> errors);

        String id(T entry);

        /** The row of an entry as the registry log carries it. */
        Map<String, Object> toStored(T entry);

        T fromStored(JsonNode row);

        /** What is kept in memory of an entry. */
        M mirror(T entry);

        /** The areas of an entry (what an area's admin token may write). */
        Location location(T entry);

        /** The areas of what is kept of an entry. */
        Location mirroredLocation(M kept);

        /** The in-memory store of this registry. */
        Mirror<M> newMirror();

        /** The entry's {@code active_until} ("" when it has none): a row that sets one closes the checkpoint or household. */
        String activeUntil(T entry);

        /**
         * The field of an entry that names something registered in another district than the entry's own, or outside
         * the scope of the token uploading it (a household row naming another area's compound), or null: an area's
         * admin may not take it over.
         */
        default String foreignReference(T entry, Mirror<M> mirror, Scope scope) {
            return null;
        }

        /** The field to name when an entry lies outside an area admin's scope (its widest area field by default). */
        default String outsideField(Scope scope, Location at) {
            return RegistryHandler.outsideField(scope, at);
        }

        /** The compounds of some entries (households), whose directory rows an upload waits for; none by default. */
        default List<String> compounds(List<T> entries) {
            return List.of();
        }
    }

    private final RowType<T, M> type;
    private final Mirror<M> mirror;

    public Registry(RowType<T, M> type) {
        this.type = type;
        this.mirror = type.newMirror();
    }

    public RowType<T, M> type() {
        return type;
    }

    public M get(String id) {
        return mirror.get(id);
    }

    public int size() {
        return mirror.size();
    }

    /** {@link RowType#foreignReference} of an entry against what this registry holds. */
    public String foreignReference(T entry, Scope scope) {
        return type.foreignReference(entry, mirror, scope);
    }

    /** Applies one row read from the registry log (an upload through this or another instance). */
    public void apply(JsonNode row) {
        T entry = type.fromStored(row);
        mirror.put(type.id(entry), type.mirror(entry));
    }

    /**
     * Appends the entries to the registry log and, once every one is acknowledged, makes them visible to this
     * instance's checks at once (the others see them when their follower reads them, within a second or so);
     * completes with the lowest log offset of the batch (every entry's version is at or above it).
     */
    public Future<Long> upsert(Vertx vertx, EventLogWriter log, List<T> batch, Instant receivedAt) {
        List<EventLog.Entry> entries = new ArrayList<>(batch.size());
        for (T entry : batch) {
            entries.add(new EventLog.Entry(
                    RegistryRecord.key(type.table(), type.id(entry)),
                    Json.write(new RegistryRecord(type.table(), type.toStored(entry), receivedAt))));
        }
        return log.append(vertx, Topics.REGISTRY, entries).map(lowestOffset -> {
            for (T entry : batch) {
                mirror.put(type.id(entry), type.mirror(entry));
            }
            return lowestOffset;
        });
    }
}
