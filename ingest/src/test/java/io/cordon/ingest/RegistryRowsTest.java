package io.cordon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryRowsTest {

    private static final List<String> FIELDS = List.of("checkpoint_id", "name", "kind");

    private static List<Map<String, String>> read(String body, boolean csv) throws RegistryRows.UnreadableBody {
        List<Map<String, String>> rows = new ArrayList<>();
        RegistryRows.forEach(body.getBytes(StandardCharsets.UTF_8), csv, FIELDS, List.of("checkpoint_id"), (row, n) -> {
            assertThat(n).isEqualTo(rows.size() + 1);
            rows.add(row);
        });
        return rows;
    }

    @Test
    void readsCsvWithABomLeavingOutOptionalColumnsAndIgnoringUnknownOnes() throws Exception {
        List<Map<String, String>> rows = read("\uFEFF备注,checkpoint_id,name\n夜班,A1,甲站\n\n,A2,\"乙, 站\"\n", true);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0))
                .containsEntry("checkpoint_id", "A1")
                .containsEntry("name", "甲站")
                .containsEntry("kind", "");
        assertThat(rows.get(1)).containsEntry("name", "乙, 站");
    }

    @Test
    void readsAJsonArrayOneObjectAtATime() throws Exception {
        List<Map<String, String>> rows = read(
                "[{\"checkpoint_id\":\"A1\",\"name\":\" 甲站 \",\"extra\":1},{\"checkpoint_id\":\"A2\",\"kind\":null}]",
                false);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("name", "甲站");
        assertThat(rows.get(1)).containsEntry("kind", "");
    }

    @Test
    void refusesWhatIsNotAnArrayOfObjectsNamingTheRow() {
        assertThatThrownBy(() -> read("{\"checkpoint_id\":\"A1\"}", false)).hasMessageContaining("array of objects");
        assertThatThrownBy(() -> read("[{\"checkpoint_id\":\"A1\"}, 3]", false)).hasMessageContaining("row 2");
        assertThatThrownBy(() -> read("[{\"checkpoint_id\":\"A1\"}] []", false)).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> read("[{\"checkpoint_id\":", false)).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> read("name\n甲\n", true)).hasMessageContaining("checkpoint_id");
    }

    @Test
    void anAreaNameHoldingASeparatorOfScopesIsRefusedNamingItsField() {
        List<RegistryRows.RowError> errors = new ArrayList<>();
        new HouseholdRows()
                .fromRow(
                        Map.of(
                                "household_id",
                                "H1",
                                "district",
                                "浦东新区",
                                "street",
                                "花木/街道",
                                "community",
                                "联洋,社区",
                                "compound_id",
                                "C1",
                                "compound_name",
                                "联洋花园",
                                "responsible_unit",
                                "区卫健委@2"),
                        7,
                        errors);
        assertThat(errors)
                .extracting(RegistryRows.RowError::field)
                .containsExactlyInAnyOrder("street", "community", "responsible_unit");
        assertThat(errors).allSatisfy(e -> assertThat(e.row()).isEqualTo(7));
        errors.clear();
        new CheckpointRows()
                .fromRow(
                        Map.of(
                                "checkpoint_id",
                                "K1",
                                "name",
                                "卡口/一号",
                                "kind",
                                "highway",
                                "province",
                                "上海",
                                "district",
                                "浦东/新区"),
                        2,
                        errors);
        assertThat(errors).extracting(RegistryRows.RowError::field).containsExactly("district");
    }
}
