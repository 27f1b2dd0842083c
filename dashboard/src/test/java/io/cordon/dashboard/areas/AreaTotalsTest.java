package io.cordon.dashboard.areas;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.dashboard.keypersons.KeyPersonFigures;
import io.cordon.dashboard.screening.AreaScreening;
import io.cordon.http.Location;
import io.cordon.http.Scope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AreaTotalsTest {

    static JsonObject compound(
            String district,
            String street,
            String community,
            String unit,
            long households,
            long resolved,
            long overdue) {
        return new JsonObject()
                .put("district", district)
                .put("street", street)
                .put("community", community)
                .put("responsible_unit", unit)
                .put("households", households)
                .put("resolved", resolved)
                .put("unvisited", households - resolved)
                .put("revisit_overdue", overdue);
    }

    static final JsonArray COMPOUNDS = new JsonArray()
            .add(compound("浦东新区", "花木街道", "联洋社区", "区卫健委", 4, 2, 1))
            .add(compound("浦东新区", "花木街道", "梅园社区", "区民政局", 3, 1, 0))
            .add(compound("浦东新区", "陆家嘴街道", "梅园社区", "区卫健委", 2, 2, 0))
            .add(compound("黄浦区", "外滩街道", "中山社区", "", 5, 0, 2));

    @Test
    void anAreasFiguresAreTheSumsOfItsCompoundsAndItsCoverageIsOfTheSums() {
        List<AreaTotals.Row> districts = AreaTotals.of(COMPOUNDS, "district");
        assertThat(districts).extracting(AreaTotals.Row::area).containsExactly("district:黄浦区", "district:浦东新区");
        AreaTotals.Row pudong = districts.get(1);
        assertThat(pudong.compounds()).isEqualTo(3);
        assertThat(pudong.households()).isEqualTo(9);
        assertThat(pudong.resolved()).isEqualTo(5);
        assertThat(pudong.unvisited()).isEqualTo(4);
        assertThat(pudong.revisitOverdue()).isEqualTo(1);
        // 5 of 9 = 55.6 %, not the mean of the compounds' 50 %, 33.3 % and 100 %
        assertThat(pudong.coveragePct()).isEqualTo(55.6);
        assertThat(pudong.name()).isEqualTo("浦东新区");
    }

    @Test
    void communitiesOfTheSameNameInTwoStreetsAreTwoAreas() {
        List<AreaTotals.Row> communities = AreaTotals.of(COMPOUNDS, "community");
        assertThat(communities)
                .extracting(AreaTotals.Row::area)
                .containsExactly(
                        "community:黄浦区/外滩街道/中山社区",
                        "community:浦东新区/花木街道/梅园社区",
                        "community:浦东新区/花木街道/联洋社区",
                        "community:浦东新区/陆家嘴街道/梅园社区");
        assertThat(communities.get(1).name()).isEqualTo("梅园社区");
        assertThat(Scope.parse(communities.get(3).area())).isEqualTo(Scope.community("浦东新区", "陆家嘴街道", "梅园社区"));
    }

    @Test
    void aUnitSpansDistrictsAndACompoundWithoutOneIsInNoUnit() {
        List<AreaTotals.Row> units = AreaTotals.of(COMPOUNDS, "unit");
        assertThat(units).extracting(AreaTotals.Row::area).containsExactly("unit:区民政局", "unit:区卫健委");
        assertThat(units.get(1).households()).isEqualTo(6);
        assertThat(units.get(1).resolved()).isEqualTo(4);
    }

    @Test
    void theLiveRowsComeFromTheWallsGroupsInsideTheAreaAsked() {
        Map<Location, AreaScreening> groups = new LinkedHashMap<>();
        groups.put(Location.home("浦东新区", "花木街道", "联洋社区", null), new AreaScreening(10, 2, 1, 3));
        groups.put(Location.home("浦东新区", "花木街道", "梅园社区", null), new AreaScreening(3, 3, 0, 1));
        // a compound with no household today is not a row of the compound table, nor of its area
        groups.put(Location.home("浦东新区", "花木街道", "空社区", null), new AreaScreening(0, 0, 0, 0));
        groups.put(Location.home("黄浦区", "外滩街道", "中山社区", null), new AreaScreening(5, 1, 0, 1));
        groups.put(Location.home(null, null, null, "区卫健委"), new AreaScreening(9, 3, 1, 2));
        groups.put(Location.home(null, null, null, "区民政局"), new AreaScreening(6, 0, 0, 2));
        List<AreaTotals.Row> communities = AreaTotals.of(groups, "community", Scope.street("浦东新区", "花木街道"));
        assertThat(communities)
                .extracting(AreaTotals.Row::area)
                .containsExactly("community:浦东新区/花木街道/联洋社区", "community:浦东新区/花木街道/梅园社区");
        AreaTotals.Row lianyang = communities.get(0);
        assertThat(List.of(
                        lianyang.compounds(),
                        lianyang.households(),
                        lianyang.resolved(),
                        lianyang.unvisited(),
                        lianyang.revisitOverdue()))
                .containsExactly(3L, 10L, 2L, 8L, 1L);
        assertThat(AreaTotals.of(groups, "unit", Scope.ALL))
                .extracting(r -> r.area() + "=" + r.households())
                .containsExactly("unit:区民政局=6", "unit:区卫健委=9");
        assertThat(AreaTotals.of(groups, "district", Scope.ALL))
                .extracting(r -> r.area() + "=" + r.households())
                .containsExactly("district:黄浦区=5", "district:浦东新区=13");
        assertThat(AreaTotals.fromGroups("unit", Scope.district("浦东新区"))).isFalse();
        assertThat(AreaTotals.fromGroups("community", Scope.unit("区卫健委"))).isFalse();
        assertThat(AreaTotals.fromGroups("community", Scope.district("浦东新区"))).isTrue();
    }

    @Test
    void theWorstCoverageComesFirstThenTheMostUnvisited() {
        JsonArray compounds = new JsonArray()
                .add(compound("A", "s1", "c", "", 10, 5, 0))
                .add(compound("A", "s2", "c", "", 2, 1, 0))
                .add(compound("A", "s3", "c", "", 10, 1, 0));
        assertThat(AreaTotals.of(compounds, "street"))
                .extracting(AreaTotals.Row::name)
                .containsExactly("s3", "s1", "s2");
    }

    @Test
    void theCsvHasTheRowKeysAsItsHeader() {
        List<List<Object>> table = AreaTotals.table(AreaTotals.of(COMPOUNDS, "street"));
        assertThat(table.get(0)).containsExactlyElementsOf(AreaTotals.COLUMNS);
        assertThat(table.get(0))
                .containsExactlyElementsOf(
                        AreaTotals.of(COMPOUNDS, "street").get(0).toJson().fieldNames());
        assertThat(table).hasSize(4);
    }

    @Test
    void theSnapshotSectionHasTheThreeLevelsOfTheChain() {
        JsonObject section =
                AreaTotals.section(COMPOUNDS, KeyPersonFigures.none(LocalDate.of(2022, 4, 10), Instant.EPOCH, false));
        assertThat(section.fieldNames()).containsExactly("district", "street", "community");
        assertThat(section.getJsonArray("street")).hasSize(3);
    }

    @Test
    void aLevelIsAskedForOnlyInsideAnAreaThatHoldsIt() {
        assertThat(AreaRoutes.below(Scope.ALL)).isEqualTo("district");
        assertThat(AreaRoutes.below(Scope.district("浦东新区"))).isEqualTo("street");
        assertThat(AreaRoutes.below(Scope.street("浦东新区", "花木街道"))).isEqualTo("community");
        assertThat(AreaRoutes.below(Scope.community("浦东新区", "花木街道", "联洋社区"))).isEqualTo("grid");
        assertThat(AreaRoutes.below(Scope.unit("区卫健委"))).isEqualTo("community");
        assertThat(AreaRoutes.levelInside("district", Scope.ALL)).isTrue();
        assertThat(AreaRoutes.levelInside("community", Scope.district("浦东新区"))).isTrue();
        assertThat(AreaRoutes.levelInside("unit", Scope.street("浦东新区", "花木街道"))).isTrue();
        assertThat(AreaRoutes.levelInside("grid", Scope.community("浦东新区", "花木街道", "联洋社区")))
                .isTrue();
        assertThat(AreaRoutes.levelInside("district", Scope.district("浦东新区"))).isFalse();
        assertThat(AreaRoutes.levelInside("street", Scope.community("浦东新区", "花木街道", "联洋社区")))
                .isFalse();
        assertThat(AreaRoutes.levelInside("community", Scope.unit("区卫健委"))).isTrue();
        assertThat(AreaRoutes.levelInside("unit", Scope.unit("区卫健委"))).isFalse();
    }
}
