package io.cordon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Ingest's own work is bounded and a fever is never refused for load (issue 19, S14): the bound of requests and bytes in
 * flight, and the cheap look at a body that tells a fever before the full check.
 */
class BoundedWorkTest {

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFeverIsToldFromTheBytesOfABody() {
        assertThat(FeverScan.carriesFever(
                        bytes("{\"persons\":[{\"temperature_c\":36.6},{\"temperature_c\" : 37.3}]}"), 37.3))
                .isTrue();
        assertThat(FeverScan.carriesFever(
                        bytes("[{\"persons\":[{\"temperature_c\":36.6}]},{\"persons\":[{\"temperature_c\":4.2e1}]}]"),
                        37.3))
                .isTrue();
        assertThat(FeverScan.carriesFever(
                        bytes("{\"persons\":[{\"temperature_c\":37.29},{\"origin_province\":\"湖北\"}]}"), 37.3))
                .isFalse();
        assertThat(FeverScan.carriesFever(bytes("{\"note\":\"temperature_c 39\",\"persons\":[]}"), 37.3))
                .isFalse();
        assertThat(FeverScan.carriesFever(bytes("{\"persons\":[{\"temperature_c\":\"39\"}]}"), 37.3))
                .as("a string is no number")
                .isFalse();
        assertThat(FeverScan.carriesFever(bytes("{\"persons\":[{\"temperature_c\":"), 37.3))
                .isFalse();
        assertThat(FeverScan.carriesFever(new byte[0], 37.3)).isFalse();
    }

    @Test
    void beyondItsBoundIngestRefusesAtOnceButNeverAFever() {
        WorkBound bound = new WorkBound(2, 1000);
        assertThat(bound.admit(100, false)).isTrue();
        assertThat(bound.admit(100, false)).isTrue();
        assertThat(bound.admit(100, false)).as("a third request").isFalse();
        assertThat(bound.admit(100, true)).as("a fever").isTrue();
        assertThat(bound.requests()).isEqualTo(3);
        bound.release(100);
        bound.release(100);
        assertThat(bound.admit(100, false)).isTrue();
        // the bytes in flight are bounded too
        assertThat(bound.admit(900, false)).isFalse();
        assertThat(bound.refused()).isEqualTo(2);
    }
}
