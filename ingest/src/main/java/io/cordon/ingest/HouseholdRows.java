package io.cordon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.http.Location;
import io.cordon.http.Scope;
import io.cordon.schemas.Household;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rows of the household registry (API.md, Registry), with the place hierarchy district → street → community →
 * compound → building → household. Ingest keeps each household's compound ({@link HouseholdMirror}); the jobs keep
 * when it was first registered and the compound directory (table {@code compounds}) from the registry log.
 */
public final class HouseholdRows implements Registry.RowType<Household, HouseholdMirror.Place> {

    private static final Pattern ID = Pattern.compile("[^\\s,;\"'\\\\]{1,128}");

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
            errors.add(new RegistryRows.RowError(
                    n, "household_id", "must be 1-128 characters without blanks, commas or quotes"));
        } else if (id != null && id.getBytes(StandardCharsets.UTF_8).length > 255) {
            // the mirror keeps ids of up to 255 bytes: refused here, before any row of the upload is stored
            errors.add(new RegistryRows.RowError(n, "household_id", "must be at most 255 bytes in UTF-8"));
        }
        String compoundId = RegistryRows.required(row, "compound_id", 128, n, errors);
        if (compoundId != null && !ID.matcher(compoundId).matches()) {
            errors.add(new RegistryRows.RowError(
                    n, "compound_id", "must be 1-128 characters without blanks, commas or quotes"));
        }
        String[] lifetime = RegistryRows.lifetime(row, n, errors);
        return new Household(
                id,
                RegistryRows.areaName(RegistryRows.required(row, "district", 64, n, errors), "district", n, errors),
                RegistryRows.areaName(RegistryRows.required(row, "street", 64, n, errors), "street", n, errors),
                RegistryRows.areaName(RegistryRows.required(row, "community", 64, n, errors), "community", n, errors),
                compoundId,
                RegistryRows.required(row, "compound_name", 200, n, errors),
                RegistryRows.optional(row, "building", 64, n, errors),
                RegistryRows.optional(row, "unit", 64, n, errors),
                RegistryRows.optional(row, "room", 64, n, errors),
                RegistryRows.areaName(
                        RegistryRows.optional(row, "responsible_unit", 200, n, errors), "responsible_unit", n, errors),
                RegistryRows.optional(row, "grid_id", 64, n, errors),
                lifetime[0],
                lifetime[1]);
    }

    @Override
    public String activeUntil(Household h) {
        return h.activeUntil() == null ? "" : h.activeUntil();
    }

    @Override
    public String id(Household h) {
        return h.householdId();
    }

    @Override
    public Map<String, Object> toStored(Household h) {
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
        m.put("active_from", h.activeFrom());
        m.put("active_until", h.activeUntil());
        return m;
    }

    @Override
    public Household fromStored(JsonNode r) {
        return new Household(
                r.path("household_id").asText(),
                r.path("district").asText(),
                r.path("street").asText(),
                r.path("community").asText(),
                r.path("compound_id").asText(),
                r.path("compound_name").asText(),
                r.path("building").asText(),
                r.path("unit").asText(),
                r.path("room").asText(),
                r.path("responsible_unit").asText(),
                r.path("grid_id").asText(),
                r.path("active_from").asText(""),
                r.path("active_until").asText(""));
    }

    @Override
    public HouseholdMirror.Place mirror(Household h) {
        return new HouseholdMirror.Place(h.compoundId(), location(h));
    }

    @Override
    public Location location(Household h) {
        return Location.home(h.district(), h.street(), h.community(), h.responsibleUnit());
    }

    @Override
    public Location mirroredLocation(HouseholdMirror.Place place) {
        return place.at();
    }

    @Override
    public String foreignReference(Household h, Mirror<HouseholdMirror.Place> mirror, Scope scope) {
        Location registered = mirror.compoundLocation(h.compoundId());
        return registered != null && (!registered.district().equals(h.district()) || !scope.covers(registered))
                ? "compound_id"
                : null;
    }

    @Override
    public List<String> compounds(List<Household> entries) {
        return entries.stream().map(Household::compoundId).distinct().toList();
    }

    @Override
    public Mirror<HouseholdMirror.Place> newMirror() {
        return new HouseholdMirror();
    }
}
