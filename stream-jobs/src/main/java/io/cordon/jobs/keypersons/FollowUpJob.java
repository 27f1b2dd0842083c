package io.cordon.jobs.keypersons;

import io.cordon.jobs.JobsConfig;
import io.cordon.jobs.clickhouse.ClickHouseSink;
import io.cordon.jobs.common.AuditRows;
import io.cordon.jobs.kafka.EventLogConnectors;
import io.cordon.jobs.registry.RegistryRow;
import io.cordon.schemas.Topics;
import io.cordon.schemas.clickhouse.Tables;
import java.time.Duration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Wires the follow-up workflow to Kafka (the follow-ups in; fever alerts and dead letters out) and ClickHouse
 * ({@code follow_ups}, {@code key_person_days}, the bookkeeping).
 */
public final class FollowUpJob {

    private FollowUpJob() {}

    /**
     * @param register the register's rows of key persons, as the registry job reads them from the registry log
     */
    public static void addTo(StreamExecutionEnvironment env, JobsConfig config, DataStream<RegistryRow> register) {
        DataStream<String> followUps = EventLogConnectors.read(env, config, Topics.FOLLOW_UPS, Topics.FOLLOW_UPS_GROUP);
        FollowUpWorkflow.Outputs out = FollowUpWorkflow.define(followUps, register, config.rules());
        out.followUps()
                .sinkTo(ClickHouseSink.of(
                        config.clickHouse(), Tables.FOLLOW_UPS, FollowUpRecord::rowKey, Duration.ofMillis(200)))
                .name("clickhouse follow_ups")
                .uid("sink-follow-ups");
        out.days()
                .sinkTo(ClickHouseSink.of(
                        config.clickHouse(), Tables.KEY_PERSON_DAYS, KeyPersonDay::rowKey, Duration.ofMillis(200)))
                .name("clickhouse key_person_days")
                .uid("sink-key-person-days");
        out.feverAlerts()
                .sinkTo(EventLogConnectors.write(config, Topics.FEVER_ALERTS))
                .name("kafka key person fever alerts")
                .uid("sink-key-person-fever-alerts");
        AuditRows.sinkBookkeeping(
                config, out.deadLetters(), out.refusedChanges(), out.countedEvents(), "follow-up", "follow-ups");
    }
}
