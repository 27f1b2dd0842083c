package io.cordon.jobs.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.cordon.jobs.common.AuditRow;
import io.cordon.jobs.common.CountedEvent;
import io.cordon.jobs.keypersons.KeyPersonDay;
import io.cordon.jobs.registry.CompoundDirectoryRow;
import io.cordon.jobs.screening.CompoundRoundTotals;
import io.cordon.schemas.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableRowTest {

    @Test
    void aRecordsRowIsItsComponentsInOrderUnderTheirColumnNames() {
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
    void aClasssRowIsItsPublicInstanceFieldsWithBooleansAsNumbers() {
        KeyPersonDay d = new KeyPersonDay();
        d.day = "2026-03-01";
        d.personId = "P1";
        d.status = KeyPersonDay.OVERDUE;
        d.fever = true;
        d.version = 7;
        assertThat(d.toRow())
                .containsOnlyKeys(
                        "day",
                        "person_id",
                        "district",
                        "street",
                        "community",
                        "responsible_unit",
                        "measure",
                        "status",
                        "fever",
                        "releases_today",
                        "version")
                .containsEntry("status", "overdue")
                .containsEntry("fever", 1)
                .containsEntry("releases_today", 0)
                .containsEntry("version", 7L);
    }

    @Test
    void arraysAreListsSoThatRowsCompareByValue() {
        CompoundRoundTotals a = new CompoundRoundTotals();
        a.compoundId = "C1";
        a.resolvedDays = new String[] {"2026-03-01"};
        a.resolvedByDay = new long[] {3};
        CompoundRoundTotals b = a.copy();
        b.resolvedByDay = new long[] {3};
        assertThat(a.toRow()).isEqualTo(b.toRow());
        assertThat(a.toRow())
                .containsEntry("resolved_days", List.of("2026-03-01"))
                .containsEntry("resolved_by_day", List.of(3L))
                .containsKeys("pending_revisit", "revisit_overdue", "home_quarantine", "central_quarantine");
        assertThat(Json.write(a.toRow())).contains("\"resolved_by_day\":[3]");
    }

    @Test
    void aMarkedFieldIsRenamedOrLeftOut() {
        CompoundDirectoryRow c = new CompoundDirectoryRow();
        c.compoundId = "C1";
        c.name = "Garden";
        c.households = -1;
        assertThat(c.toRow())
                .containsEntry("compound_name", "Garden")
                .containsEntry("households", 0L)
                .doesNotContainKeys("name", "fields_offset");
    }

    @Test
    void aRowNeedsColumns() {
        TableRow nothing = new TableRow() {};
        assertThatThrownBy(nothing::toRow).hasMessageContaining("has no columns");
    }
}
