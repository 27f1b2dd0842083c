package io.cordon.jobs.common;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * A flat Flink POJO the jobs emit a copy of (state they keep changing, or a record and its take-back): public fields of
 * values, immutable strings and one-dimensional arrays of those, which {@link #copy()} copies too.
 */
public abstract class FlatPojo<T extends FlatPojo<T>> implements Cloneable {

    /** The public array fields of each class, found once per class. */
    private static final ClassValue<Field[]> ARRAY_FIELDS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            return Arrays.stream(type.getFields())
                    .filter(f -> f.getType().isArray() && !Modifier.isStatic(f.getModifiers()))
                    .toArray(Field[]::new);
        }
    };

    /** A field-for-field copy whose arrays are copies too (an empty array is shared: it cannot change). */
    @SuppressWarnings("unchecked")
    public T copy() {
        try {
            T copy = (T) super.clone();
            for (Field field : ARRAY_FIELDS.get(getClass())) {
                Object array = field.get(this);
                int length = array == null ? 0 : Array.getLength(array);
                if (length > 0) {
                    Object copied = Array.newInstance(array.getClass().getComponentType(), length);
                    System.arraycopy(array, 0, copied, 0, length);
                    field.set(copy, copied);
                }
            }
            return copy;
        } catch (CloneNotSupportedException | IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
