package io.cordon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.http.Location;
import io.cordon.http.Scope;
import org.junit.jupiter.api.Test;

/** A registry row refused for its place names the widest of its own columns that reaches past the token's scope. */
class OutsideFieldTest {

    static final Scope COMMUNITY = Scope.community("浦东新区", "花木街道", "牡丹第四居委会");

    @Test
    void theFieldNamedIsAColumnOfTheRowRefused() {
        // a household of another community of the same street: its community
        assertThat(RegistryHandler.outsideField(COMMUNITY, Location.home("浦东新区", "花木街道", "钻石居委会", null)))
                .isEqualTo("community");
        // a checkpoint of the community's own street: a checkpoint has no community column, its street reaches past
        assertThat(RegistryHandler.outsideField(COMMUNITY, Location.checkpoint("PD-1", "浦东新区", "花木街道")))
                .isEqualTo("street");
        assertThat(RegistryHandler.outsideField(COMMUNITY, Location.home("浦东新区", "航头镇", "鹤鸣居委会", null)))
                .isEqualTo("street");
        assertThat(RegistryHandler.outsideField(COMMUNITY, Location.home("黄浦区", "外滩街道", "中山东一路居委会", null)))
                .isEqualTo("district");
        assertThat(RegistryHandler.outsideField(Scope.district("浦东新区"), Location.checkpoint("HP-1", "黄浦区", "外滩街道")))
                .isEqualTo("district");
    }
}
