package io.cordon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordon.http.Role;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

    private static final Map<String, String> BASE = Map.of(
            "CORDON_KAFKA_BOOTSTRAP",
            "k:9092",
            "CORDON_CLICKHOUSE_URL",
            "http://c:8123",
            "CORDON_ID_HASH_KEY",
            "0123456789abcdef-key");

    @Test
    void defaultsToPort8081AndTheDevelopmentTokenWithAWarningFlag() {
        IngestConfig c = IngestConfig.fromEnv(BASE);
        assertThat(c.port()).isEqualTo(8081);
        assertThat(c.tokens().find("dev-token", Role.FEED)).isNotNull();
        assertThat(c.tokens().devFeedToken()).isTrue();
    }

    @Test
    void readsTheTokenList() {
        var env = new HashMap<>(BASE);
        env.put("CORDON_INGEST_TOKENS", " a , b,,c ");
        IngestConfig c = IngestConfig.fromEnv(env);
        assertThat(c.tokens().find("a", Role.FEED)).isNotNull();
        assertThat(c.tokens().find("c", Role.FEED)).isNotNull();
        assertThat(c.tokens().find("dev-token", Role.FEED)).isNull();
        assertThat(c.tokens().devFeedToken()).isFalse();
    }

    @Test
    void namesTheVariableThatIsWrong() {
        var env = new HashMap<>(BASE);
        env.put("CORDON_INGEST_PORT", "eighty");
        assertThatThrownBy(() -> IngestConfig.fromEnv(env)).hasMessageContaining("CORDON_INGEST_PORT");
        assertThatThrownBy(() -> IngestConfig.fromEnv(Map.of())).hasMessageContaining("CORDON_KAFKA_BOOTSTRAP");
        Map<String, String> typo = new HashMap<>(BASE);
        typo.put("CORDON_LOG_FORMAT", "jsno");
        assertThatThrownBy(() -> IngestConfig.fromEnv(typo)).hasMessageContaining("CORDON_LOG_FORMAT");
    }

    @Test
    void refusesToStartWithoutASecretHashKey() {
        for (String key : new String[] {null, "cordon-dev-hash-key", "short"}) {
            var env = new HashMap<>(BASE);
            env.remove("CORDON_ID_HASH_KEY");
            if (key != null) {
                env.put("CORDON_ID_HASH_KEY", key);
            }
            assertThatThrownBy(() -> IngestConfig.fromEnv(env))
                    .as(String.valueOf(key))
                    .hasMessageContaining("CORDON_ID_HASH_KEY");
        }
    }
}
