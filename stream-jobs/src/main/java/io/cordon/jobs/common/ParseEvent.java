package io.cordon.jobs.common;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Reads an event-log record into what a job counts. A record that cannot be read goes to the dead-letter side output
 * and is counted ({@code deadLetters}); it never stops the job.
 */
public abstract class ParseEvent<T> extends ProcessFunction<String, T> {

    private final OutputTag<String> deadLetterTag;
    private transient Counter deadLetters;

    protected ParseEvent(OutputTag<String> deadLetterTag) {
        this.deadLetterTag = deadLetterTag;
    }

    /** The record of one event; a {@link RuntimeException} for one that cannot be read. */
    protected abstract T parse(String value);

    @Override
    public void open(OpenContext openContext) {
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
    }

    @Override
    public void processElement(String value, Context ctx, Collector<T> out) {
        T parsed;
        try {
            parsed = parse(value);
        } catch (RuntimeException e) {
            if (deadLetters != null) {
                deadLetters.inc();
            }
            ctx.output(deadLetterTag, value);
            return;
        }
        out.collect(parsed);
    }
}
