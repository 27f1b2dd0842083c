package io.cordon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.http.Location;
import io.cordon.http.Scope;
import io.cordon.schemas.KeyPerson;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rows of the key-person register (一人一档; API.md, "Key persons"). A row names a registered household; the person's
 * areas are that household's when the row is uploaded, stamped into the row the registry log carries (the jobs and the
 * dashboard need no household look-up). The ID number is replaced by its keyed hash before anything is written.
 */
public final class KeyPersonRows implements Registry.RowType<KeyPerson, KeyPersonRows.Home> {

    /**
     * What ingest keeps of a key person: the household and its areas (for scoped tokens and feed checks), and the cadre
     * responsible (named in the alerts of a fever at home).
     */
    public record Home(String householdId, String compoundId, Location at, String responsible) {}

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final Registry<?, HouseholdMirror.Place> households;
    private final KeyedHash hash;

    public KeyPersonRows(Registry<?, HouseholdMirror.Place> households, KeyedHash hash) {
        this.households = households;
        this.hash = hash;
    }

    @Override
    public String table() {
        return "key_persons";
    }

    @Override
    public List<String> fields() {
        return KeyPerson.FIELDS;
    }

    @Override
    public List<String> requiredFields() {
        return List.of("person_id", "household_id", "category", "measure", "measure_from", "responsible");
    }

    @Override
    public KeyPerson fromRow(Map<String, String> row, int n, List<RegistryRows.RowError> errors) {
        String id = RegistryRows.required(row, "person_id", 64, n, errors);
        if (id != null && !ID.matcher(id).matches()) {
            errors.add(new RegistryRows.RowError(
                    n, "person_id", "must be 1-64 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'"));
        }
        String householdId = RegistryRows.required(row, "household_id", 128, n, errors);
        HouseholdMirror.Place home = householdId == null ? null : households.get(householdId);
        if (householdId != null && home == null) {
            errors.add(new RegistryRows.RowError(
                    n,
                    "household_id",
                    "unknown household '" + householdId + "': register it first with PUT /api/v1/registry/households"));
        }
        String category = oneOf(row, "category", KeyPerson.CATEGORIES, n, errors);
        String measure = oneOf(row, "measure", KeyPerson.MEASURES, n, errors);
        String from = date(row, "measure_from", true, n, errors);
        String until = date(row, "measure_until", false, n, errors);
        if (from != null && until != null && !until.isEmpty() && until.compareTo(from) <= 0) {
            errors.add(new RegistryRows.RowError(
                    n,
                    "measure_until",
                    "must be after measure_from (" + from + "): it is the day of release, got '" + until + "'"));
        }
        String responsible = RegistryRows.required(row, "responsible", 64, n, errors);
        if (responsible != null && responsible.chars().anyMatch(c -> c == ',' || Character.isISOControl(c))) {
            errors.add(new RegistryRows.RowError(n, "responsible", "must not hold ',' or control characters"));
        }
        String idNumber = RegistryRows.optional(row, "id_number", 64, n, errors);
        Location at = home == null ? null : home.at();
        return new KeyPerson(
                id,
                householdId,
                category,
                measure,
                from,
                until == null ? "" : until,
                responsible,
                hash.of(idNumber),
                home == null ? null : home.compoundId(),
                at == null ? null : at.district(),
                at == null ? null : at.street(),
                at == null ? null : at.community(),
                at == null ? null : at.unit());
    }

    private static String oneOf(
            Map<String, String> row, String field, List<String> allowed, int n, List<RegistryRows.RowError> errors) {
        String v = RegistryRows.required(row, field, 64, n, errors);
        if (v != null && !allowed.contains(v)) {
            errors.add(new RegistryRows.RowError(
                    n,
                    field,
                    "must be one of " + String.join(", ", allowed) + ", got '"
                            + (v.length() > 64 ? v.substring(0, 64) : v) + "'"));
            return null;
        }
        return v;
    }

    /** A local date {@code YYYY-MM-DD} (required, or "" when optional and empty), or null after an error. */
    private static String date(
            Map<String, String> row, String field, boolean required, int n, List<RegistryRows.RowError> errors) {
        String v = required
                ? RegistryRows.required(row, field, 10, n, errors)
                : row.getOrDefault(field, "").strip();
        if (v == null || v.isEmpty()) {
            return v;
        }
        try {
            LocalDate d = LocalDate.parse(v);
            if (d.getYear() < 2000 || d.getYear() > 2099) {
                errors.add(
                        new RegistryRows.RowError(n, field, "must be a date between 2000 and 2099, got '" + v + "'"));
                return null;
            }
            return v;
        } catch (DateTimeParseException e) {
            errors.add(new RegistryRows.RowError(n, field, "must be a local date YYYY-MM-DD, got '" + v + "'"));
            return null;
        }
    }

    @Override
    public String id(KeyPerson p) {
        return p.personId();
    }

    @Override
    public Map<String, Object> toStored(KeyPerson p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("person_id", p.personId());
        m.put("household_id", p.householdId());
        m.put("category", p.category());
        m.put("measure", p.measure());
        m.put("measure_from", p.measureFrom());
        m.put("measure_until", p.measureUntil());
        m.put("responsible", p.responsible());
        m.put("id_hash", p.idHash() == null ? "" : p.idHash());
        m.put("compound_id", p.compoundId());
        m.put("district", p.district());
        m.put("street", p.street());
        m.put("community", p.community());
        m.put("responsible_unit", p.responsibleUnit());
        return m;
    }

    @Override
    public KeyPerson fromStored(JsonNode r) {
        return new KeyPerson(
                r.path("person_id").asText(),
                r.path("household_id").asText(),
                r.path("category").asText(),
                r.path("measure").asText(),
                r.path("measure_from").asText(),
                r.path("measure_until").asText(""),
                r.path("responsible").asText(),
                r.path("id_hash").asText(""),
                r.path("compound_id").asText(),
                r.path("district").asText(),
                r.path("street").asText(),
                r.path("community").asText(),
                r.path("responsible_unit").asText(""));
    }

    @Override
    public Home mirror(KeyPerson p) {
        // the household's own areas when they are the same (nearly always): a city's 250,000 persons then hold no
        // copies of their areas' names
        HouseholdMirror.Place home = households.get(p.householdId());
        Location at = location(p);
        return new Home(
                p.householdId(),
                p.compoundId(),
                home != null && home.at().equals(at) ? home.at() : at,
                p.responsible().intern());
    }

    @Override
    public Location location(KeyPerson p) {
        return Location.home(p.district(), p.street(), p.community(), p.responsibleUnit());
    }

    @Override
    public Location mirroredLocation(Home kept) {
        return kept.at();
    }

    @Override
    public String outsideField(Scope scope, Location at) {
        return "household_id";
    }

    @Override
    public Mirror<Home> newMirror() {
        return Mirror.inMap();
    }

    @Override
    public String activeUntil(KeyPerson p) {
        return p.measureUntil();
    }
}
