package io.cordon.jobs.clickhouse;

import io.cordon.schemas.clickhouse.ClickHouseSql;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value a {@link ClickHouseSink} writes as one row of a table. By default its columns are a record's components, or a
 * class's public instance fields, in the order they are declared and named in snake case ({@code receivedMs} →
 * {@code received_ms}); a boolean is written 1 or 0 (ClickHouse's {@code UInt8}) and an array as a list, so that two
 * rows compare by value. A field marked {@link Column} is written under that name, or not at all with
 * {@link Column#NONE}. A row whose columns are computed overrides {@link #toRow()}.
 */
public interface TableRow {

    /** The row by the table's columns. */
    default Map<String, Object> toRow() {
        return Columns.OF.get(getClass()).read(this);
    }

    /** A field's column name, where it is not the field's name in snake case. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    @interface Column {
        /** The value of a field that is state, not a column. */
        String NONE = "";

        String value();
    }

    /** A class's column names and how each is read, found once per class. */
    final class Columns {
        static final ClassValue<Columns> OF = new ClassValue<>() {
            @Override
            protected Columns computeValue(Class<?> type) {
                return new Columns(type);
            }
        };

        private final List<String> names = new ArrayList<>();
        private final List<MethodHandle> getters = new ArrayList<>();

        private Columns(Class<?> type) {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            try {
                if (type.isRecord()) {
                    for (RecordComponent c : type.getRecordComponents()) {
                        add(ClickHouseSql.column(c.getName()), lookup.unreflect(c.getAccessor()));
                    }
                } else {
                    addFields(type, lookup);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException(type + " is not a public row", e);
            }
            if (names.isEmpty()) {
                throw new IllegalArgumentException(type + " has no columns");
            }
        }

        private void addFields(Class<?> type, MethodHandles.Lookup lookup) throws IllegalAccessException {
            if (type.getSuperclass() != null) {
                addFields(type.getSuperclass(), lookup);
            }
            for (Field f : type.getDeclaredFields()) {
                int modifiers = f.getModifiers();
                if (!Modifier.isPublic(modifiers) || Modifier.isStatic(modifiers)) {
                    continue;
                }
                Column column = f.getAnnotation(Column.class);
                String name = column == null ? ClickHouseSql.column(f.getName()) : column.value();
                if (!name.equals(Column.NONE)) {
                    add(name, lookup.unreflectGetter(f));
                }
            }
        }

        private void add(String name, MethodHandle getter) {
            names.add(name);
            getters.add(getter);
        }

        Map<String, Object> read(Object row) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                try {
                    m.put(names.get(i), value(getters.get(i).invoke(row)));
                } catch (Throwable e) {
                    throw new IllegalStateException("cannot read column " + names.get(i) + " of " + row.getClass(), e);
                }
            }
            return m;
        }

        private static Object value(Object v) {
            if (v instanceof Boolean b) {
                return b ? 1 : 0;
            }
            if (v != null && v.getClass().isArray()) {
                List<Object> list = new ArrayList<>(Array.getLength(v));
                for (int i = 0; i < Array.getLength(v); i++) {
                    list.add(Array.get(v, i));
                }
                return list;
            }
            return v;
        }
    }
}
