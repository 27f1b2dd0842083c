package io.cordon.jobs.keypersons;

import io.cordon.jobs.common.AuditRow;
import io.cordon.jobs.common.ClockWatermarks;
import io.cordon.jobs.common.CountedEvent;
import io.cordon.jobs.common.EventVersions;
import io.cordon.jobs.common.ParseEvent;
import io.cordon.jobs.common.ReceivedAtWatermarks;
import io.cordon.jobs.keypersons.functions.PersonDays;
import io.cordon.jobs.registry.RegistryRow;
import io.cordon.schemas.FollowUp;
import io.cordon.schemas.Json;
import io.cordon.schemas.OperationRules;
import java.time.ZoneId;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/**
 * The key persons' follow-up topology, free of Kafka and ClickHouse: follow-up records and the register's rows in; the
 * counted version of each follow-up (signed: corrections and voids take content back), the fevers at home (raised and
 * withdrawn) and each person's status today (due, followed up, overdue from the deadline on: {@link PersonDays}) out.
 * A report as of a cutoff sums the counted follow-ups against the register at read time (see docs/ARCHITECTURE.md,
 * "Key persons").
 */
public final class FollowUpWorkflow {

    /** The outputs of the workflow. */
    public record Outputs(
            DataStream<FollowUpRecord> followUps,
            DataStream<String> feverAlerts,
            DataStream<String> deadLetters,
            DataStream<AuditRow> refusedChanges,
            DataStream<CountedEvent> countedEvents,
            DataStream<KeyPersonDay> days) {}

    private FollowUpWorkflow() {}

    /**
     * @param followUps the follow-up feed's records
     * @param register the register's rows of key persons, in the registry log's order
     */
    public static Outputs define(DataStream<String> followUps, DataStream<RegistryRow> register, OperationRules rules) {
        double feverThresholdC = rules.feverThresholdC();
        ZoneId zone = rules.zone();
        SingleOutputStreamOperator<FollowUpRecord> parsed = followUps
                .process(new ParseEvent<>(
                        json -> FollowUpRecord.of(ParseEvent.read(json, FollowUp.class), feverThresholdC, zone)))
                .returns(FollowUpRecord.class)
                .name("parse follow-ups")
                .uid("parse-follow-ups")
                .setParallelism(followUps.getParallelism());
        SingleOutputStreamOperator<FollowUpRecord> counted = parsed.assignTimestampsAndWatermarks(
                        ReceivedAtWatermarks.<FollowUpRecord>strategy())
                .name("received-at time of follow-ups")
                .uid("received-at-follow-ups")
                .setParallelism(followUps.getParallelism())
                .keyBy(f -> f.eventId)
                .process(new EventVersions<>(rules.correctionWindow().toMillis(), FollowUpRecord.class))
                .returns(FollowUpRecord.class)
                .name("counted version of each follow-up")
                .uid("counted-follow-ups");
        DataStream<String> alerts = counted.flatMap((FollowUpRecord f, Collector<String> out) -> {
                    if (f.sign > 0 && f.fever) {
                        out.collect(Json.write(f.alert()));
                    }
                })
                .returns(String.class)
                .name("key person fever alerts")
                .uid("key-person-fever-alerts")
                .union(counted.getSideOutput(EventVersions.WITHDRAWALS));
        // the deadline and midnight follow the clock, not the feeds: overdue comes at the deadline with nothing posted
        DataStream<KeyPersonDay> days = register.assignTimestampsAndWatermarks(
                        ClockWatermarks.<RegistryRow>strategy((r, previous) -> r.receivedAtMillis))
                .name("clock time of key person rows")
                .uid("clock-time-key-person-rows")
                .setParallelism(register.getParallelism())
                .keyBy(r -> r.id)
                .connect(counted.assignTimestampsAndWatermarks(
                                ClockWatermarks.<FollowUpRecord>strategy((f, previous) -> f.receivedAtMillis))
                        .name("clock time of counted follow-ups")
                        .uid("clock-time-counted-follow-ups")
                        .keyBy(f -> f.personId))
                .process(new PersonDays(rules.zone().getId(), rules.followUpBy()))
                .returns(KeyPersonDay.class)
                .name("key person days")
                .uid("key-person-days");
        return new Outputs(
                counted,
                alerts,
                parsed.getSideOutput(ParseEvent.DEAD_LETTERS),
                counted.getSideOutput(EventVersions.REFUSED),
                counted.getSideOutput(EventVersions.COUNTED),
                days);
    }
}
