package io.cordon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.Household;
import io.cordon.schemas.Json;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Rows of the household registry (API.md, Registry), with the place hierarchy district → street → community →
 * compound → building → household. A household keeps the time it was first registered, so that a snapshot as of an
 * earlier cutoff does not count it, and the compound directory (table {@code compounds}: names, responsible unit,
 * number of households) is kept up to date from every upsert.
 */
public final class HouseholdRows implements Registry.RowType<Household, HouseholdRows.Ref> {

    /** What ingest keeps per household: its compound (shared string) and when it was first registered. */
    public record Ref(String compoundId, long registeredAtEpochSecond) {
    }

    private record CompoundInfo(String name, String district, String street, String community, String responsibleUnit) {
    }

    private static final Pattern ID = Pattern.compile("[^\\s,;\"'\\\\]{1,128}");
    private static final DateTimeFormatter CH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final ClickHouseHttp clickHouse;
    private final Map<String, CompoundInfo> compounds = new ConcurrentHashMap<>();
    private final Map<String, Integer> householdsPerCompound = new ConcurrentHashMap<>();
    private final Map<String, String> compoundIds = new ConcurrentHashMap<>();

    public HouseholdRows(ClickHouseHttp clickHouse) {
        this.clickHouse = clickHouse;
    }

    @Override
    public String table() {
        return "households";
    }

    @Override
    public List<String> fields() {
        return Household.FIELDS;
    }

    @Override
    public List<String> requiredFields() {
        return List.of("household_id", "district", "street", "community", "compound_id", "compound_name");
    }

    @Override
    public Household fromRow(Map<String, String> row, int n, List<RegistryRows.RowError> errors) {
        String id = RegistryRows.required(row, "household_id", 128, n, errors);
        if (id != null && !ID.matcher(id).matches()) {
            errors.add(new RegistryRows.RowError(n, "household_id", "must be 1-128 characters without blanks, commas or quotes"));
        }
        String compoundId = RegistryRows.required(row, "compound_id", 128, n, errors);
        if (compoundId != null && !ID.matcher(compoundId).matches()) {
            errors.add(new RegistryRows.RowError(n, "compound_id", "must be 1-128 characters without blanks, commas or quotes"));
        }
        return new Household(id,
                RegistryRows.required(row, "district", 64, n, errors),
                RegistryRows.required(row, "street", 64, n, errors),
                RegistryRows.required(row, "community", 64, n, errors),
                compoundId,
                RegistryRows.required(row, "compound_name", 200, n, errors),
                RegistryRows.optional(row, "building", 64, n, errors),
                RegistryRows.optional(row, "unit", 64, n, errors),
                RegistryRows.optional(row, "room", 64, n, errors),
                RegistryRows.optional(row, "responsible_unit", 200, n, errors),
                RegistryRows.optional(row, "grid_id", 64, n, errors));
    }

    @Override
    public String id(Household h) {
        return h.householdId();
    }

    @Override
    public Map<String, Object> toStored(Household h, Ref previous) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("household_id", h.householdId());
        m.put("district", h.district());
        m.put("street", h.street());
        m.put("community", h.community());
        m.put("compound_id", h.compoundId());
        m.put("compound_name", h.compoundName());
        m.put("building", h.building());
        m.put("unit", h.unit());
        m.put("room", h.room());
        m.put("responsible_unit", h.responsibleUnit());
        m.put("grid_id", h.gridId());
        long registered = previous != null ? previous.registeredAtEpochSecond() : Instant.now().getEpochSecond();
        m.put("registered_at", CH_TIME.format(Instant.ofEpochSecond(registered)));
        return m;
    }

    @Override
    public Household fromStored(JsonNode r) {
        return new Household(r.path("household_id").asText(), r.path("district").asText(), r.path("street").asText(),
                r.path("community").asText(), r.path("compound_id").asText(), r.path("compound_name").asText(),
                r.path("building").asText(), r.path("unit").asText(), r.path("room").asText(),
                r.path("responsible_unit").asText(), r.path("grid_id").asText());
    }

    @Override
    public Ref mirror(Household h, Ref previous, JsonNode stored) {
        String compoundId = compoundIds.computeIfAbsent(h.compoundId(), k -> k);
        compounds.put(compoundId, new CompoundInfo(h.compoundName(), h.district(), h.street(), h.community(), h.responsibleUnit()));
        if (previous == null) {
            householdsPerCompound.merge(compoundId, 1, Integer::sum);
        } else if (!previous.compoundId().equals(compoundId)) {
            householdsPerCompound.merge(previous.compoundId(), -1, Integer::sum);
            householdsPerCompound.merge(compoundId, 1, Integer::sum);
        }
        long registered = previous != null ? previous.registeredAtEpochSecond()
                : java.time.LocalDateTime.parse(stored.path("registered_at").asText().replace(' ', 'T'))
                        .toEpochSecond(ZoneOffset.UTC);
        return new Ref(compoundId, registered);
    }

    /** Writes the directory rows of every compound the batch touched (and of compounds a household left). */
    @Override
    public CompletableFuture<Void> afterUpsert(List<Household> batch, Map<String, Ref> previous, long version) {
        Set<String> touched = new LinkedHashSet<>();
        for (Household h : batch) {
            touched.add(h.compoundId());
            Ref prev = previous.get(h.householdId());
            if (prev != null) {
                touched.add(prev.compoundId());
            }
        }
        return writeCompounds(touched, version);
    }

    /** Writes the whole compound directory (after loading the registry at start). */
    public CompletableFuture<Void> writeAllCompounds() {
        return writeCompounds(new LinkedHashSet<>(compounds.keySet()), System.currentTimeMillis() * 1000);
    }

    private CompletableFuture<Void> writeCompounds(Set<String> ids, long version) {
        List<String> rows = new ArrayList<>(ids.size());
        for (String id : ids) {
            CompoundInfo c = compounds.get(id);
            if (c == null) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("compound_id", id);
            m.put("compound_name", c.name());
            m.put("district", c.district());
            m.put("street", c.street());
            m.put("community", c.community());
            m.put("responsible_unit", c.responsibleUnit());
            m.put("households", Math.max(0, householdsPerCompound.getOrDefault(id, 0)));
            m.put("version", version);
            rows.add(Json.write(m));
        }
        return clickHouse.insertJsonEachRow("compounds", rows).thenApply(x -> null);
    }
}
