package io.cordon.dashboard.keypersons;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.http.Location;
import io.cordon.http.Scope;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyPersonFiguresTest {

    static final Location LIANYANG = Location.home("浦东新区", "花木街道", "联洋社区", "区卫健委");
    static final Location MEIYUAN = Location.home("浦东新区", "花木街道", "梅园社区", "区民政局");
    static final Location ZHONGSHAN = Location.home("黄浦区", "外滩街道", "中山社区", "区卫健委");

    static KeyPersonFigures figures(boolean pastDeadline) {
        return new KeyPersonFigures(
                LocalDate.of(2022, 4, 10),
                Instant.parse("2022-04-10T04:00:00Z"),
                pastDeadline,
                Map.of(
                        LIANYANG, new KeyPersonFigures.Counts(3, 1, 2, 0, 2, 1, 1),
                        MEIYUAN, new KeyPersonFigures.Counts(3, 2, 0, 1, 1, 0, 0),
                        ZHONGSHAN, new KeyPersonFigures.Counts(1, 1, 0, 0, 1, 0, 0)));
    }

    @Test
    void anAreasCountsAreTheSumOfItsGroupsAndAUnitCrossesDistricts() {
        KeyPersonFigures f = figures(false);
        assertThat(f.of(Scope.ALL).underMeasure()).isEqualTo(7);
        assertThat(f.of(Scope.parse("street:浦东新区/花木街道")).followedUp()).isEqualTo(3);
        assertThat(f.of(Scope.parse("unit:区卫健委")).underMeasure()).isEqualTo(4);
        // a unit's part of a district
        assertThat(f.of(Scope.parse("unit:区卫健委"), Scope.parse("district:黄浦区")).underMeasure())
                .isEqualTo(1);
        assertThat(f.of(Scope.parse("community:浦东新区/花木街道/无此社区")).underMeasure()).isZero();
    }

    @Test
    void nobodyIsOverdueBeforeTheDeadlineAndEveryoneNotFollowedUpIsAfterIt() {
        assertThat(figures(false).tiles(Scope.ALL).getLong("follow_up_overdue")).isZero();
        JsonObject after = figures(true).tiles(Scope.ALL);
        assertThat(after.getLong("follow_up_overdue")).isEqualTo(7 - 4);
        assertThat(after.getLong("fevers")).isEqualTo(1);
        assertThat(figures(true).tiles(Scope.parse("checkpoint:C-1"))).isNull();
    }

    @Test
    void aDistrictsSliceOfTheCitySectionSumsItsCommunities() {
        JsonObject city = figures(true).section(Scope.ALL);
        assertThat(city.getJsonArray("by_community")).hasSize(3);
        JsonObject pd = KeyPersonFigures.slice(city, Scope.district("浦东新区"));
        assertThat(pd.getJsonArray("by_community")).hasSize(2);
        assertThat(pd.getJsonObject("totals").getLong("under_measure")).isEqualTo(6);
        assertThat(pd.getJsonObject("totals").getLong("follow_up_overdue")).isEqualTo(3);
        assertThat(pd.getJsonObject("totals"))
                .isEqualTo(figures(true).section(Scope.district("浦东新区")).getJsonObject("totals"));
    }
}
