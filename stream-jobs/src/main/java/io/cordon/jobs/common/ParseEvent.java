package io.cordon.jobs.common;

import io.cordon.schemas.CorrectableEvent;
import io.cordon.schemas.Json;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Reads an event-log record into what a job counts. A record that cannot be read goes to the dead-letter side output
 * ({@link #DEAD_LETTERS}) and is counted ({@code deadLetters}); it never stops the job.
 */
public class ParseEvent<T> extends ProcessFunction<String, T> {

    /** The records of a feed that could not be read, as they were logged. */
    public static final OutputTag<String> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final SerializableFunction<String, T> read;
    private transient Counter deadLetters;

    /** @param read the record of one event; a {@link RuntimeException} for one that cannot be read */
    public ParseEvent(SerializableFunction<String, T> read) {
        this.read = read;
    }

    /**
     * The event of a logged record (JSON): a void needs only its id, a post or a correction a content that can be
     * counted ({@link CorrectableEvent#countable}).
     */
    public static <E extends CorrectableEvent<?>> E read(String json, Class<E> type) {
        E event = Json.read(json, type);
        if (event.eventId() == null || !EventVersions.VOID.equals(event.change()) && !event.countable()) {
            throw new IllegalArgumentException(
                    "a " + type.getSimpleName() + " without an id or what counting it needs");
        }
        return event;
    }

    @Override
    public void open(OpenContext openContext) {
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
    }

    @Override
    public void processElement(String value, Context ctx, Collector<T> out) {
        T parsed;
        try {
            parsed = read.apply(value);
        } catch (RuntimeException e) {
            if (deadLetters != null) {
                deadLetters.inc();
            }
            ctx.output(DEAD_LETTERS, value);
            return;
        }
        out.collect(parsed);
    }
}
