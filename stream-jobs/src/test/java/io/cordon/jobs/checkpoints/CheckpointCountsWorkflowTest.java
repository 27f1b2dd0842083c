package io.cordon.jobs.checkpoints;

import static io.cordon.jobs.checkpoints.Arrivals.arrival;
import static io.cordon.jobs.checkpoints.Arrivals.at;
import static io.cordon.jobs.checkpoints.Arrivals.json;
import static io.cordon.jobs.checkpoints.Arrivals.persons;
import static io.cordon.schemas.CheckpointCount.ABNORMAL_TEMPERATURES;
import static io.cordon.schemas.CheckpointCount.REFERRED_PERSONS;
import static io.cordon.schemas.CheckpointCount.REGISTERED_PERSONS;
import static io.cordon.schemas.CheckpointCount.REGISTERED_VEHICLES;
import static io.cordon.schemas.CheckpointCount.TURNED_BACK_PERSONS;
import static io.cordon.schemas.CheckpointCount.TURNED_BACK_VEHICLES;
import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.FeverAlert;
import io.cordon.schemas.Json;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CheckpointCountsWorkflowTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final CheckpointCountsWorkflow.Rules RULES =
            new CheckpointCountsWorkflow.Rules(37.3, ZoneId.of("Asia/Shanghai"), Duration.ofDays(30));

    private static final List<String> EVENTS = List.of(
            json(arrival("a1", "HZ", at("2020-02-15T08:15:30+08:00"), true, persons(36.6, 37.5), "turned_back")),
            // the same event posted again with other content: counted once, the first copy wins
            json(arrival("a1", "HZ", at("2020-02-15T08:15:30+08:00"), true, persons(36.6, 36.6, 36.6), "admitted")),
            json(arrival("a2", "HZ", at("2020-02-15T08:15:59+08:00"), false, persons(36.6), "referred")),
            json(arrival("a3", "HZ", at("2020-02-12T23:59:00+08:00"), true, persons(38.0), "admitted")),
            json(arrival("b1", "XX", at("2020-02-15T08:15:00+08:00"), true, persons(), "admitted")),
            "{not json",
            json(arrival("old", "HZ", at("1969-12-31T23:59:59Z"), true, persons(), "admitted")),
            "{\"event_id\":\"x\"}");

    /**
     * The events in posting order, as one Kafka partition delivers the copies of one event_id (ingest keys the log
     * by event_id): a single source reader, the operators downstream at parallelism 2.
     */
    private static DataStream<String> ordered(StreamExecutionEnvironment env) {
        return env.fromData(EVENTS).setParallelism(1);
    }

    private static StreamExecutionEnvironment env() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        return env;
    }

    @Test
    void countsEachEventOnceIntoItsOwnMinuteAcrossParallelInstances() throws Exception {
        StreamExecutionEnvironment env = env();
        CheckpointCountsWorkflow.Outputs out = CheckpointCountsWorkflow.define(ordered(env), RULES);
        Map<String, CheckpointTotals> latest = new HashMap<>();
        try (CloseableIterator<CheckpointTotals> it = out.totals().executeAndCollect()) {
            it.forEachRemaining(c -> latest.merge(c.key(), c, (a, b) -> a.version >= b.version ? a : b));
        }
        CheckpointTotals hz0815 =
                latest.get("HZ|MINUTE|" + at("2020-02-15T08:15:00+08:00").getEpochSecond());
        assertThat(hz0815.arrivals).isEqualTo(2);
        assertThat(hz0815.version).isEqualTo(2);
        assertThat(hz0815.count(REGISTERED_VEHICLES)).isEqualTo(1);
        assertThat(hz0815.count(REGISTERED_PERSONS)).isEqualTo(3);
        assertThat(hz0815.count(TURNED_BACK_VEHICLES)).isEqualTo(1);
        assertThat(hz0815.count(TURNED_BACK_PERSONS)).isEqualTo(2);
        assertThat(hz0815.count(REFERRED_PERSONS)).isEqualTo(1);
        assertThat(hz0815.count(ABNORMAL_TEMPERATURES)).isEqualTo(1);
        CheckpointTotals late =
                latest.get("HZ|MINUTE|" + at("2020-02-12T23:59:00+08:00").getEpochSecond());
        assertThat(late.count(REGISTERED_VEHICLES)).isEqualTo(1);
        assertThat(late.count(ABNORMAL_TEMPERATURES)).isEqualTo(1);
        // local days in Asia/Shanghai: the 15th holds both minutes of 08:15, the 12th the late one
        CheckpointTotals day15 =
                latest.get("HZ|DAY|" + LocalDate.parse("2020-02-15").toEpochDay());
        assertThat(day15.count(REGISTERED_PERSONS)).isEqualTo(3);
        CheckpointTotals day12 =
                latest.get("HZ|DAY|" + LocalDate.parse("2020-02-12").toEpochDay());
        assertThat(day12.count(REGISTERED_PERSONS)).isEqualTo(1);
        CheckpointTotals hz = latest.get("HZ|ALL|0");
        assertThat(hz.arrivals).isEqualTo(3);
        assertThat(hz.count(REGISTERED_PERSONS)).isEqualTo(4);
        assertThat(hz.count(ABNORMAL_TEMPERATURES)).isEqualTo(2);
        assertThat(latest.get("XX|ALL|0").count(REGISTERED_VEHICLES)).isEqualTo(1);
        assertThat(latest).hasSize(3 + 3 + 2);
    }

    @Test
    void raisesOneAlertPerFeverishPersonOfFirstSeenArrivals() throws Exception {
        StreamExecutionEnvironment env = env();
        CheckpointCountsWorkflow.Outputs out = CheckpointCountsWorkflow.define(ordered(env), RULES);
        List<FeverAlert> alerts = new ArrayList<>();
        try (CloseableIterator<String> it = out.feverAlerts().executeAndCollect()) {
            it.forEachRemaining(s -> alerts.add(Json.read(s, FeverAlert.class)));
        }
        assertThat(alerts).extracting(FeverAlert::key).containsExactlyInAnyOrder("a1#1", "a3#0");
        assertThat(alerts).extracting(FeverAlert::temperatureC).containsExactlyInAnyOrder(37.5, 38.0);
    }

    @Test
    void sendsUnreadableRecordsToDeadLettersWithoutStopping() throws Exception {
        StreamExecutionEnvironment env = env();
        CheckpointCountsWorkflow.Outputs out = CheckpointCountsWorkflow.define(ordered(env), RULES);
        List<String> dead = new ArrayList<>();
        try (CloseableIterator<String> it = out.deadLetters().executeAndCollect()) {
            it.forEachRemaining(dead::add);
        }
        assertThat(dead).hasSize(3).contains("{not json", "{\"event_id\":\"x\"}");
        assertThat(dead).anyMatch(d -> d.contains("\"old\""));
    }
}
