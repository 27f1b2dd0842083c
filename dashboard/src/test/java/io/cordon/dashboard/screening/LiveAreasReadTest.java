package io.cordon.dashboard.screening;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.http.Scope;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.testkit.HandClock;
import io.cordon.testkit.LocalClickHouse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live screening figures by area on a real ClickHouse: read again after every write to a table they come from and
 * on a new day, and taken from the last read while nothing was written (the part list unchanged), so that a refresh
 * does not wait for them when only the checkpoints' figures moved.
 */
class LiveAreasReadTest {

    @TempDir
    static Path scratch;

    private static final Scope COMMUNITY = Scope.community("浦东新区", "花木街道", "联洋社区");

    private static LocalClickHouse server;
    private static ClickHouseHttp clickHouse;

    @BeforeAll
    static void start() throws Exception {
        server = LocalClickHouse.withSchema(scratch.resolve("clickhouse"));
        clickHouse = server.client();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theAreasAreReadAgainAfterEveryWriteAndOnANewDayOnly() {
        HandClock clock = new HandClock(Instant.parse("2022-04-12T04:00:00Z"));
        ScreeningQueries queries =
                new ScreeningQueries(clickHouse, ZoneId.of("Asia/Shanghai"), Duration.ofHours(24), clock);
        insert("compounds", compound(10, 1));
        insert("compound_round_state", state(1, 4, 1));

        ScreeningByArea first = queries.byArea(null).join();
        assertThat(first.round()).isEqualTo(1);
        assertThat(first.of(COMMUNITY)).isEqualTo(new AreaScreening(10, 4, 0, 1));
        assertThat(queries.byArea(null).join())
                .as("nothing written: the last read")
                .isSameAs(first);

        // the job counts a visit: a new version of the compound's state
        insert("compound_round_state", state(1, 5, 2));
        ScreeningByArea afterVisit = queries.byArea(null).join();
        assertThat(afterVisit.of(COMMUNITY)).isEqualTo(new AreaScreening(10, 5, 0, 1));
        assertThat(queries.byArea(null).join()).isSameAs(afterVisit);

        // the registry changes the compound's households
        insert("compounds", compound(12, 2));
        ScreeningByArea afterRegistry = queries.byArea(null).join();
        assertThat(afterRegistry.of(COMMUNITY)).isEqualTo(new AreaScreening(12, 5, 0, 1));

        // a merge collapses the versions: the same figures, read again
        clickHouse.executeBlocking("OPTIMIZE TABLE compound_round_state FINAL");
        ScreeningByArea afterMerge = queries.byArea(null).join();
        assertThat(afterMerge).isNotSameAs(afterRegistry);
        assertThat(afterMerge.of(COMMUNITY)).isEqualTo(afterRegistry.of(COMMUNITY));

        // the next day is read again (households come and go by the day)
        assertThat(queries.byArea(null).join()).isSameAs(afterMerge);
        clock.advance(Duration.ofDays(1));
        assertThat(queries.byArea(null).join()).isNotSameAs(afterMerge);

        // a round asked for by number is always read
        assertThat(queries.byArea(1).join()).isNotSameAs(queries.byArea(1).join());
    }

    private static void insert(String table, JsonObject row) {
        clickHouse.insertJsonEachRow(table, List.of(row.encode())).join();
    }

    private static JsonObject compound(int households, long version) {
        return new JsonObject()
                .put("compound_id", "C-1")
                .put("compound_name", "联洋花园")
                .put("district", "浦东新区")
                .put("street", "花木街道")
                .put("community", "联洋社区")
                .put("responsible_unit", "区卫健委")
                .put("households", households)
                .put("bounded_ids", new JsonArray())
                .put("bounded_from", new JsonArray())
                .put("bounded_until", new JsonArray())
                .put("version", version);
    }

    private static JsonObject state(int round, int resolved, long version) {
        return new JsonObject()
                .put("compound_id", "C-1")
                .put("round", round)
                .put("visited", resolved)
                .put("resolved", resolved)
                .put("pending_revisit", 0)
                .put("revisit_overdue", 0)
                .put("home_quarantine", 0)
                .put("central_quarantine", 0)
                .put("resolved_days", new JsonArray())
                .put("resolved_by_day", new JsonArray())
                .put("version", version);
    }
}
