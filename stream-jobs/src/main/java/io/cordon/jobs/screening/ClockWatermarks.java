package io.cordon.jobs.screening;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks that follow the clock (minus a second), not the visits: a household whose last attempt was at 14:00
 * is overdue at 20:00 even if no other visit arrives in between, which is what a revisit deadline means in the
 * field. Visits older than the watermark are not dropped: the screening functions place them by their own time.
 */
public class ClockWatermarks<T> implements WatermarkGenerator<T> {

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(new Watermark(System.currentTimeMillis() - 1000));
    }
}
