package io.cordon.schemas.clickhouse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rows of ClickHouse's {@code TabSeparated} output (the format every server version writes the same way), each split
 * into its fields and unescaped. Readers map the fields to typed records by the position of their column in the
 * statement's {@code SELECT}, next to which the record keeps its column list.
 */
public final class TsvRows {

    private TsvRows() {}

    /** The columns a record is read from, when each component is named after its column: its {@code SELECT} list. */
    public static String columns(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(c -> ClickHouseSql.column(c.getName()))
                .collect(Collectors.joining(", "));
    }

    /** Every row of a body; an empty body has none. */
    public static List<String[]> parse(String body) {
        List<String[]> rows = new ArrayList<>();
        int start = 0;
        int n = body.length();
        while (start < n) {
            int end = body.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            rows.add(fields(body, start, end));
            start = end + 1;
        }
        return rows;
    }

    private static String[] fields(String body, int start, int end) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = start; i < end; i++) {
            char c = body.charAt(i);
            if (c == '\t') {
                out.add(field.toString());
                field.setLength(0);
            } else if (c == '\\' && i + 1 < end) {
                char e = body.charAt(++i);
                switch (e) {
                    case 'n' -> field.append('\n');
                    case 't' -> field.append('\t');
                    case 'r' -> field.append('\r');
                    case '0' -> field.append('\0');
                    case 'b' -> field.append('\b');
                    case 'f' -> field.append('\f');
                    default -> field.append(e); // \\ \' and any other escaped character stand for themselves
                }
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out.toArray(String[]::new);
    }

    /** A whole number field (ClickHouse writes integers bare in TSV). */
    /** The rows of a TSV answer by their first field, each read by {@code row}. */
    public static <T> Map<String, T> byFirstField(String body, Function<String[], T> row) {
        Map<String, T> m = new HashMap<>();
        for (String[] f : parse(body)) {
            m.put(f[0], row.apply(f));
        }
        return m;
    }

    public static long number(String field) {
        return Long.parseLong(field);
    }
}
