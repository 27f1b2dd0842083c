package io.cordon.jobs.keypersons.functions;

import io.cordon.jobs.common.EventVersions;
import io.cordon.jobs.common.ParseEvent;
import io.cordon.jobs.keypersons.FollowUpRecord;
import io.cordon.schemas.FollowUp;
import io.cordon.schemas.Json;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.flink.util.OutputTag;

/** Reads an event-log record of a follow-up; one that cannot be read goes to the dead letters and never stops the job. */
public class ParseFollowUp extends ParseEvent<FollowUpRecord> {

    public static final OutputTag<String> DEAD_LETTERS = new OutputTag<>("follow-up-dead-letters") {};

    private final double feverThresholdC;
    private final ZoneId zone;

    public ParseFollowUp(double feverThresholdC, ZoneId zone) {
        super(DEAD_LETTERS);
        this.feverThresholdC = feverThresholdC;
        this.zone = zone;
    }

    @Override
    protected FollowUpRecord parse(String value) {
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
        return FollowUpRecord.of(f, feverThresholdC, zone);
    }
}
