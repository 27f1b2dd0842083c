package io.cordon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.http.Location;
import io.cordon.schemas.Checkpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Rows of the checkpoint registry (API.md, Registry). */
public final class CheckpointRows implements Registry.RowType<Checkpoint, Checkpoint> {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    public String table() {
        return "checkpoints";
    }

    @Override
    public List<String> fields() {
        return Checkpoint.FIELDS;
    }

    @Override
    public List<String> requiredFields() {
        return List.of("checkpoint_id", "name", "kind", "province");
    }

    @Override
    public Checkpoint fromRow(Map<String, String> row, int n, List<RegistryRows.RowError> errors) {
        String id = RegistryRows.required(row, "checkpoint_id", 64, n, errors);
        if (id != null && !ID.matcher(id).matches()) {
            errors.add(new RegistryRows.RowError(n, "checkpoint_id", "must be 1-64 characters of A-Z a-z 0-9 . _ : -"));
        }
        String name = RegistryRows.required(row, "name", 200, n, errors);
        String kind = RegistryRows.required(row, "kind", 32, n, errors);
        if (kind != null && !Checkpoint.KINDS.contains(kind)) {
            errors.add(new RegistryRows.RowError(
                    n, "kind", "must be one of " + String.join(", ", Checkpoint.KINDS) + ", got '" + kind + "'"));
        }
        String province = RegistryRows.required(row, "province", 32, n, errors);
        Double lat = coordinate(row, "latitude", 90, n, errors);
        Double lon = coordinate(row, "longitude", 180, n, errors);
        String[] lifetime = RegistryRows.lifetime(row, n, errors);
        return new Checkpoint(
                id,
                name,
                kind,
                province,
                RegistryRows.optional(row, "city", 64, n, errors),
                RegistryRows.areaName(RegistryRows.optional(row, "district", 64, n, errors), "district", n, errors),
                RegistryRows.areaName(RegistryRows.optional(row, "street", 64, n, errors), "street", n, errors),
                lat,
                lon,
                lifetime[0],
                lifetime[1]);
    }

    private static Double coordinate(
            Map<String, String> row, String field, double limit, int n, List<RegistryRows.RowError> errors) {
        String v = row.getOrDefault(field, "");
        if (v.isEmpty()) {
            return null;
        }
        try {
            double d = Double.parseDouble(v);
            if (Double.isNaN(d) || d < -limit || d > limit) {
                errors.add(
                        new RegistryRows.RowError(n, field, "must be between -" + (int) limit + " and " + (int) limit));
                return null;
            }
            return d;
        } catch (NumberFormatException e) {
            errors.add(new RegistryRows.RowError(n, field, "must be a number or empty, got '" + v + "'"));
            return null;
        }
    }

    @Override
    public String activeUntil(Checkpoint c) {
        return c.activeUntil() == null ? "" : c.activeUntil();
    }

    @Override
    public String id(Checkpoint c) {
        return c.checkpointId();
    }

    @Override
    public Map<String, Object> toStored(Checkpoint c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checkpoint_id", c.checkpointId());
        m.put("name", c.name());
        m.put("kind", c.kind());
        m.put("province", c.province());
        m.put("city", c.city());
        m.put("district", c.district());
        m.put("street", c.street());
        m.put("latitude", c.latitude());
        m.put("longitude", c.longitude());
        m.put("active_from", c.activeFrom());
        m.put("active_until", c.activeUntil());
        return m;
    }

    @Override
    public Checkpoint mirror(Checkpoint entry) {
        return entry;
    }

    @Override
    public Location location(Checkpoint entry) {
        return Location.checkpoint(entry.checkpointId(), entry.district(), entry.street());
    }

    @Override
    public Location mirroredLocation(Checkpoint kept) {
        return location(kept);
    }

    @Override
    public Mirror<Checkpoint> newMirror() {
        return Mirror.inMap();
    }

    @Override
    public Checkpoint fromStored(JsonNode r) {
        return new Checkpoint(
                r.path("checkpoint_id").asText(),
                r.path("name").asText(),
                r.path("kind").asText(),
                r.path("province").asText(),
                r.path("city").asText(),
                r.path("district").asText(),
                r.path("street").asText(),
                r.path("latitude").isNumber() ? r.get("latitude").asDouble() : null,
                r.path("longitude").isNumber() ? r.get("longitude").asDouble() : null,
                r.path("active_from").asText(""),
                r.path("active_until").asText(""));
    }
}
