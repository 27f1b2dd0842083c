package io.cordon.dashboard.screening;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.dashboard.screening.CompoundRows.Compound;
import io.cordon.dashboard.screening.CompoundRows.Figures;
import io.cordon.dashboard.screening.CompoundRows.State;
import io.cordon.schemas.clickhouse.TsvRows;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompoundRowsTest {

    private static Figures figures(String id, String name, long households, String state) {
        Compound c = Compound.of(TsvRows.parse(id + "\t" + name + "\t社区\t街道\t浦东新区\t区卫健委\t" + households)
                .get(0));
        return new Figures(
                c,
                state == null
                        ? State.NONE
                        : State.of(TsvRows.parse(id + "\t" + state).get(0)));
    }

    @Test
    void aRowsFiguresFollowProductMdFromItsHouseholdsAndState() {
        // 40 households; 30 visited, of whom 24 resolved and 6 pending, 2 of those overdue; 10 never visited
        JsonObject row = figures("c1", "金杨新村", 40, "30\t24\t2\t3\t1").toJson();
        assertThat(row.getLong("never_visited")).isEqualTo(10);
        assertThat(row.getLong("pending_revisit")).isEqualTo(6);
        assertThat(row.getLong("unvisited")).isEqualTo(16);
        assertThat(row.getLong("revisit_overdue")).isEqualTo(2);
        assertThat(row.getDouble("coverage_pct")).isEqualTo(60.0);
        assertThat(row.getLong("home_quarantine")).isEqualTo(3);
        assertThat(row.getLong("central_quarantine")).isEqualTo(1);
        assertThat(row.getString("compound_name")).isEqualTo("金杨新村");
        // a compound nobody visited yet: all its households unvisited, coverage 0
        JsonObject none = figures("c2", "东方花园", 25, null).toJson();
        assertThat(none.getLong("unvisited")).isEqualTo(25);
        assertThat(none.getDouble("coverage_pct")).isEqualTo(0.0);
    }

    @Test
    void everyOrderEndsOnTheIdSoTiesComeOutTheSame() {
        List<Figures> rows = new ArrayList<>(List.of(
                figures("c3", "乙", 10, "10\t5\t0\t0\t0"), // 50 %, 5 unvisited
                figures("c1", "甲", 20, "20\t10\t3\t0\t0"), // 50 %, 10 unvisited, 3 overdue
                figures("c2", "丙", 10, "10\t9\t1\t0\t0"))); // 90 %, 1 unvisited
        rows.sort(Figures.order("coverage"));
        assertThat(rows).extracting(r -> r.compound().compoundId()).containsExactly("c1", "c3", "c2");
        rows.sort(Figures.order("unvisited"));
        assertThat(rows).extracting(r -> r.compound().compoundId()).containsExactly("c1", "c3", "c2");
        rows.sort(Figures.order("overdue"));
        assertThat(rows).extracting(r -> r.compound().compoundId()).containsExactly("c1", "c2", "c3");
        rows.sort(Figures.order("name"));
        assertThat(rows).extracting(r -> r.compound().compoundName()).containsExactly("丙", "乙", "甲");
    }
}
