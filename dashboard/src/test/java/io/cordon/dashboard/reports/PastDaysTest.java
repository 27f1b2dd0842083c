package io.cordon.dashboard.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.http.Scope;
import io.cordon.schemas.CheckpointCount;
import io.cordon.schemas.OperationClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A past day's wall read from a snapshot or a frozen report: the tiles as the live ones, the worst compounds first. */
class PastDaysTest {

    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    private static final OperationClock CLOCK =
            new OperationClock(Clock.fixed(Instant.parse("2022-04-10T04:00:00Z"), SH), SH);

    private static JsonObject counts(long persons, long fevers) {
        JsonObject c = new JsonObject();
        CheckpointCount.ALL.forEach(k -> c.put(k.key(), 0L));
        return c.put("registered_persons", persons).put("abnormal_temperatures", fevers);
    }

    private static JsonObject compound(String id, long households, long resolved, long overdue) {
        return new JsonObject()
                .put("compound_id", id)
                .put("compound_name", "小区" + id)
                .put("households", households)
                .put("resolved", resolved)
                .put("unvisited", households - resolved)
                .put("revisit_overdue", overdue)
                .put("coverage_pct", households == 0 ? 0.0 : Math.round(resolved * 1000.0 / households) / 10.0);
    }

    private static JsonObject snapshot() {
        return new JsonObject()
                .put("date", "2022-04-08")
                .put("cutoff", "20:00")
                .put("round", 3)
                .put(
                        "checkpoints",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("checkpoint_id", "P-1")
                                        .put("name", "沪昆高速")
                                        .put("today", counts(30, 1))
                                        .put("cumulative", counts(90, 2))))
                .put("totals", new JsonObject().put("today", counts(40, 1)).put("cumulative", counts(120, 3)))
                .put(
                        "compounds",
                        new JsonArray()
                                .add(compound("A", 10, 9, 0))
                                .add(compound("B", 10, 2, 3))
                                .add(compound("C", 10, 2, 1))
                                .add(compound("D", 0, 0, 0)))
                .put(
                        "areas",
                        new JsonObject()
                                .put("district", new JsonArray().add(new JsonObject().put("area", "district:浦东新区")))
                                .put("street", new JsonArray().add(new JsonObject().put("area", "street:浦东新区/花木街道"))))
                .put("key_persons", new JsonObject().put("totals", new JsonObject().put("under_measure", 4)));
    }

    @Test
    void theTilesAreTheDaysTotalsAndTheScreeningSums() {
        ReportService.Entry frozen = new ReportService.Entry("2022-04-08", "20:00", "2022-04-08T20:02:00+08:00", "x");
        JsonObject day = PastDays.wall(snapshot(), Scope.ALL, frozen, CLOCK);
        JsonObject tiles = day.getJsonObject("tiles");
        assertThat(tiles.getJsonObject("registered_persons").getLong("today")).isEqualTo(40);
        assertThat(tiles.getJsonObject("registered_persons").getLong("cumulative"))
                .isEqualTo(120);
        assertThat(tiles.getJsonObject("registered_persons").containsKey("last_15m"))
                .isFalse();
        assertThat(tiles.getJsonObject("abnormal_temperatures").getLong("today"))
                .isEqualTo(1);
        // 30 homes, 13 resolved: 17 unvisited, 43.3 %, 4 revisits overdue, round 3
        assertThat(tiles.getJsonObject("unvisited_homes").getLong("value")).isEqualTo(17);
        assertThat(tiles.getJsonObject("revisit_overdue").getLong("value")).isEqualTo(4);
        assertThat(tiles.getJsonObject("coverage_pct").getDouble("value")).isEqualTo(43.3);
        assertThat(tiles.getJsonObject("coverage_pct").getInteger("round")).isEqualTo(3);
        assertThat(tiles.getJsonObject("key_persons").getInteger("under_measure"))
                .isEqualTo(4);
        assertThat(day.getBoolean("history")).isTrue();
        assertThat(day.getBoolean("frozen")).isTrue();
        assertThat(day.getString("source")).isEqualTo("report");
        assertThat(day.getString("frozen_at")).isEqualTo("2022-04-08T20:02:00+08:00");
        assertThat(day.getString("day_start")).isEqualTo("2022-04-08T00:00:00+08:00");
        assertThat(day.getString("day_end")).isEqualTo("2022-04-09T00:00:00+08:00");
        assertThat(day.getString("today")).isEqualTo("2022-04-10");
        assertThat(day.getJsonObject("checkpoint_names").getString("P-1")).isEqualTo("沪昆高速");
        // the lowest coverage first (D has no homes: 0 %), then the most unvisited, then by id
        assertThat(day.getJsonArray("compounds").stream().map(o -> ((JsonObject) o).getString("compound_id")))
                .containsExactly("D", "B", "C", "A");
        assertThat(day.getJsonArray("areas").getJsonObject(0).getString("area")).isEqualTo("district:浦东新区");
    }

    @Test
    void aDayNeverFrozenSaysSoAndADistrictListsItsStreets() {
        JsonObject day = PastDays.wall(snapshot(), Scope.district("浦东新区"), null, CLOCK);
        assertThat(day.getBoolean("frozen")).isFalse();
        assertThat(day.getString("source")).isEqualTo("snapshot");
        assertThat(day.containsKey("frozen_at")).isFalse();
        assertThat(day.getString("scope")).isEqualTo("district:浦东新区");
        assertThat(day.getJsonArray("areas").getJsonObject(0).getString("area")).isEqualTo("street:浦东新区/花木街道");
    }

    @Test
    void noCompoundsMeansNoScreeningFigures() {
        JsonObject day = PastDays.wall(snapshot().put("compounds", new JsonArray()), Scope.ALL, null, CLOCK);
        assertThat(day.getJsonObject("tiles").getJsonObject("coverage_pct").getValue("value"))
                .isNull();
        assertThat(day.getJsonArray("compounds")).isEmpty();
    }
}
