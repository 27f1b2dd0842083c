package io.cordon.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.dashboard.checkpoints.CheckpointCounts;
import io.cordon.dashboard.files.SnapshotTables;
import io.cordon.schemas.Json;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard's OpenAPI document lists the endpoints and tile keys of API.md. */
class OpenApiTest {

    @Test
    void listsEveryEndpointAndTileOfApiMd() throws Exception {
        JsonNode doc;
        try (InputStream in = OpenApiTest.class.getClassLoader().getResourceAsStream("dashboard-openapi.json")) {
            doc = Json.MAPPER.readTree(in);
        }
        for (String path : List.of(
                "/",
                "/inspect",
                "/api/v1/tiles",
                "/ws/live",
                "/api/v1/compounds",
                "/api/v1/compounds/{id}/households",
                "/api/v1/snapshot",
                "/api/v1/areas",
                "/api/v1/key-persons",
                "/api/v1/reports/{date}/sign-offs/return",
                "/api/v1/days/{date}",
                "/static/{version}/{name}",
                "/health")) {
            assertThat(doc.get("paths").has(path)).as(path).isTrue();
        }
        JsonNode tiles = doc.get("components")
                .get("schemas")
                .get("Tiles")
                .get("properties")
                .get("tiles")
                .get("properties");
        for (String key : CheckpointCounts.KEYS) {
            assertThat(tiles.has(key)).as(key).isTrue();
        }
        for (String key : List.of("unvisited_homes", "revisit_overdue", "coverage_pct", "silent_checkpoints")) {
            assertThat(tiles.has(key)).as(key).isTrue();
        }
        JsonNode compound = doc.get("components").get("schemas").get("Compound").get("properties");
        for (String column : SnapshotTables.COMPOUND_COLUMNS) {
            assertThat(compound.has(column)).as(column).isTrue();
        }
    }
}
