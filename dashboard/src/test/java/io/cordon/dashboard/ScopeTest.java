package io.cordon.dashboard;

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
}
