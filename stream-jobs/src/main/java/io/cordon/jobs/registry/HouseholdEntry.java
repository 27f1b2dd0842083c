package io.cordon.jobs.registry;

import io.cordon.jobs.clickhouse.TableRow;
import java.time.Instant;
import java.util.Map;

/** A household's row of table {@code households}: its fields, when it was first registered, and its log offset. */
public class HouseholdEntry implements TableRow {
    public String householdId;
    public String fieldsJson;
    public long registeredAtMillis;
    public long version;
    /** The compound named by this upload. */
    public String compoundId;
    /** The compound this upload took the household out of, or null when it stayed (or was new). */
    public String movedFrom;

    public HouseholdEntry() {}

    public String key() {
        return householdId;
    }

    @Override
    public Map<String, Object> toRow() {
        RegistryRow r = new RegistryRow();
        r.id = householdId;
        r.fieldsJson = fieldsJson;
        Map<String, Object> m = r.fields();
        m.put("registered_at", RegistryRow.CH_TIME.format(Instant.ofEpochMilli(registeredAtMillis)));
        m.put("version", version);
        return m;
    }
}
