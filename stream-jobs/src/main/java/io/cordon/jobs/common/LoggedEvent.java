package io.cordon.jobs.common;

/** An event as the jobs read it from the log: its id, and when ingest received this copy of it. */
public interface LoggedEvent {

    String eventKey();

    /** The {@code received_at} ingest wrote into the log with this copy (epoch milliseconds). */
    long receivedAtMillis();
}
