package io.cordon.dashboard.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordon.http.Forbidden;
import io.cordon.http.Scope;
import org.junit.jupiter.api.Test;

class CompoundFilterTest {

    @Test
    void anAreaIsTheConditionOnItsNames() {
        assertThat(CompoundFilter.of(Scope.ALL).sql()).isEqualTo("1");
        assertThat(CompoundFilter.of(Scope.community("浦东新区", "花木街道", "联洋社区")).sql())
                .isEqualTo("district = '浦东新区' AND street = '花木街道' AND community = '联洋社区'");
        assertThat(CompoundFilter.of(Scope.unit("区卫健委")).sql()).isEqualTo("responsible_unit = '区卫健委'");
    }

    @Test
    void aFilterNarrowsAnAreaButNeverLeavesIt() {
        Scope street = Scope.street("浦东新区", "花木街道");
        CompoundFilter f = CompoundFilter.of(street)
                .narrowed("district", "浦东新区", street)
                .narrowed("community", "联洋社区", street)
                .narrowed("street", null, street);
        assertThat(f).isEqualTo(new CompoundFilter("浦东新区", "花木街道", "联洋社区", null));
        assertThatThrownBy(() -> CompoundFilter.of(street).narrowed("street", "陆家嘴街道", street))
                .isInstanceOf(Forbidden.class)
                .hasMessageContaining("street '陆家嘴街道'");
        assertThatThrownBy(() -> CompoundFilter.of(street).narrowed("district", "黄浦区", street))
                .isInstanceOf(Forbidden.class);
    }
}
