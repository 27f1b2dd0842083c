package io.cordon.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class JobsConfigTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of(
                "CORDON_KAFKA_BOOTSTRAP", "127.0.0.1:9",
                "CORDON_CLICKHOUSE_URL", "http://127.0.0.1:9"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void theJobsWaitAtMost25msInANetworkBufferUnlessTold() {
        assertThat(JobsConfig.fromEnv(env()).bufferTimeout()).isEqualTo(Duration.ofMillis(25));
        JobsConfig told = JobsConfig.fromEnv(env("CORDON_BUFFER_TIMEOUT", "PT0.1S"));
        StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment();
        CordonJobs.define(flink, told);
        assertThat(flink.getBufferTimeout()).isEqualTo(100);
    }

    @Test
    void aBufferTimeoutThatIsNotAPositiveDurationIsRefusedByName() {
        for (String bad : new String[] {"25ms", "PT0S", "-PT1S"}) {
            assertThatThrownBy(() -> JobsConfig.fromEnv(env("CORDON_BUFFER_TIMEOUT", bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("CORDON_BUFFER_TIMEOUT");
        }
    }
}
