package io.cordon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ScopeTest {

    private static final Location LUJIAZUI_HOME = Location.home("浦东新区", "陆家嘴街道", "梅园一村", "区卫健委");
    private static final Location HUANGPU_HOME = Location.home("黄浦区", "外滩街道", "福州路", "区卫健委");

    private static final Function<String, Location> CHECKPOINTS = id -> switch (id) {
        case "PD-1" -> Location.checkpoint(id, "浦东新区", "陆家嘴街道");
        case "PD-2" -> Location.checkpoint(id, "浦东新区", "花木街道");
        case "HP-1" -> Location.checkpoint(id, "黄浦区", "外滩街道");
        default -> null;
    };

    @Test
    void readsEveryKindOfScope() {
        assertThat(Scope.parse(null)).isEqualTo(Scope.ALL);
        assertThat(Scope.parse("district:浦东新区")).isEqualTo(Scope.district("浦东新区"));
        assertThat(Scope.parse("street:浦东新区/陆家嘴街道")).isEqualTo(Scope.street("浦东新区", "陆家嘴街道"));
        assertThat(Scope.parse("community:浦东新区/陆家嘴街道/梅园一村")).isEqualTo(Scope.community("浦东新区", "陆家嘴街道", "梅园一村"));
        assertThat(Scope.parse("unit:区卫健委")).isEqualTo(Scope.unit("区卫健委"));
        assertThat(Scope.parse("checkpoint:HZ-1")).isEqualTo(Scope.checkpoint("HZ-1"));
        assertThat(Scope.parse("community:浦东新区/陆家嘴街道/梅园一村").name()).isEqualTo("梅园一村");
        assertThat(Scope.parse("community:浦东新区/陆家嘴街道/梅园一村").parent()).isEqualTo(Scope.street("浦东新区", "陆家嘴街道"));
        assertThat(Scope.street("浦东新区", "陆家嘴街道").districtName()).isEqualTo("浦东新区");
    }

    @Test
    void refusesMalformedScopes() {
        assertThatThrownBy(() -> Scope.parse("province:云南")).hasMessageContaining("scope");
        assertThatThrownBy(() -> Scope.parse("district:")).hasMessageContaining("scope");
        assertThatThrownBy(() -> Scope.parse("street:浦东新区")).hasMessageContaining("street:DISTRICT/STREET");
        assertThatThrownBy(() -> Scope.parse("street:浦东新区/")).hasMessageContaining("scope");
        assertThatThrownBy(() -> Scope.parse("community:浦东新区/陆家嘴街道")).hasMessageContaining("scope");
        assertThatThrownBy(() -> Scope.parse("district:a/b")).hasMessageContaining("scope");
        assertThatThrownBy(() -> Scope.parse("unit:a,b")).hasMessageContaining("scope");
    }

    @Test
    void anAreaCoversTheHomesAndCheckpointsInsideIt() {
        assertThat(Scope.district("浦东新区").covers(LUJIAZUI_HOME)).isTrue();
        assertThat(Scope.district("浦东新区").covers(HUANGPU_HOME)).isFalse();
        assertThat(Scope.street("浦东新区", "陆家嘴街道").covers(LUJIAZUI_HOME)).isTrue();
        assertThat(Scope.street("浦东新区", "花木街道").covers(LUJIAZUI_HOME)).isFalse();
        assertThat(Scope.community("浦东新区", "陆家嘴街道", "梅园一村").covers(LUJIAZUI_HOME))
                .isTrue();
        // a community of the same name in another street is another community
        assertThat(Scope.community("浦东新区", "花木街道", "梅园一村").covers(LUJIAZUI_HOME))
                .isFalse();
        assertThat(Scope.unit("区卫健委").covers(LUJIAZUI_HOME)).isTrue();
        assertThat(Scope.unit("区卫健委").covers(HUANGPU_HOME)).isTrue();
        assertThat(Scope.unit("区民政局").covers(HUANGPU_HOME)).isFalse();
        assertThat(Scope.checkpoint("PD-1").covers(LUJIAZUI_HOME)).isFalse();

        Location pd1 = CHECKPOINTS.apply("PD-1");
        assertThat(Scope.street("浦东新区", "陆家嘴街道").covers(pd1)).isTrue();
        assertThat(Scope.street("浦东新区", "花木街道").covers(pd1)).isFalse();
        assertThat(Scope.community("浦东新区", "陆家嘴街道", "梅园一村").covers(pd1)).isFalse();
        assertThat(Scope.unit("区卫健委").covers(pd1)).isFalse();
        assertThat(Scope.checkpoint("PD-1").covers(pd1)).isTrue();
    }

    @Test
    void aScopeContainsTheScopesInsideIt() {
        Scope pudong = Scope.district("浦东新区");
        Scope lujiazui = Scope.street("浦东新区", "陆家嘴街道");
        Scope meiyuan = Scope.community("浦东新区", "陆家嘴街道", "梅园一村");
        assertThat(Scope.ALL.contains(pudong, CHECKPOINTS)).isTrue();
        assertThat(Scope.ALL.contains(Scope.unit("区卫健委"), CHECKPOINTS)).isTrue();
        assertThat(pudong.contains(pudong, CHECKPOINTS)).isTrue();
        assertThat(pudong.contains(lujiazui, CHECKPOINTS)).isTrue();
        assertThat(pudong.contains(meiyuan, CHECKPOINTS)).isTrue();
        assertThat(pudong.contains(Scope.unit("区卫健委"), CHECKPOINTS)).isFalse();
        assertThat(pudong.contains(Scope.checkpoint("PD-1"), CHECKPOINTS)).isTrue();
        assertThat(pudong.contains(Scope.checkpoint("HP-1"), CHECKPOINTS)).isFalse();
        assertThat(pudong.contains(Scope.checkpoint("unknown"), CHECKPOINTS)).isFalse();
        assertThat(pudong.contains(Scope.ALL, CHECKPOINTS)).isFalse();
        assertThat(pudong.contains(Scope.district("黄浦区"), CHECKPOINTS)).isFalse();
        assertThat(pudong.contains(Scope.street("黄浦区", "陆家嘴街道"), CHECKPOINTS)).isFalse();
        assertThat(lujiazui.contains(meiyuan, CHECKPOINTS)).isTrue();
        assertThat(lujiazui.contains(pudong, CHECKPOINTS)).isFalse();
        assertThat(lujiazui.contains(Scope.street("浦东新区", "花木街道"), CHECKPOINTS)).isFalse();
        assertThat(lujiazui.contains(Scope.checkpoint("PD-1"), CHECKPOINTS)).isTrue();
        assertThat(lujiazui.contains(Scope.checkpoint("PD-2"), CHECKPOINTS)).isFalse();
        assertThat(meiyuan.contains(lujiazui, CHECKPOINTS)).isFalse();
        assertThat(meiyuan.contains(Scope.checkpoint("PD-1"), CHECKPOINTS)).isFalse();
        assertThat(Scope.unit("区卫健委").contains(pudong, CHECKPOINTS)).isFalse();
        assertThat(Scope.checkpoint("PD-1").contains(Scope.checkpoint("PD-1"), CHECKPOINTS))
                .isTrue();
        assertThat(Scope.checkpoint("PD-1").contains(pudong, CHECKPOINTS)).isFalse();
    }
}
