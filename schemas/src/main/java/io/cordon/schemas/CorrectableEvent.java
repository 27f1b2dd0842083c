package io.cordon.schemas;

/** An event of a feed that a {@code PUT} can correct (API.md, "Corrections and voids"). */
public interface CorrectableEvent<T extends Record> {

    /**
     * This event as the correction of its event id; {@code confinedTo} is the scope of a scoped admin (null for an
     * admin of the whole city): the correction then replaces only content counted in that scope.
     */
    @SuppressWarnings("unchecked")
    default T asCorrection(String reason, String confinedTo) {
        return EventChanges.correction((T) this, reason, confinedTo);
    }
}
