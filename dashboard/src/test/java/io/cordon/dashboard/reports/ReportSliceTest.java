package io.cordon.dashboard.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ReportSliceTest {

    private static JsonObject area(String scope) {
        return new JsonObject().put("area", scope).put("households", 1);
    }

    @Test
    void aDistrictsSliceKeepsItsOwnAreasOnly() {
        JsonObject city = new JsonObject()
                .put("date", "2022-04-01")
                .put("cutoff", "20:00")
                .put("timezone", "Asia/Shanghai")
                .put("round", 1)
                .put("checkpoints", new JsonArray())
                .put("compounds", new JsonArray())
                .put(
                        "areas",
                        new JsonObject()
                                .put(
                                        "district",
                                        new JsonArray()
                                                .add(area("district:浦东新区"))
                                                .add(area("district:黄浦区")))
                                .put(
                                        "street",
                                        new JsonArray()
                                                .add(area("street:浦东新区/花木街道"))
                                                .add(area("street:黄浦区/外滩街道")))
                                .put("community", new JsonArray().add(area("community:黄浦区/外滩街道/中山社区"))));
        JsonObject slice = ReportSlices.slice(city, "浦东新区");
        assertThat(slice.getJsonObject("areas").getJsonArray("district")).containsExactly(area("district:浦东新区"));
        assertThat(slice.getJsonObject("areas").getJsonArray("street")).containsExactly(area("street:浦东新区/花木街道"));
        assertThat(slice.getJsonObject("areas").getJsonArray("community")).isEmpty();
        assertThat(slice.getString("scope")).isEqualTo("district:浦东新区");
    }
}
