package io.cordon.jobs.common;

import io.cordon.schemas.CorrectableEvent;

/**
 * The fields and rules every versioned record of the jobs shares (an arrival's tally, a visit, a follow-up): which
 * event it is, which change of it, who made the change and within which scope, and whether it counts or takes back.
 * Subclasses add their content and name their place ({@link #place()}: a checkpoint, a household, a person), which
 * a scoped admin's void and correction are checked against.
 *
 * <p>A flat Flink POJO: its public fields are serialized with the subclass's. A field that moved up here is found again
 * under its name when state written before is restored (Flink's POJO snapshot looks a field up from the class it was
 * stored with through its superclasses); that restore was not tested across the change.
 */
public abstract class VersionedRecord<T extends VersionedRecord<T>> extends FlatPojo<T> implements VersionedEvent<T> {
    public String eventId;
    /** When ingest received this copy of the event (epoch milliseconds). */
    public long receivedAtMillis;
    /** Null for a posted record, or {@link EventVersions#CORRECTION} / {@link EventVersions#VOID}. */
    public String change;
    /** Why the event was corrected or voided (null for a post). */
    public String reason;
    /** The district of its place when ingest took it (null in records logged before it was stamped). */
    public String district;
    /** The scope of the scoped admin who corrected or voided it (null: a post, or an admin of the whole city). */
    public String confinedTo;
    /** +1 counts the content, -1 takes it back (a correction or a void of what was counted). */
    public int sign = 1;

    /**
     * Takes the event's id and its change (change, reason, district, scope, time received) from its logged record;
     * {@code receivedWhenUnknown} is the time received of a record logged without one.
     */
    protected void changeOf(CorrectableEvent<?> logged, long receivedWhenUnknown) {
        eventId = logged.eventId();
        change = logged.change();
        reason = logged.reason();
        district = logged.district();
        confinedTo = logged.confinedTo();
        receivedAtMillis = logged.receivedAt() == null
                ? receivedWhenUnknown
                : logged.receivedAt().toEpochMilli();
    }

    /** The place the event is of: a void or correction of a scoped admin names it, and may touch only its events. */
    protected abstract String place();

    @Override
    public T retraction() {
        T r = copy();
        r.sign = -sign;
        return r;
    }

    @Override
    public void count() {
        sign = 1;
    }

    @Override
    public String eventKey() {
        return eventId;
    }

    @Override
    public long receivedAtMillis() {
        return receivedAtMillis;
    }

    @Override
    public String change() {
        return change;
    }

    @Override
    public String reason() {
        return reason;
    }

    @Override
    public String confinedTo() {
        return confinedTo;
    }

    @Override
    public String district() {
        return district;
    }

    /** A scoped admin's void names its place: it voids only an event of that place (no place: any). */
    @Override
    public boolean voids(T counted) {
        return place() == null || place().equals(counted.place());
    }

    @Override
    public boolean within(String scope, T change) {
        return district == null || district.isEmpty() || !VersionedEvent.isDistrictScope(scope)
                ? place().equals(change.place())
                : VersionedEvent.isDistrict(scope, district);
    }
}
