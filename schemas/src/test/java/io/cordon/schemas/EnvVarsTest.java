package io.cordon.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvVarsTest {

    private final EnvVars env = new EnvVars(Map.of(
            "P",
            "8090",
            "D",
            "PT6H",
            "Z",
            "Asia/Shanghai",
            "T",
            "37.5",
            "L",
            " a, b ,,c",
            "BAD_P",
            "70000",
            "BAD_D",
            "6h",
            "BAD_Z",
            "Mars/Base",
            "BAD_T",
            "hot",
            "BLANK",
            "  "));

    @Test
    void readsTypedValuesWithDefaultsForUnsetOrBlankOnes() {
        assertThat(env.port("P", 1)).isEqualTo(8090);
        assertThat(env.port("BLANK", 1)).isEqualTo(1);
        assertThat(env.duration("D", Duration.ZERO)).isEqualTo(Duration.ofHours(6));
        assertThat(env.zone("Z", "UTC").getId()).isEqualTo("Asia/Shanghai");
        assertThat(env.number("T", 37.3, 30, 45)).isEqualTo(37.5);
        assertThat(env.list("L")).containsExactly("a", "b", "c");
        assertThat(env.list("NOPE")).isEmpty();
    }

    @Test
    void namesTheVariableThatIsWrong() {
        assertThatThrownBy(() -> env.port("BAD_P", 1)).hasMessageStartingWith("BAD_P must be a port");
        assertThatThrownBy(() -> env.duration("BAD_D", Duration.ZERO))
                .hasMessageStartingWith("BAD_D must be a positive ISO-8601 duration");
        assertThatThrownBy(() -> env.zone("BAD_Z", "UTC")).hasMessageStartingWith("BAD_Z must be a time zone");
        assertThatThrownBy(() -> env.number("BAD_T", 37.3, 30, 45)).hasMessageStartingWith("BAD_T must be a number");
        assertThatThrownBy(() -> env.required("NOPE")).hasMessage("NOPE is required and not set");
        assertThatThrownBy(() -> new EnvVars(Map.of("CORDON_LOG_FORMAT", "xml")).logFormat())
                .hasMessage("CORDON_LOG_FORMAT must be one of text, json, got 'xml'");
        assertThat(new EnvVars(Map.of("CORDON_LOG_FORMAT", "JSON")).logFormat()).isEqualTo("json");
        assertThat(new EnvVars(Map.of()).logFormat()).isEqualTo("text");
    }
}
