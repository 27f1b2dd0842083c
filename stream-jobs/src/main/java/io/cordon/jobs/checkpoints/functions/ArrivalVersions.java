package io.cordon.jobs.checkpoints.functions;

import io.cordon.jobs.checkpoints.ArrivalTally;
import io.cordon.jobs.common.EventVersions;
import io.cordon.schemas.FeverAlert;
import io.cordon.schemas.Json;
import java.time.Instant;
import java.util.Arrays;
import org.apache.flink.util.OutputTag;

/**
 * The counted version of each arrival ({@link EventVersions}): fever alerts that a correction or void removes are
 * withdrawn ({@link #WITHDRAWALS}); those it adds are raised by the counted content downstream.
 */
public class ArrivalVersions extends EventVersions<ArrivalTally> {

    /** Withdrawn fever alerts, as JSON for the alert topic. */
    public static final OutputTag<String> WITHDRAWALS = new OutputTag<>("alert-withdrawals") {};

    public ArrivalVersions(long windowMillis) {
        super(windowMillis, ArrivalTally.class);
    }

    /** Withdraws the alerts of the counted content whose person is no fever in what replaces it (null: nothing). */
    @Override
    protected void replaced(ArrivalTally before, ArrivalTally after, Context ctx) {
        for (int i = 0; i < before.feverPersonIndexes.length; i++) {
            int person = before.feverPersonIndexes[i];
            boolean stays =
                    after != null && Arrays.stream(after.feverPersonIndexes).anyMatch(p -> p == person);
            if (!stays) {
                ctx.output(
                        WITHDRAWALS,
                        Json.write(new FeverAlert(
                                        before.eventId,
                                        person,
                                        before.checkpointId,
                                        Instant.ofEpochMilli(before.occurredAtMillis),
                                        before.feverTemperatures[i])
                                .withdrawal()));
            }
        }
    }
}
