package io.cordon.schemas;

import java.time.LocalDate;

/**
 * When a registry row counts (API.md, "Registry lifecycle"): on local dates {@code active_from <= day < active_until},
 * each bound a {@code YYYY-MM-DD} date or empty for unbounded. ISO dates compare as strings, which is how ClickHouse
 * compares the same columns. A registry row with a lifetime implements it.
 */
public interface Lifetime {

    /** The first local date the row counts on, or empty. */
    String activeFrom();

    /** The first local date it no longer counts on, or empty. */
    String activeUntil();

    /** Whether the row counts on a local date. */
    default boolean activeOn(LocalDate day) {
        return activeOn(activeFrom(), activeUntil(), day);
    }

    static boolean activeOn(String activeFrom, String activeUntil, LocalDate day) {
        String d = day.toString();
        return (activeFrom == null || activeFrom.isEmpty() || activeFrom.compareTo(d) <= 0)
                && (activeUntil == null || activeUntil.isEmpty() || activeUntil.compareTo(d) > 0);
    }

    /** The same test in ClickHouse SQL, over columns {@code from} and {@code until} (String). */
    static String sql(String from, String until, LocalDate day) {
        String d = "'" + day + "'";
        return "((" + from + " = '' OR " + from + " <= " + d + ") AND (" + until + " = '' OR " + until + " > " + d
                + "))";
    }
}
