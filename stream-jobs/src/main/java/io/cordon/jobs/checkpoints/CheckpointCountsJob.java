package io.cordon.jobs.checkpoints;

import io.cordon.jobs.JobsConfig;
import io.cordon.jobs.clickhouse.ClickHouseSink;
import io.cordon.jobs.common.AuditRows;
import io.cordon.jobs.kafka.EventLogConnectors;
import io.cordon.schemas.Topics;
import java.time.Duration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Wires the checkpoint counts workflow to Kafka and ClickHouse. */
public final class CheckpointCountsJob {

    private CheckpointCountsJob() {}

    public static void addTo(StreamExecutionEnvironment env, JobsConfig config) {
        DataStream<String> arrivals =
                EventLogConnectors.read(env, config, Topics.CHECKPOINT_ARRIVALS, Topics.CHECKPOINT_COUNTS_GROUP);
        CheckpointCountsWorkflow.Outputs out = CheckpointCountsWorkflow.define(
                arrivals,
                new CheckpointCountsWorkflow.Rules(
                        config.feverThresholdC(), config.timezone(), config.correctionWindow()));
        for (CheckpointTotals.Grain grain : CheckpointTotals.Grain.values()) {
            out.totals(grain)
                    .sinkTo(ClickHouseSink.of(
                            config.clickHouse(), grain.table(), CheckpointTotals::key, Duration.ofMillis(200)))
                    .name("clickhouse " + grain.table())
                    .uid("sink-" + grain.table().replace('_', '-'));
        }
        out.feverAlerts()
                .sinkTo(EventLogConnectors.write(config, Topics.FEVER_ALERTS))
                .name("kafka fever alerts")
                .uid("sink-fever-alerts");
        AuditRows.sinkBookkeeping(
                config, out.deadLetters(), out.refusedChanges(), out.countedEvents(), "arrival", "arrivals");
    }
}
