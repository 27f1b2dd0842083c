package io.cordon.dashboard.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordon.http.Scope;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SignOffChainTest {

    @Test
    void theDistrictAloneSignsByDefault() {
        SignOffChain chain = SignOffChain.fromEnv(null, null);
        assertThat(chain.levels()).containsExactly("district");
        assertThat(chain.below("district")).isNull();
        assertThat(chain.dueOn(LocalDate.of(2022, 4, 1), ZoneId.of("Asia/Shanghai"))
                        .toString())
                .isEqualTo("2022-04-01T21:00+08:00[Asia/Shanghai]");
    }

    @Test
    void aLevelWaitsForTheNearestSigningLevelBelowIt() {
        SignOffChain chain = SignOffChain.fromEnv("district, community", "20:30");
        assertThat(chain.levels()).containsExactly("community", "district");
        assertThat(chain.below("district")).isEqualTo("community");
        assertThat(chain.below("community")).isNull();
        assertThat(chain.above(Scope.community("浦东新区", "花木街道", "联洋社区"))).containsExactly(Scope.district("浦东新区"));
        assertThat(SignOffChain.fromEnv("community,street,district", null)
                        .above(Scope.community("浦东新区", "花木街道", "联洋社区")))
                .containsExactly(Scope.street("浦东新区", "花木街道"), Scope.district("浦东新区"));
    }

    @Test
    void refusesWhatIsNotALevelOrATime() {
        assertThatThrownBy(() -> SignOffChain.fromEnv("street,unit", null))
                .hasMessageContaining("CORDON_SIGNOFF_LEVELS")
                .hasMessageContaining("unit");
        assertThatThrownBy(() -> SignOffChain.fromEnv(null, "9pm")).hasMessageContaining("CORDON_SIGNOFF_DUE");
    }
}
