package io.cordon.dashboard.screening;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.http.Location;
import io.cordon.http.Scope;
import org.junit.jupiter.api.Test;

class ScreeningByAreaTest {

    /** Two communities of one street, one of another district, and the units their compounds belong to. */
    private static final String HOUSEHOLDS = String.join(
            "\n",
            "c/浦东新区/花木街道/联洋社区\t10\t3",
            "c/浦东新区/花木街道/梅园社区\t3\t1",
            "c/黄浦区/外滩街道/中山社区\t5\t1",
            "u/区卫健委\t13\t4",
            "u/\t5\t1",
            "");

    private static final String STATE = String.join(
            "\n",
            "c/浦东新区/花木街道/联洋社区\t2\t1",
            "c/浦东新区/花木街道/梅园社区\t3\t0",
            "c/黄浦区/外滩街道/中山社区\t1\t0",
            "c/闵行区/无街道/无社区\t7\t7",
            "u/区卫健委\t5\t1",
            "");

    @Test
    void eachAreaIsTheSumOfItsGroups() {
        ScreeningByArea s = ScreeningByArea.parse(4, HOUSEHOLDS, STATE);

        assertThat(s.round()).isEqualTo(4);
        assertThat(s.of(Scope.street("浦东新区", "花木街道"))).isEqualTo(new AreaScreening(13, 5, 1, 4));
        assertThat(s.of(Scope.ALL)).as("the city: every community, once").isEqualTo(new AreaScreening(18, 6, 1, 5));
        assertThat(s.of(Scope.unit("区卫健委"))).isEqualTo(new AreaScreening(13, 5, 1, 4));
        assertThat(s.of(Scope.community("黄浦区", "外滩街道", "中山社区"))).isEqualTo(new AreaScreening(5, 1, 0, 1));
    }

    @Test
    void stateWithoutHouseholdsAndCompoundsWithoutUnitAreLeftOut() {
        ScreeningByArea s = ScreeningByArea.parse(null, HOUSEHOLDS, STATE);

        assertThat(s.groups()).doesNotContainKey(Location.home("闵行区", "无街道", "无社区", null));
        assertThat(s.groups()).hasSize(4);
        assertThat(s.of(Scope.district("闵行区"))).isEqualTo(AreaScreening.NONE);
        assertThat(AreaScreening.coverage(5, 13)).isEqualTo(38.5);
        assertThat(AreaScreening.coverage(0, 0)).isZero();
    }
}
