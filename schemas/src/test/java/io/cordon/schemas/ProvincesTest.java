package io.cordon.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProvincesTest {

    @Test
    void namesWithAndWithoutTheirSuffixAreTheSameProvince() {
        assertThat(Provinces.isOutOfProvince("云南省", "云南")).isFalse();
        assertThat(Provinces.isOutOfProvince("上海市", "上海")).isFalse();
        assertThat(Provinces.isOutOfProvince("广西壮族自治区", "广西")).isFalse();
        assertThat(Provinces.isOutOfProvince(" Yunnan Province ", "yunnan")).isFalse();
    }

    @Test
    void anotherProvinceIsOutOfProvinceAndAnUnknownOriginIsNot() {
        assertThat(Provinces.isOutOfProvince("湖北", "云南")).isTrue();
        assertThat(Provinces.isOutOfProvince(null, "云南")).isFalse();
        assertThat(Provinces.isOutOfProvince("  ", "云南")).isFalse();
    }
}
