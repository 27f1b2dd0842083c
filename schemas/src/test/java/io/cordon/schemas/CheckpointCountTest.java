package io.cordon.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.clickhouse.ClickHouseSchema;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CheckpointCountTest {

    private static final Pattern COLUMN = Pattern.compile("^\\s+([a-z_]+) ", Pattern.MULTILINE);

    @Test
    void everyCheckpointRollupTableHasTheSevenCountsAsColumns() {
        for (String file : List.of(
                "002_checkpoint_minute_totals.sql", "008_checkpoint_day_totals.sql", "009_checkpoint_totals.sql")) {
            assertThat(ClickHouseSchema.files()).contains(file);
            Matcher m = COLUMN.matcher(ClickHouseSchema.statement(file));
            List<String> columns = m.results().map(r -> r.group(1)).toList();
            assertThat(columns)
                    .as(file)
                    .containsAll(CheckpointCount.KEYS)
                    .contains("version", "arrivals", "checkpoint_id");
        }
    }

    @Test
    void anArrivalAddsEachCountByItsDefinition() {
        CheckpointArrival a = new CheckpointArrival(
                "e",
                "HZ",
                "云南省",
                Instant.parse("2020-02-15T00:15:30Z"),
                "in",
                new CheckpointArrival.Vehicle("h", "car"),
                List.of(
                        new CheckpointArrival.Person(37.3, "湖北", null),
                        new CheckpointArrival.Person(37.29, "云南", null),
                        new CheckpointArrival.Person(null, null, null)),
                "turned_back",
                null,
                null,
                null,
                null,
                null,
                null);
        long[] c = CheckpointCount.of(a, 37.3);
        assertThat(c).containsExactly(1, 3, 1, 1, 3, 1, 0);
        assertThat(CheckpointCount.KEYS)
                .containsExactly(
                        "registered_vehicles",
                        "registered_persons",
                        "out_of_province_persons",
                        "turned_back_vehicles",
                        "turned_back_persons",
                        "abnormal_temperatures",
                        "referred_persons");
    }
}
