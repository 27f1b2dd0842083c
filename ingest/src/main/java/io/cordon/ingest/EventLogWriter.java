package io.cordon.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Where ingest writes what it accepted: the Kafka event log ({@link EventLog}) in every deployment, an in-memory one
 * in the verticle's own tests. {@link #append} completes only once every entry is durable, with the lowest offset
 * written (-1 for none), and fails if any is not.
 */
public interface EventLogWriter extends AutoCloseable {

    Future<Long> append(Vertx vertx, String topic, List<EventLog.Entry> entries);

    /** Writes that failed since start (for /metrics). */
    long errors();

    /** Items handed to the log and not yet acknowledged (admission control). */
    default long inFlight() {
        return 0;
    }

    @Override
    void close();
}
