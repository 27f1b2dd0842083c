package io.cordon.jobs.registry;

import io.cordon.jobs.JobsConfig;
import io.cordon.jobs.clickhouse.ClickHouseSink;
import io.cordon.jobs.kafka.EventLogConnectors;
import io.cordon.schemas.clickhouse.Tables;
import java.time.Duration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Wires the registry workflow to the registry log and the ClickHouse tables checkpoints, key_persons, households, compound_households and
 * compounds. */
public final class RegistryJob {

    private RegistryJob() {}

    /** Adds the registry job; returns the register's rows of key persons, which the follow-up job keys by person. */
    public static DataStream<RegistryRow> addTo(StreamExecutionEnvironment env, JobsConfig config) {
        RegistryWorkflow.Outputs out = RegistryWorkflow.define(EventLogConnectors.readRegistry(env, config));
        Duration flush = Duration.ofMillis(200);
        out.checkpoints()
                .sinkTo(new ClickHouseSink<>(
                        config.clickHouse(), Tables.CHECKPOINTS, r -> r.id, RegistryRow::tableRow, flush))
                .name("clickhouse checkpoints")
                .uid("sink-checkpoints");
        out.keyPersons()
                .sinkTo(new ClickHouseSink<>(
                        config.clickHouse(),
                        Tables.KEY_PERSONS,
                        r -> r.id + "|" + r.offset,
                        RegistryRow::keyPersonRow,
                        flush))
                .name("clickhouse key_persons")
                .uid("sink-key-persons");
        out.households()
                .sinkTo(ClickHouseSink.of(config.clickHouse(), Tables.HOUSEHOLDS, HouseholdEntry::key, flush))
                .name("clickhouse households")
                .uid("sink-households");
        out.compoundHouseholds()
                .sinkTo(ClickHouseSink.of(config.clickHouse(), Tables.COMPOUND_HOUSEHOLDS, CompoundMember::key, flush))
                .name("clickhouse compound households")
                .uid("sink-compound-households");
        out.compounds()
                .sinkTo(ClickHouseSink.of(config.clickHouse(), Tables.COMPOUNDS, CompoundDirectoryRow::key, flush))
                .name("clickhouse compounds")
                .uid("sink-compounds");
        return out.keyPersons();
    }
}
