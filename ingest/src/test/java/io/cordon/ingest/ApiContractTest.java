package io.cordon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.Json;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The machine-readable copies of API.md (JSON Schemas, OpenAPI) say what API.md says. */
class ApiContractTest {

    private static JsonNode resource(String path) throws Exception {
        try (InputStream in = ApiContractTest.class.getClassLoader().getResourceAsStream(path)) {
            return Json.MAPPER.readTree(in);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    @Test
    void theArrivalSchemaHasTheFieldsAndEnumsOfApiMd() throws Exception {
        JsonNode s = resource("schemas/checkpoint-arrival.schema.json");
        assertThat(strings(s.get("required")))
                .containsExactlyInAnyOrder(
                        "event_id", "checkpoint_id", "occurred_at", "direction", "persons", "decision");
        JsonNode p = s.get("properties");
        assertThat(strings(p.get("direction").get("enum"))).containsExactly("in", "out");
        assertThat(strings(p.get("decision").get("enum"))).containsExactly("admitted", "turned_back", "referred");
        assertThat(strings(p.get("vehicle").get("properties").get("kind").get("enum")))
                .containsExactly("car", "truck", "bus", "van", "motorcycle", "other");
        assertThat(p.get("persons").get("maxItems").asInt()).isEqualTo(60);
        JsonNode person = p.get("persons").get("items").get("properties");
        assertThat(person.get("temperature_c").get("minimum").asDouble()).isEqualTo(30.0);
        assertThat(person.get("temperature_c").get("maximum").asDouble()).isEqualTo(45.0);
        assertThat(p.get("event_id").get("pattern").asText()).isEqualTo("^[A-Za-z0-9._:-]{1,64}$");
    }

    @Test
    void theVisitSchemaHasTheFieldsAndEnumsOfApiMd() throws Exception {
        JsonNode s = resource("schemas/household-visit.schema.json");
        assertThat(strings(s.get("required")))
                .containsExactlyInAnyOrder("event_id", "household_id", "round", "visited_at", "outcome");
        JsonNode p = s.get("properties");
        assertThat(strings(p.get("outcome").get("enum")))
                .containsExactly("reached", "phone_reached", "nobody_home", "refused", "vacant");
        assertThat(p.get("round").get("minimum").asInt()).isEqualTo(1);
        assertThat(p.get("round").get("maximum").asInt()).isEqualTo(99);
        JsonNode kp = p.get("key_persons").get("items").get("properties");
        assertThat(strings(kp.get("measure").get("enum")))
                .containsExactly("home_quarantine", "central_quarantine", "health_monitoring", "none");
    }

    @Test
    void theOpenApiDocumentListsEveryIngestEndpointWithItsStatuses() throws Exception {
        JsonNode paths = resource("ingest-openapi.json").get("paths");
        JsonNode post = paths.get("/api/v1/checkpoint-events").get("post").get("responses");
        for (String status : List.of("202", "400", "401", "413", "415", "503")) {
            assertThat(post.has(status)).as(status).isTrue();
        }
        assertThat(paths.get("/api/v1/registry/checkpoints")
                        .get("put")
                        .get("responses")
                        .has("200"))
                .isTrue();
        JsonNode visits = paths.get("/api/v1/household-visits").get("post").get("responses");
        for (String status : List.of("202", "400", "401", "413", "415", "503")) {
            assertThat(visits.has(status)).as(status).isTrue();
        }
        assertThat(paths.get("/api/v1/registry/households")
                        .get("put")
                        .get("responses")
                        .has("400"))
                .isTrue();
        for (String route : IngestVerticle.routes()) {
            assertThat(paths.has(route)).as(route).isTrue();
        }
        assertThat(paths.has("/health")).isTrue();
    }
}
