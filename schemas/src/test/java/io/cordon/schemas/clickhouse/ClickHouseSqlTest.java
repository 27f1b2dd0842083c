package io.cordon.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClickHouseSqlTest {

    @Test
    void quotesEveryCharacterThatCouldEndTheLiteral() {
        assertThat(ClickHouseSql.quote("浦东新区")).isEqualTo("'浦东新区'");
        assertThat(ClickHouseSql.quote("a' OR 1=1 --")).isEqualTo("'a\\' OR 1=1 --'");
        assertThat(ClickHouseSql.quote("back\\slash\nline")).isEqualTo("'back\\\\slash\\nline'");
    }

    @Test
    void aFieldsColumnIsItsNameInSnakeCase() {
        assertThat(ClickHouseSql.column("receivedMs")).isEqualTo("received_ms");
        assertThat(ClickHouseSql.column("at")).isEqualTo("at");
        assertThat(ClickHouseSql.column("confinedToScope")).isEqualTo("confined_to_scope");
    }

    record Row(String householdId, long visits, String gridId) {}

    @Test
    void aRecordsColumnsAreItsComponentsInOrder() {
        assertThat(TsvRows.columns(Row.class)).isEqualTo("household_id, visits, grid_id");
    }

    @Test
    void letsOnlyPlainIdentifiersThrough() {
        assertThat(ClickHouseSql.identifier("checkpoint_minute_counts")).isEqualTo("checkpoint_minute_counts");
        assertThatThrownBy(() -> ClickHouseSql.identifier("t; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyDdlFileIsOneIdempotentStatement() {
        assertThat(ClickHouseSchema.files()).isNotEmpty();
        for (String f : ClickHouseSchema.files()) {
            String sql = ClickHouseSchema.statement(f);
            assertThat(sql).as(f).startsWith("CREATE TABLE IF NOT EXISTS").doesNotContain(";");
            assertThat(sql)
                    .as(f + " must run on ClickHouse 18.16")
                    .doesNotContain("TTL")
                    .doesNotContain("DateTime64")
                    .doesNotContain("LowCardinality")
                    .doesNotContain("Map(");
        }
    }
}
