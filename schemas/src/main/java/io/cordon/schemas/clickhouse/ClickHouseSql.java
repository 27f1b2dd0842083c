package io.cordon.schemas.clickhouse;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** Quoting for the few values that go into SQL text (ClickHouse 18.16 has no query parameters). */
public final class ClickHouseSql {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * A {@code DateTime} value as every table of Cordon stores it: UTC, to the second, the text both ClickHouse 18.16 and
     * current ClickHouse read in {@code TabSeparated}, {@code JSONEachRow} and literals.
     */
    public static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private ClickHouseSql() {}

    /** A string literal, with backslashes and quotes escaped. */
    public static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\0' -> sb.append("\\0");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    /** An identifier from code, checked so that nothing else can pass. */
    public static String identifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not an identifier: " + name);
        }
        return name;
    }

    /** The column a Java field or record component is stored in: its name in snake case ({@code receivedMs} → {@code received_ms}). */
    public static String column(String javaName) {
        StringBuilder s = new StringBuilder(javaName.length() + 4);
        for (char c : javaName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                s.append('_').append(Character.toLowerCase(c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }
}
