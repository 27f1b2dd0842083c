package io.cordon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScopeTest {

    @Test
    void readsTheThreeKindsOfScope() {
        assertThat(Scope.parse(null)).isEqualTo(Scope.ALL);
        assertThat(Scope.parse("district:浦东新区").includes("X", "浦东新区")).isTrue();
        assertThat(Scope.parse("district:浦东新区").includes("X", "黄浦区")).isFalse();
        assertThat(Scope.parse("checkpoint:HZ-1").includes("HZ-1", null)).isTrue();
    }

    @Test
    void refusesAnythingElse() {
        assertThatThrownBy(() -> Scope.parse("province:云南")).hasMessageContaining("scope");
        assertThatThrownBy(() -> Scope.parse("district:")).hasMessageContaining("scope");
    }

    @Test
    void aScopeContainsTheScopesInsideIt() {
        java.util.function.Function<String, String> districtOf =
                id -> id.startsWith("PD-") ? "浦东新区" : id.startsWith("HP-") ? "黄浦区" : null;
        Scope pudong = Scope.district("浦东新区");
        assertThat(Scope.ALL.contains(pudong, districtOf)).isTrue();
        assertThat(pudong.contains(pudong, districtOf)).isTrue();
        assertThat(pudong.contains(Scope.checkpoint("PD-1"), districtOf)).isTrue();
        assertThat(pudong.contains(Scope.checkpoint("HP-1"), districtOf)).isFalse();
        assertThat(pudong.contains(Scope.checkpoint("unknown"), districtOf)).isFalse();
        assertThat(pudong.contains(Scope.ALL, districtOf)).isFalse();
        assertThat(pudong.contains(Scope.district("黄浦区"), districtOf)).isFalse();
        assertThat(Scope.checkpoint("PD-1").contains(Scope.checkpoint("PD-1"), districtOf))
                .isTrue();
        assertThat(Scope.checkpoint("PD-1").contains(pudong, districtOf)).isFalse();
    }

    @Test
    void aCheckpointScopeHoldsNoHousehold() {
        assertThat(Scope.checkpoint("PD-1").includesDistrict("浦东新区")).isFalse();
        assertThat(Scope.district("浦东新区").includesDistrict("浦东新区")).isTrue();
        assertThat(Scope.ALL.includesDistrict("黄浦区")).isTrue();
    }
}
