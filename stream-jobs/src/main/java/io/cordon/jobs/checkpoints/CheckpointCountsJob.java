package io.cordon.jobs.checkpoints;

import io.cordon.jobs.JobsConfig;
import io.cordon.jobs.clickhouse.ClickHouseSink;
import io.cordon.jobs.kafka.EventLogConnectors;
import io.cordon.schemas.Topics;
import java.time.Duration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Wires the checkpoint counts workflow to Kafka and ClickHouse. */
public final class CheckpointCountsJob {

    private CheckpointCountsJob() {
    }

    public static void addTo(StreamExecutionEnvironment env, JobsConfig config) {
        DataStream<String> arrivals = EventLogConnectors.read(env, config, Topics.CHECKPOINT_ARRIVALS, "cordon-checkpoint-counts");
        CheckpointCountsWorkflow.Outputs out = CheckpointCountsWorkflow.define(arrivals, config.feverThresholdC());
        out.minuteCounts().sinkTo(new ClickHouseSink<>(config.clickhouseUrl(), config.clickhouseDatabase(),
                        "checkpoint_minute_counts", CheckpointMinuteCounts::key, CheckpointMinuteCounts::toRow,
                        Duration.ofMillis(200)))
                .name("clickhouse checkpoint_minute_counts").uid("sink-checkpoint-minute-counts");
        out.feverAlerts().sinkTo(EventLogConnectors.write(config, Topics.FEVER_ALERTS))
                .name("kafka fever alerts").uid("sink-fever-alerts");
        out.deadLetters().sinkTo(EventLogConnectors.write(config, Topics.DEAD_LETTERS))
                .name("kafka arrival dead letters").uid("sink-arrival-dead-letters");
    }
}
