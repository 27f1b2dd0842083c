package io.cordon.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.CheckpointCount;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.ClickHouseSchema;
import io.cordon.schemas.clickhouse.Tables;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second release stored an event's seven counts in {@code counted_events} by position; on a real ClickHouse, the
 * schema's next start rewrites those rows by key, and a reader gets the same count from either form.
 */
class CountedEventsMigrationTest {

    /** Deleted by JUnit after the test, with everything the servers wrote. */
    @TempDir
    Path scratch;

    @Test
    void rowsStoredByPositionAreRewrittenByKeyAndReadTheSame() throws Exception {
        try (LocalClickHouse server = LocalClickHouse.start(scratch)) {
            ClickHouseHttp clickHouse = new ClickHouseHttp(server.url(), "default");
            ClickHouseSchema.apply(clickHouse);
            String legacy = "1,3,2,0,0,1,0"; // a car, three persons, two from another province, one fever
            clickHouse
                    .insertJsonEachRow(
                            Tables.COUNTED_EVENTS,
                            List.of(
                                    "{\"event_id\":\"old-1\",\"figure\":\"checkpoints/PD-1\",\"occurred_at\":\"2020-02-15 00:15:30\","
                                            + "\"received_at\":\"2020-02-15 12:00:00\",\"received_ms\":1581768000000,\"change\":\"\","
                                            + "\"sign\":1,\"counts\":\"" + legacy + "\"}",
                                    "{\"event_id\":\"visit-1\",\"figure\":\"compounds/C-1\",\"occurred_at\":\"2020-02-15 00:15:30\","
                                            + "\"received_at\":\"2020-02-15 12:00:00\",\"received_ms\":1581768000000,\"change\":\"\","
                                            + "\"sign\":1,\"counts\":\"\"}"))
                    .join();
            assertThat(CheckpointCount.storedCount(legacy, "abnormal_temperatures"))
                    .isEqualTo(1);
            assertThat(CheckpointCount.storedCount(legacy, "registered_persons"))
                    .isEqualTo(3);

            ClickHouseSchema.apply(clickHouse); // the next start of a service

            String migrated = null;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (Instant.now().isBefore(deadline)) {
                migrated = clickHouse
                        .executeBlocking("SELECT counts FROM counted_events WHERE event_id = 'old-1' FORMAT TSV")
                        .strip();
                if (migrated.contains("=")) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(migrated)
                    .as(clickHouse.executeBlocking("SELECT * FROM system.mutations FORMAT TSV"))
                    .isEqualTo(CheckpointCount.byKey(new long[] {1, 3, 2, 0, 0, 1, 0}));
            for (String key : CheckpointCount.KEYS) {
                assertThat(CheckpointCount.storedCount(migrated, key))
                        .as(key)
                        .isEqualTo(CheckpointCount.storedCount(legacy, key));
            }
            assertThat(clickHouse
                            .executeBlocking("SELECT counts FROM counted_events WHERE event_id = 'visit-1' FORMAT TSV")
                            .strip())
                    .isEmpty();
        }
    }
}
