package io.cordon.jobs.registry;

import io.cordon.jobs.registry.functions.CompoundDirectory;
import io.cordon.jobs.registry.functions.HouseholdRegistration;
import io.cordon.schemas.clickhouse.Tables;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/**
 * The registry topology, free of Kafka and ClickHouse: registry log rows in; checkpoint rows, key-person rows, household rows and the
 * compound directory (households per compound) out, and the households again by compound (with a row where one moved
 * out). Every version comes from the log, never from a clock, so two
 * ingest instances, a restart or a replay give the same rows.
 */
public final class RegistryWorkflow {

    /** The outputs of the workflow. */
    public record Outputs(
            DataStream<RegistryRow> checkpoints,
            DataStream<RegistryRow> keyPersons,
            DataStream<HouseholdEntry> households,
            DataStream<CompoundMember> compoundHouseholds,
            DataStream<CompoundDirectoryRow> compounds) {}

    private RegistryWorkflow() {}

    public static Outputs define(DataStream<RegistryRow> rows) {
        // the filters run at the reader's parallelism, chained to it, so the rows of one id keep the log's order
        DataStream<RegistryRow> checkpoints = rows.filter(r -> r.table.equals(Tables.CHECKPOINTS))
                .name("checkpoint rows")
                .uid("registry-checkpoint-rows")
                .setParallelism(rows.getParallelism());
        DataStream<RegistryRow> keyPersons = rows.filter(r -> r.table.equals(Tables.KEY_PERSONS))
                .name("key person rows")
                .uid("registry-key-person-rows")
                .setParallelism(rows.getParallelism());
        SingleOutputStreamOperator<HouseholdEntry> households = rows.filter(r -> r.table.equals(Tables.HOUSEHOLDS))
                .name("household rows")
                .uid("registry-household-rows")
                .setParallelism(rows.getParallelism())
                .keyBy(r -> r.id)
                .process(new HouseholdRegistration())
                .name("household registrations")
                .uid("household-registrations");
        DataStream<CompoundDirectoryRow> compounds = households
                .getSideOutput(HouseholdRegistration.COMPOUND_CHANGES)
                .keyBy(c -> c.compoundId)
                .process(new CompoundDirectory())
                .name("compound directory")
                .uid("compound-directory");
        // chained to the registrations: each household's rows keep its uploads' order
        DataStream<CompoundMember> members = households
                .flatMap((HouseholdEntry h, Collector<CompoundMember> c) ->
                        CompoundMember.of(h).forEach(c::collect))
                .returns(CompoundMember.class)
                .name("compound households")
                .uid("compound-households");
        return new Outputs(checkpoints, keyPersons, households, members, compounds);
    }
}
