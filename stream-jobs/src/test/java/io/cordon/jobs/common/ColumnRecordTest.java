package io.cordon.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class ColumnRecordTest {

    @Test
    void aRowIsTheComponentsInOrderUnderTheirColumnNames() {
        CountedEvent e = new CountedEvent(
                "E1", "checkpoints/CP1", "2026-03-01 08:00:00", "2026-03-01 08:02:00", 42L, "void", -1, "{}");
        assertThat(e.toRow())
                .containsExactly(
                        entry("event_id", "E1"),
                        entry("figure", "checkpoints/CP1"),
                        entry("occurred_at", "2026-03-01 08:00:00"),
                        entry("received_at", "2026-03-01 08:02:00"),
                        entry("received_ms", 42L),
                        entry("change", "void"),
                        entry("sign", -1),
                        entry("counts", "{}"));
        assertThat(new AuditRow("t", "void_refused", "a", "d", "E1", "r", "{}").toRow())
                .containsOnlyKeys("at", "action", "actor", "district", "target", "reason", "detail")
                .containsEntry("action", "void_refused");
    }

    @Test
    void namesAreSnakeCase() {
        assertThat(ColumnRecord.Columns.snakeCase("receivedMs")).isEqualTo("received_ms");
        assertThat(ColumnRecord.Columns.snakeCase("at")).isEqualTo("at");
        assertThat(ColumnRecord.Columns.snakeCase("confinedToScope")).isEqualTo("confined_to_scope");
    }

    @Test
    void onlyRecordsAreRows() {
        ColumnRecord notARecord = new ColumnRecord() {};
        assertThatThrownBy(notARecord::toRow).hasMessageContaining("is not a record");
    }
}
