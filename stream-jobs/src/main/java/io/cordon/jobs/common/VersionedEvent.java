package io.cordon.jobs.common;

import io.cordon.schemas.FeverAlert;
import java.util.List;

/**
 * An event of a feed whose records can be posted, corrected and voided (API.md, "Corrections and voids"), as the
 * jobs carry it: its content, which change of its event it is, and whether it counts or takes counted content back.
 */
public interface VersionedEvent<T extends VersionedEvent<T>> extends LoggedEvent {

    /** {@code "correction"} or {@code "void"} for a record of a PUT or a DELETE; null for a post. */
    String change();

    /** The event's id. */
    String eventKey();

    /** Why it was corrected or voided (null for a post). */
    String reason();

    /** When the event happened (epoch milliseconds); meaningless for a void, which carries no content. */
    long occurredAtMillis();

    /** The report figures its content counts in: {@code checkpoints/<id>} or {@code compounds/<id>}. */
    String figure();

    /** What its content adds to each of its figure's counts (the seven checkpoint counts), or null when not a sum. */
    default long[] figureCounts() {
        return null;
    }

    /** Marks this record as counting its content (+1). */
    void count();

    /** The same content, taken back (-1). */
    T retraction();

    /** Sets how many changes of its event were applied before and with this record (0 for the first copy). */
    default void revise(int revision) {}

    /** On a take-back ({@link #retraction()}): when the change that took it back was received (epoch ms). */
    default void takenBackAt(long receivedAtMillis) {}

    /**
     * Whether this void may take back {@code counted}: a district admin's void names the place (checkpoint or
     * household) it may void, and the event must be of it.
     */
    boolean voids(T counted);

    /**
     * The scope of the admin whose correction or void this is ({@code district:NAME}, {@code checkpoint:ID}), or null
     * for a post and for an admin of the whole city.
     */
    String confinedTo();

    /** The district of the event's place as ingest stamped it (null in records logged before the stamp). */
    String district();

    /**
     * Whether this counted content is inside a scope, as ingest stamped it (the district of its place). Content logged
     * before districts were stamped is inside only for a change that names its very place ({@code change.voids(this)}).
     * The job knows no area below the district: for a street's, a community's or a unit's admin, content is inside only
     * when the change is of its very place (a checkpoint, a household), which ingest has found inside the admin's
     * scope; such an admin cannot move an event to another place (a district's admin can).
     */
    boolean within(String scope, T change);

    /** Whether {@code scope} ({@code kind:value}) is a district's: the scope a stamped district can be checked against. */
    static boolean isDistrictScope(String scope) {
        return scope.startsWith("district:");
    }

    /** Whether {@code scope} ({@code kind:value}) is the district {@code district}. */
    static boolean isDistrict(String scope, String district) {
        return district != null && !district.isEmpty() && scope.equals("district:" + district);
    }

    /**
     * The fever alerts this counted content raised that {@code after}, which replaces it (null for a void), does not:
     * the ones to withdraw. None by default.
     */
    default List<FeverAlert> feversWithdrawnBy(T after) {
        return List.of();
    }
}
