package io.cordon.jobs.common;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record that is a row of a ClickHouse table: its components, in order, are the table's columns, named in snake case
 * ({@code eventId} → {@code event_id}). A component renamed renames the column it is written to.
 */
public interface ColumnRecord {

    /** The row by the table's columns. */
    default Map<String, Object> toRow() {
        Columns columns = Columns.OF.get(getClass());
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columns.names.length; i++) {
            try {
                row.put(columns.names[i], columns.accessors[i].invoke(this));
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + columns.names[i] + " of " + getClass(), e);
            }
        }
        return row;
    }

    /** A record class's column names and accessors, read once per class. */
    final class Columns {
        static final ClassValue<Columns> OF = new ClassValue<>() {
            @Override
            protected Columns computeValue(Class<?> type) {
                return new Columns(type);
            }
        };

        final String[] names;
        final MethodHandle[] accessors;

        private Columns(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            if (components == null) {
                throw new IllegalArgumentException(type + " is not a record");
            }
            names = new String[components.length];
            accessors = new MethodHandle[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = snakeCase(components[i].getName());
                try {
                    accessors[i] = MethodHandles.publicLookup().unreflect(components[i].getAccessor());
                } catch (IllegalAccessException e) {
                    throw new IllegalArgumentException(type + " is not a public record", e);
                }
            }
        }

        static String snakeCase(String name) {
            StringBuilder s = new StringBuilder(name.length() + 4);
            for (char c : name.toCharArray()) {
                if (Character.isUpperCase(c)) {
                    s.append('_').append(Character.toLowerCase(c));
                } else {
                    s.append(c);
                }
            }
            return s.toString();
        }
    }
}
