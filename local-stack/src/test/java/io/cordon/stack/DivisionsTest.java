package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DivisionsTest {

    private final Divisions shanghai = Divisions.shanghai();

    @Test
    void holdsShanghaisRealStreetsAndCommunities() {
        assertThat(shanghai.communities()).isEqualTo(6509);
        assertThat(shanghai.streets()).isEqualTo(234);
        assertThat(shanghai.inStreet("浦东新区", "花木街道", 0).street()).isEqualTo("花木街道");
    }

    @Test
    void placesACompoundInARealCommunityOfItsDistrictTheSameEveryTime() {
        Divisions.Community at = shanghai.place("黄浦区", "南京东路299弄");
        assertThat(at.district()).isEqualTo("黄浦区");
        assertThat(at).isEqualTo(Divisions.shanghai().place("黄浦区", "南京东路299弄"));
        // a name no scope can misread
        assertThat(at.street() + at.community()).doesNotContain("/", ",", "@");
        assertThatThrownBy(() -> shanghai.place("火星区", "x")).hasMessageContaining("火星区");
    }
}
