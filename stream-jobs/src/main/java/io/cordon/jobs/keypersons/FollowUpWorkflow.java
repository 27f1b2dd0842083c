package io.cordon.jobs.keypersons;

import io.cordon.jobs.common.AuditRow;
import io.cordon.jobs.common.CountedEvent;
import io.cordon.jobs.common.EventVersions;
import io.cordon.jobs.common.ReceivedAtWatermarks;
import io.cordon.jobs.keypersons.functions.FollowUpVersions;
import io.cordon.jobs.keypersons.functions.ParseFollowUp;
import io.cordon.schemas.Json;
import java.time.Duration;
import java.time.ZoneId;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/**
 * The key persons' follow-up topology, free of Kafka and ClickHouse: follow-up records in; the counted version of
 * each (signed: corrections and voids take content back) and the fevers at home (raised and withdrawn) out. The
 * figures (who is followed up, who is overdue) are sums of the counted follow-ups against the register, made at
 * read time for any day and time (see docs/ARCHITECTURE.md, "Key persons").
 */
public final class FollowUpWorkflow {

    /** The outputs of the workflow. */
    public record Outputs(
            DataStream<FollowUpRecord> followUps,
            DataStream<String> feverAlerts,
            DataStream<String> deadLetters,
            DataStream<AuditRow> refusedChanges,
            DataStream<CountedEvent> countedEvents) {}

    private FollowUpWorkflow() {}

    public static Outputs define(
            DataStream<String> followUps, double feverThresholdC, ZoneId zone, Duration correctionWindow) {
        SingleOutputStreamOperator<FollowUpRecord> parsed = followUps
                .process(new ParseFollowUp(feverThresholdC, zone))
                .name("parse follow-ups")
                .uid("parse-follow-ups")
                .setParallelism(followUps.getParallelism());
        SingleOutputStreamOperator<FollowUpRecord> counted = parsed.assignTimestampsAndWatermarks(
                        ReceivedAtWatermarks.<FollowUpRecord>strategy())
                .name("received-at time of follow-ups")
                .uid("received-at-follow-ups")
                .setParallelism(followUps.getParallelism())
                .keyBy(f -> f.eventId)
                .process(new FollowUpVersions(correctionWindow.toMillis()))
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
                .union(counted.getSideOutput(FollowUpVersions.WITHDRAWALS));
        return new Outputs(
                counted,
                alerts,
                parsed.getSideOutput(ParseFollowUp.DEAD_LETTERS),
                counted.getSideOutput(EventVersions.REFUSED),
                counted.getSideOutput(EventVersions.COUNTED));
    }
}
