package io.cordon.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.Household;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ClickHouseSchemaTest {

    @Test
    void readsTheColumnsOfEveryTableInOrderWithoutComments() {
        assertThat(ClickHouseSchema.columns(ClickHouseSchema.statement("007_compound_round_state.sql")))
                .startsWith("compound_id String", "round UInt8")
                .contains("resolved_days Array(String)", "resolved_by_day Array(UInt32)")
                .endsWith("version UInt64")
                .noneMatch(c -> c.contains("--") || c.isBlank());
        for (String file : ClickHouseSchema.files()) {
            String statement = ClickHouseSchema.statement(file);
            if (statement.startsWith("CREATE TABLE")) {
                assertThat(ClickHouseSchema.columns(statement))
                        .as(file)
                        .isNotEmpty()
                        .allMatch(c -> c.matches("[a-z_0-9]+ [A-Z][A-Za-z0-9]*(\\(.*\\))?( .*)?"), "a name and a type");
            }
        }
    }

    @Test
    void writesTheCheckpointRollupsColumnsOutFromTheCounts() {
        for (String file : ClickHouseSchema.files()) {
            assertThat(ClickHouseSchema.statement(file)).as(file).doesNotContain("{");
        }
        assertThat(ClickHouseSchema.statement("009_checkpoint_totals.sql")).isEqualTo("""
                        CREATE TABLE IF NOT EXISTS checkpoint_totals
                        (
                            checkpoint_id String,
                            arrivals Int64,
                            registered_vehicles Int64,
                            registered_persons Int64,
                            out_of_province_persons Int64,
                            turned_back_vehicles Int64,
                            turned_back_persons Int64,
                            abnormal_temperatures Int64,
                            referred_persons Int64,
                            last_received_at DateTime('UTC'),
                            version UInt64
                        )
                        ENGINE = ReplacingMergeTree(version)
                        ORDER BY checkpoint_id""");
    }

    @Test
    void writesAHouseholdsRegistryColumnsOutFromItsFieldsInBothTablesThatHoldOne() {
        List<String> households = ClickHouseSchema.columns(ClickHouseSchema.statement("003_households.sql"));
        assertThat(households)
                .startsWith("household_id String", "district String")
                .contains("grid_id String", "active_from String DEFAULT ''", "active_until String DEFAULT ''")
                .endsWith("registered_at DateTime('UTC')", "version UInt64")
                .hasSize(Household.FIELDS.size() + 2);
        // compound_households: the ids and present first, the rest in the same order (as the table always had them)
        assertThat(ClickHouseSchema.columns(ClickHouseSchema.statement("016_compound_households.sql")))
                .containsExactlyElementsOf(Stream.concat(
                                Stream.of("compound_id String", "household_id String", "present UInt8"),
                                households.stream()
                                        .filter(c -> !c.startsWith("household_id ") && !c.startsWith("compound_id ")))
                        .toList());
    }

    @Test
    void makesEveryTableReplicatedOnTheClusterFromTheSameFiles() {
        assertThat(ClickHouseSchema.replicated(ClickHouseSchema.statement("001_checkpoints.sql"), "cordon", "city"))
                .startsWith("CREATE TABLE IF NOT EXISTS checkpoints ON CLUSTER cordon\n(")
                .contains("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/city/checkpoints', "
                        + "'{replica}', version)\nORDER BY checkpoint_id");
        for (String file : ClickHouseSchema.files()) {
            String statement = ClickHouseSchema.statement(file);
            if (statement.startsWith("CREATE TABLE")) {
                String replicated = ClickHouseSchema.replicated(statement, "cordon", "default");
                assertThat(replicated)
                        .as(file)
                        .contains(
                                " ON CLUSTER cordon",
                                "ENGINE = Replicated",
                                "MergeTree('/clickhouse/tables/{shard}/default/")
                        .doesNotContain("MergeTree()");
                assertThat(ClickHouseSchema.columns(replicated.replace(" ON CLUSTER cordon", "")))
                        .isEqualTo(ClickHouseSchema.columns(statement));
            }
        }
        assertThat(ClickHouseSchema.replicated(
                        "CREATE TABLE IF NOT EXISTS t (a String) ENGINE = MergeTree() ORDER BY a", "c", "d"))
                .isEqualTo("CREATE TABLE IF NOT EXISTS t ON CLUSTER c (a String) "
                        + "ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/d/t', '{replica}') ORDER BY a");
    }
}
