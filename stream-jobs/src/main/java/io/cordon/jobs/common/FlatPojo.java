package io.cordon.jobs.common;

/**
 * A flat Flink POJO the jobs emit a copy of (state they keep changing, or a record and its take-back): public fields of
 * values and immutable strings, and arrays, which a subclass copies in its {@link #copy()} after this one's.
 */
public abstract class FlatPojo<T extends FlatPojo<T>> implements Cloneable {

    /** A field-for-field copy (arrays shared: a subclass with arrays copies them). */
    @SuppressWarnings("unchecked")
    public T copy() {
        try {
            return (T) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }
}
