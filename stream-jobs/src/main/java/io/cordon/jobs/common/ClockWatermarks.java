package io.cordon.jobs.common;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks that follow the clock (minus a second), not the events: a household whose last attempt was at 14:00 is
 * overdue at 20:00 even if no other visit arrives in between, and a key person nobody called is overdue at the day's
 * deadline with nothing posted, which is what a deadline means in the field. Events older than the watermark are not
 * dropped: the functions place them by their own time.
 */
public class ClockWatermarks<T> implements WatermarkGenerator<T> {

    /** Clock watermarks, the events' timestamps taken by {@code time}. */
    public static <T> WatermarkStrategy<T> strategy(SerializableTimestampAssigner<T> time) {
        return WatermarkStrategy.<T>forGenerator(ctx -> new ClockWatermarks<>()).withTimestampAssigner(time);
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(new Watermark(System.currentTimeMillis() - 1000));
    }
}
