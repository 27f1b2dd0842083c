package io.cordon.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The request meters' tags are bounded: a method string nobody uses is "other", whatever is sent before any token check. */
class ServiceMetricsTest {

    @Test
    void metricsNeverGrowATagPerMethodString() {
        assertThat(ServiceMetrics.methodTag(HttpMethod.GET)).isEqualTo("GET");
        assertThat(ServiceMetrics.methodTag(HttpMethod.DELETE)).isEqualTo("DELETE");
        Set<String> tags = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            tags.add(ServiceMetrics.methodTag(HttpMethod.valueOf("X" + i)));
        }
        assertThat(tags).containsExactly("other");
    }
}
