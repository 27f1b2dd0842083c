package io.cordon.jobs.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.Json;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import io.cordon.schemas.clickhouse.Tables;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** One row of the registry log as the registry job carries it: its table, id, fields (as JSON) and log offset. */
public class RegistryRow {
    static final DateTimeFormatter CH_TIME = ClickHouseSql.DATE_TIME;

    public String table;
    public String id;
    /** The record's offset in the one-partition registry log: the order of every upload, so the row's version. */
    public long offset;

    public long receivedAtMillis;
    public String fieldsJson;

    public RegistryRow() {}

    /** Reads a registry log record ({@code RegistryRecord} as JSON); null when it cannot be read. */
    public static RegistryRow read(String value, long offset) {
        try {
            JsonNode r = Json.MAPPER.readTree(value);
            String table = r.path("table").asText();
            JsonNode row = r.path("row");
            String idField = table.equals(Tables.CHECKPOINTS)
                    ? "checkpoint_id"
                    : table.equals(Tables.HOUSEHOLDS)
                            ? "household_id"
                            : table.equals(Tables.KEY_PERSONS) ? "person_id" : null;
            if (idField == null || !row.path(idField).isTextual()) {
                return null;
            }
            RegistryRow out = new RegistryRow();
            out.table = table;
            out.id = row.get(idField).asText();
            out.offset = offset;
            out.receivedAtMillis = r.hasNonNull("received_at")
                    ? Instant.parse(r.get("received_at").asText()).toEpochMilli()
                    : 0;
            out.fieldsJson = row.toString();
            return out;
        } catch (Exception e) {
            return null;
        }
    }

    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            JsonNode row = Json.MAPPER.readTree(fieldsJson);
            for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                m.put(e.getKey(), v.isNull() ? null : v.isNumber() ? v.numberValue() : v.asText());
            }
        } catch (Exception e) {
            throw new IllegalStateException("registry row of " + id + " cannot be read", e);
        }
        return m;
    }

    public String field(String name) {
        Object v = fields().get(name);
        return v == null ? "" : v.toString();
    }

    /**
     * The ClickHouse row of a table that keeps a registry's rows as uploaded ({@code checkpoints}, {@code key_persons}),
     * versioned by the log offset.
     */
    public Map<String, Object> tableRow() {
        Map<String, Object> m = fields();
        m.put("version", offset);
        return m;
    }

    /**
     * The row of {@code key_persons}, which keeps every upload (versioned by the log offset, with the time it was
     * received): a report as of a cutoff reads each person's register row as it stood then.
     */
    public Map<String, Object> keyPersonRow() {
        Map<String, Object> m = tableRow();
        m.put("received_at", CH_TIME.format(Instant.ofEpochMilli(receivedAtMillis)));
        return m;
    }
}
