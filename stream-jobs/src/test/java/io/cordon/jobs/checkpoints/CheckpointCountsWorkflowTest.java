package io.cordon.jobs.checkpoints;

import static io.cordon.jobs.checkpoints.Arrivals.arrival;
import static io.cordon.jobs.checkpoints.Arrivals.at;
import static io.cordon.jobs.checkpoints.Arrivals.json;
import static io.cordon.jobs.checkpoints.Arrivals.persons;
import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.FeverAlert;
import io.cordon.schemas.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CheckpointCountsWorkflowTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

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
    private static org.apache.flink.streaming.api.datastream.DataStream<String> ordered(StreamExecutionEnvironment env) {
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
        CheckpointCountsWorkflow.Outputs out = CheckpointCountsWorkflow.define(ordered(env), 37.3);
        Map<String, CheckpointMinuteCounts> latest = new HashMap<>();
        try (CloseableIterator<CheckpointMinuteCounts> it = out.minuteCounts().executeAndCollect()) {
            it.forEachRemaining(c -> latest.merge(c.key(), c, (a, b) -> a.arrivals >= b.arrivals ? a : b));
        }
        CheckpointMinuteCounts hz0815 = latest.get("HZ|" + at("2020-02-15T08:15:00+08:00").getEpochSecond());
        assertThat(hz0815.arrivals).isEqualTo(2);
        assertThat(hz0815.registeredVehicles).isEqualTo(1);
        assertThat(hz0815.registeredPersons).isEqualTo(3);
        assertThat(hz0815.turnedBackVehicles).isEqualTo(1);
        assertThat(hz0815.turnedBackPersons).isEqualTo(2);
        assertThat(hz0815.referredPersons).isEqualTo(1);
        assertThat(hz0815.abnormalTemperatures).isEqualTo(1);
        CheckpointMinuteCounts late = latest.get("HZ|" + at("2020-02-12T23:59:00+08:00").getEpochSecond());
        assertThat(late.registeredVehicles).isEqualTo(1);
        assertThat(late.abnormalTemperatures).isEqualTo(1);
        assertThat(latest).hasSize(3);
    }

    @Test
    void raisesOneAlertPerFeverishPersonOfFirstSeenArrivals() throws Exception {
        StreamExecutionEnvironment env = env();
        CheckpointCountsWorkflow.Outputs out = CheckpointCountsWorkflow.define(ordered(env), 37.3);
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
        CheckpointCountsWorkflow.Outputs out = CheckpointCountsWorkflow.define(ordered(env), 37.3);
        List<String> dead = new ArrayList<>();
        try (CloseableIterator<String> it = out.deadLetters().executeAndCollect()) {
            it.forEachRemaining(dead::add);
        }
        assertThat(dead).hasSize(3).contains("{not json", "{\"event_id\":\"x\"}");
        assertThat(dead).anyMatch(d -> d.contains("\"old\""));
    }
}
