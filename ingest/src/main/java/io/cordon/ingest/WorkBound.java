package io.cordon.ingest;

/**
 * Ingest's own in-flight work, bounded (issue 19, "bounded work in ingest"): the feed requests read and not yet
 * answered, and their bytes. Admission control ({@link Admission}) watches the counting and the event log; this watches
 * ingest itself, which is the bottleneck when clients cost CPU on the same machine or send many small requests. Beyond
 * the bound a request is answered {@code 503} at once instead of waiting in the worker pool's queue for seconds; a
 * request that carries a fever is never refused and is counted all the same.
 */
final class WorkBound {

    /** Requests being checked or written at once: a few times the worker pool, enough to keep both cores busy. */
    static final int MAX_REQUESTS = 64;
    /** Bytes of bodies being checked or written at once (64 bodies of 5,000 items would be far more). */
    static final long MAX_BYTES = 32L * 1024 * 1024;

    private final int maxRequests;
    private final long maxBytes;
    private int requests;
    private long bytes;
    private long refused;

    WorkBound() {
        this(MAX_REQUESTS, MAX_BYTES);
    }

    WorkBound(int maxRequests, long maxBytes) {
        this.maxRequests = maxRequests;
        this.maxBytes = maxBytes;
    }

    /** Takes a place for a body of {@code size} bytes; false when the bound is reached (an urgent request always gets one). */
    synchronized boolean admit(long size, boolean urgent) {
        if (!urgent && (requests >= maxRequests || bytes + size > maxBytes)) {
            refused++;
            return false;
        }
        requests++;
        bytes += size;
        return true;
    }

    /** Gives back the place of an answered request. */
    synchronized void release(long size) {
        requests--;
        bytes -= size;
    }

    synchronized int requests() {
        return requests;
    }

    synchronized long refused() {
        return refused;
    }
}
