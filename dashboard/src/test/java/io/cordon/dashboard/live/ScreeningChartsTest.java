package io.cordon.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.dashboard.screening.CompoundRows;
import io.cordon.dashboard.screening.CompoundRows.Compound;
import io.cordon.dashboard.screening.CompoundRows.Figures;
import io.cordon.dashboard.screening.CompoundRows.State;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScreeningChartsTest {

    private static Figures compound(String id, String community, String unit, long households, long resolved) {
        return new Figures(
                new Compound(id, id + "小区", community, "花木街道", "浦东新区", unit, households),
                new State(resolved, resolved, 0, 0, 0));
    }

    @Test
    void progressIsCumulativePerDayAndTheLaggardsComeFirst() {
        CompoundRows.Table table = new CompoundRows.Table(
                2,
                List.of(
                        compound("c1", "联洋社区", "区卫健委", 40, 30),
                        compound("c2", "联洋社区", "区民政局", 20, 5),
                        compound("c3", "梅园社区", "区卫健委", 40, 40)));
        // round 2: 20 resolved on the 3rd in 联洋, 25 on the 4th in 梅园 and 15 in 联洋; round 1: 10 on the 1st
        String progress = String.join(
                "\n",
                "1\t浦东新区\t花木街道\t联洋社区\t区卫健委\t2022-04-01\t10",
                "2\t浦东新区\t花木街道\t联洋社区\t区卫健委\t2022-04-03\t20",
                "2\t浦东新区\t花木街道\t梅园社区\t区卫健委\t2022-04-04\t25",
                "2\t浦东新区\t花木街道\t联洋社区\t区民政局\t2022-04-04\t15",
                "");

        ScreeningCharts charts = ScreeningCharts.of(2, table, progress);

        JsonObject street = charts.byScope().get("street:浦东新区/花木街道");
        JsonArray rounds = street.getJsonArray("progress");
        assertThat(rounds.getJsonObject(0).getInteger("round")).isEqualTo(1);
        JsonArray days = rounds.getJsonObject(1).getJsonArray("days");
        assertThat(days.getJsonObject(0).getLong("resolved")).isEqualTo(20);
        assertThat(days.getJsonObject(1).getLong("resolved")).as("cumulative").isEqualTo(60);
        assertThat(days.getJsonObject(1).getLong("unvisited")).isEqualTo(40);
        assertThat(days.getJsonObject(1).getDouble("coverage_pct")).isEqualTo(60.0);
        assertThat(street.getJsonArray("top_compounds").getJsonObject(0).getString("compound_id"))
                .isEqualTo("c2");
        JsonObject unit = street.getJsonArray("top_units").getJsonObject(0);
        assertThat(unit.getString("responsible_unit")).isEqualTo("区民政局");
        assertThat(unit.getLong("unvisited")).isEqualTo(15);

        JsonObject community = charts.byScope().get("community:浦东新区/花木街道/梅园社区");
        assertThat(community.getJsonArray("progress").getJsonObject(1).getJsonArray("days"))
                .hasSize(1);
        assertThat(charts.byScope()).containsKeys("all", "district:浦东新区");
    }
}
