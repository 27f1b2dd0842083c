package io.cordon.jobs.screening;

import io.cordon.jobs.JobsConfig;
import io.cordon.jobs.clickhouse.ClickHouseSink;
import io.cordon.jobs.common.AuditRows;
import io.cordon.jobs.kafka.EventLogConnectors;
import io.cordon.schemas.Topics;
import io.cordon.schemas.clickhouse.Tables;
import java.time.Duration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Wires the screening workflow to Kafka and ClickHouse. */
public final class ScreeningJob {

    private ScreeningJob() {}

    public static void addTo(StreamExecutionEnvironment env, JobsConfig config) {
        DataStream<String> visits =
                EventLogConnectors.read(env, config, Topics.HOUSEHOLD_VISITS, Topics.SCREENING_GROUP);
        ScreeningWorkflow.Outputs out =
                ScreeningWorkflow.define(visits, config.revisitWindow(), config.correctionWindow(), config.timezone());
        Duration flush = Duration.ofMillis(200);
        out.visits()
                .sinkTo(ClickHouseSink.of(config.clickHouse(), Tables.HOUSEHOLD_VISITS, VisitRecord::rowKey, flush))
                .name("clickhouse household_visits")
                .uid("sink-household-visits");
        out.households()
                .sinkTo(ClickHouseSink.of(
                        config.clickHouse(), Tables.HOUSEHOLD_ROUND_STATE, HouseholdRoundState::key, flush))
                .name("clickhouse household_round_state")
                .uid("sink-household-round-state");
        out.compounds()
                .sinkTo(ClickHouseSink.of(
                        config.clickHouse(), Tables.COMPOUND_ROUND_STATE, CompoundRoundTotals::key, flush))
                .name("clickhouse compound_round_state")
                .uid("sink-compound-round-state");
        AuditRows.sinkBookkeeping(
                config, out.deadLetters(), out.refusedChanges(), out.countedEvents(), "visit", "visits");
    }
}
