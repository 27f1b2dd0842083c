package io.cordon.dashboard.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.http.Scope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrozenFilesTest {

    private static JsonObject city() {
        JsonArray checkpoints = new JsonArray();
        JsonArray compounds = new JsonArray();
        JsonObject zero = new JsonObject();
        List<String> districts = List.of("黄浦区", "浦东新区", "徐汇区", "静安区", "闵行区");
        for (int i = 0; i < 60; i++) {
            String d = districts.get(i % districts.size());
            checkpoints.add(new JsonObject()
                    .put("checkpoint_id", "CK-" + i)
                    .put("name", "卡口" + i)
                    .put("district", d)
                    .put("today", zero)
                    .put("cumulative", zero));
            compounds.add(new JsonObject()
                    .put("compound_id", "SH-" + i)
                    .put("compound_name", "小区" + i)
                    .put("community", "社区" + i % 7)
                    .put("street", "街道" + i % 3)
                    .put("district", d)
                    .put("households", 100L + i));
        }
        return new JsonObject()
                .put("date", "2026-12-01")
                .put("cutoff", "20:00")
                .put("timezone", "Asia/Shanghai")
                .put("frozen_at", "2026-12-01T20:00:03+08:00")
                .put("checkpoints", checkpoints)
                .put("totals", new JsonObject().put("today", zero).put("cumulative", zero))
                .put("compounds", compounds);
    }

    @Test
    void theCityAndEachDistrictAreRenderedSideBySideToTheSameBytesAsOneAfterTheOther() {
        Map<Scope, JsonObject> scopes = FrozenFiles.scopes(city(), Map.of());
        assertThat(scopes.keySet().stream().map(Scope::toString))
                .containsExactly(
                        "all", "district:徐汇区", "district:浦东新区", "district:闵行区", "district:静安区", "district:黄浦区");
        LocalDate date = LocalDate.parse("2026-12-01");
        List<FrozenFiles.Rendered> one = FrozenFiles.render(date, "20:00", "2026-12-01 20:00:03", 1L, scopes, false);
        List<FrozenFiles.Rendered> both = FrozenFiles.render(date, "20:00", "2026-12-01 20:00:03", 1L, scopes, true);
        assertThat(both).isEqualTo(one);
        for (FrozenFiles.Rendered r : both) {
            assertThat(r.rows()).hasSize(4); // json, csv, xlsx, pdf
            JsonObject json = new JsonObject(r.rows().get(0));
            assertThat(json.getString("scope")).isEqualTo(r.scope().toString());
            assertThat(json.getString("format")).isEqualTo("json");
            byte[] body = Base64.getDecoder().decode(json.getString("body"));
            assertThat(FrozenFiles.sha256(body)).isEqualTo(r.jsonSha256()).isEqualTo(json.getString("sha256"));
        }
        // a district's files hold its own compounds only
        JsonObject pudong = new JsonObject(new String(
                Base64.getDecoder().decode(new JsonObject(both.get(2).rows().get(0)).getString("body")),
                StandardCharsets.UTF_8));
        assertThat(pudong.getJsonArray("compounds")).hasSize(12);
    }
}
