package io.cordon.jobs.keypersons.functions;

import io.cordon.jobs.common.EventVersions;
import io.cordon.jobs.keypersons.FollowUpRecord;
import io.cordon.schemas.FollowUp;
import io.cordon.schemas.Json;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Reads an event-log record of a follow-up; one that cannot be read goes to the dead letters and never stops the job. */
public class ParseFollowUp extends ProcessFunction<String, FollowUpRecord> {

    public static final OutputTag<String> DEAD_LETTERS = new OutputTag<>("follow-up-dead-letters") {};

    private final double feverThresholdC;
    private final ZoneId zone;
    private transient Counter deadLetters;

    public ParseFollowUp(double feverThresholdC, ZoneId zone) {
        this.feverThresholdC = feverThresholdC;
        this.zone = zone;
    }

    @Override
    public void open(OpenContext openContext) {
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
    }

    @Override
    public void processElement(String value, Context ctx, Collector<FollowUpRecord> out) {
        try {
            FollowUp f = Json.read(value, FollowUp.class);
            boolean voiding = EventVersions.VOID.equals(f.change());
            if (f.eventId() == null
                    || !voiding
                            && (f.personId() == null
                                    || f.followedAt() == null
                                    || f.followedAt().isBefore(Instant.EPOCH)
                                    || f.reached() == null)) {
                throw new IllegalArgumentException("event_id, person_id, followed_at and reached are required");
            }
            out.collect(FollowUpRecord.of(f, feverThresholdC, zone));
        } catch (RuntimeException e) {
            if (deadLetters != null) {
                deadLetters.inc();
            }
            ctx.output(DEAD_LETTERS, value);
        }
    }
}
