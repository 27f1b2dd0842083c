package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml is safe by default (issue 19, S13): it does not start without viewer and admin tokens (so device
 * tokens stay feed-only and reads are never open), and Flink's REST port, which cancels jobs without a token, is
 * published on the host's loopback only.
 */
class ComposeDefaultsTest {

    static JsonNode compose() throws Exception {
        Path file = Path.of("..", "docker-compose.yml");
        return new YAMLMapper().readTree(Files.readString(file));
    }

    @Test
    void composeRefusesToStartWithoutViewerAndAdminTokens() throws Exception {
        JsonNode services = compose().get("services");
        for (String service : new String[] {"ingest", "dashboard"}) {
            JsonNode env = services.get(service).get("environment");
            assertThat(env.get("CORDON_ADMIN_TOKENS").asText()).as(service).startsWith("${CORDON_ADMIN_TOKENS:?");
            assertThat(env.get("CORDON_INGEST_TOKENS").asText()).as(service).startsWith("${CORDON_INGEST_TOKENS:?");
        }
        assertThat(services.get("dashboard")
                        .get("environment")
                        .get("CORDON_VIEWER_TOKENS")
                        .asText())
                .startsWith("${CORDON_VIEWER_TOKENS:?");
    }

    @Test
    void flinksRestPortIsNeverPublishedBeyondTheHost() throws Exception {
        JsonNode services = compose().get("services");
        for (String service : new String[] {"jobmanager", "taskmanager"}) {
            JsonNode ports = services.get(service).get("ports");
            if (ports != null) {
                ports.forEach(p -> assertThat(p.asText()).as(service).startsWith("127.0.0.1:"));
            }
        }
    }
}
