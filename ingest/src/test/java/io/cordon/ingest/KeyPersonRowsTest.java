package io.cordon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.http.Location;
import io.cordon.schemas.Household;
import io.cordon.schemas.Json;
import io.cordon.schemas.KeyPerson;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rows of the key-person register: every field checked and named, the household's areas stamped, no ID number kept. */
class KeyPersonRowsTest {

    final Registry<Household, HouseholdMirror.Place> households = new Registry<>(new HouseholdRows());
    final KeyPersonRows rows = new KeyPersonRows(households, new KeyedHash("a-test-key-of-some-length"));

    KeyPersonRowsTest() {
        households.apply(Json.MAPPER.valueToTree(Map.of(
                "household_id", "H1",
                "district", "浦东新区",
                "street", "花木街道",
                "community", "联洋社区",
                "compound_id", "C1",
                "compound_name", "联洋花园",
                "responsible_unit", "区卫健委")));
    }

    static Map<String, String> row(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        KeyPerson.FIELDS.forEach(f -> m.put(f, ""));
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    static Map<String, String> good() {
        return row(
                "person_id", "P1",
                "household_id", "H1",
                "category", "close_contact",
                "measure", "home_quarantine",
                "measure_from", "2022-04-08",
                "measure_until", "2022-04-22",
                "responsible", "王芳",
                "id_number", "310101 199001011234");
    }

    @Test
    void aGoodRowTakesItsHouseholdsAreasAndKeepsOnlyAHashOfTheIdNumber() {
        List<RegistryRows.RowError> errors = new ArrayList<>();
        KeyPerson p = rows.fromRow(good(), 1, errors);
        assertThat(errors).isEmpty();
        assertThat(rows.location(p)).isEqualTo(Location.home("浦东新区", "花木街道", "联洋社区", "区卫健委"));
        assertThat(p.compoundId()).isEqualTo("C1");
        assertThat(p.idHash()).hasSize(32).doesNotContain("310101");
        assertThat(rows.toStored(p).toString()).doesNotContain("199001011234");
        assertThat(rows.fromStored(Json.MAPPER.valueToTree(rows.toStored(p)))).isEqualTo(p);
        assertThat(p.underMeasureOn(LocalDate.of(2022, 4, 21))).isTrue();
        assertThat(p.underMeasureOn(LocalDate.of(2022, 4, 22))).isFalse(); // the day of release
    }

    @Test
    void eachBadFieldIsNamed() {
        Map<String, String> bad = good();
        bad.put("person_id", "P 1");
        bad.put("household_id", "H9");
        bad.put("category", "tourist");
        bad.put("measure", "curfew");
        bad.put("measure_from", "2022-04-31");
        bad.put("responsible", "王芳,李强");
        List<RegistryRows.RowError> errors = new ArrayList<>();
        rows.fromRow(bad, 3, errors);
        assertThat(errors)
                .extracting(RegistryRows.RowError::field)
                .containsExactly("person_id", "household_id", "category", "measure", "measure_from", "responsible");
        assertThat(errors).allMatch(e -> e.row() == 3);
        Map<String, String> backwards = good();
        backwards.put("measure_until", "2022-04-08");
        errors.clear();
        rows.fromRow(backwards, 1, errors);
        assertThat(errors).extracting(RegistryRows.RowError::field).containsExactly("measure_until");
    }
}
