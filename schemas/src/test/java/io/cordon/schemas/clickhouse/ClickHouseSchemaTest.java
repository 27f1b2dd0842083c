package io.cordon.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

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
}
