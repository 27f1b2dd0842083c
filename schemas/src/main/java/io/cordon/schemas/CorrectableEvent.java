package io.cordon.schemas;

import java.time.Instant;

/** An event of a feed that a {@code PUT} can correct (API.md, "Corrections and voids"). */
public interface CorrectableEvent<T extends Record> {

    String eventId();

    /** Null for a posted event, {@code correction} or {@code void}. */
    String change();

    String reason();

    /** The district of the event's place when ingest took it (null before ingest stamped it, and in a void). */
    String district();

    /** The scope of the scoped admin who corrected or voided the event (null: a post, or an admin of the city). */
    String confinedTo();

    /** When ingest received this copy (null in records logged before ingest stamped it). */
    Instant receivedAt();

    /**
     * Whether its content is whole enough to count (ingest's schema checks more; this is what a job needs of a post or a
     * correction read back from the log).
     */
    boolean countable();

    /** Whether a time is known and not before 1970 (ClickHouse's DateTime starts there). */
    static boolean known(Instant time) {
        return time != null && !time.isBefore(Instant.EPOCH);
    }

    /**
     * This event as the correction of its event id; {@code confinedTo} is the scope of a scoped admin (null for an
     * admin of the whole city): the correction then replaces only content counted in that scope.
     */
    @SuppressWarnings("unchecked")
    default T asCorrection(String reason, String confinedTo) {
        return EventChanges.correction((T) this, reason, confinedTo);
    }
}
