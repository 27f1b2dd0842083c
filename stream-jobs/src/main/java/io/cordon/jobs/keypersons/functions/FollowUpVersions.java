package io.cordon.jobs.keypersons.functions;

import io.cordon.jobs.common.EventVersions;
import io.cordon.jobs.keypersons.FollowUpRecord;
import io.cordon.schemas.Json;
import org.apache.flink.util.OutputTag;

/**
 * The counted version of each follow-up ({@link EventVersions}): a fever at home that a correction or void removes is
 * withdrawn ({@link #WITHDRAWALS}); one it adds is raised by the counted content downstream.
 */
public class FollowUpVersions extends EventVersions<FollowUpRecord> {

    /** Withdrawn key-person fever alerts, as JSON for the alert topic. */
    public static final OutputTag<String> WITHDRAWALS = new OutputTag<>("key-person-alert-withdrawals") {};

    public FollowUpVersions(long windowMillis) {
        super(windowMillis, FollowUpRecord.class);
    }

    @Override
    protected void replaced(FollowUpRecord before, FollowUpRecord after, Context ctx) {
        if (before.fever && (after == null || !after.fever)) {
            ctx.output(WITHDRAWALS, Json.write(before.alert().withdrawal()));
        }
    }
}
