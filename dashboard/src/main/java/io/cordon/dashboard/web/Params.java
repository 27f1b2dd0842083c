package io.cordon.dashboard.web;

import io.cordon.http.Scope;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Query parameters shared by several endpoints, checked with an error that names them. */
public final class Params {

    private Params() {}

    /** {@code scope}: all (default), an area (district, street, community, unit) or checkpoint:ID. */
    public static Scope scope(String value) {
        return scope("scope", value);
    }

    /** A parameter that names a scope ({@code scope}, {@code within}, {@code area}). */
    public static Scope scope(String name, String value) {
        try {
            return Scope.parse(value);
        } catch (IllegalArgumentException e) {
            throw new BadParameter(name, e.getMessage().replaceFirst("^scope ", ""));
        }
    }

    /** A parameter that takes one of a few words. */
    public static String oneOf(String name, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new BadParameter(name, "must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
        }
        return value;
    }

    /** {@code round}: absent (the latest round with any visit) or a whole number 1-99. */
    public static Integer round(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int r = Integer.parseInt(value.strip());
            if (r >= 1 && r <= 99) {
                return r;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new BadParameter("round", "must be a whole number 1-99, got '" + value + "'");
    }

    /** An RFC 3339 instant with an offset; absent: {@code dflt}. */
    public static Instant instant(String name, String value, Instant dflt) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadParameter(name, "must be an RFC 3339 date-time with an offset, got '" + value + "'");
        }
    }

    /** A whole number from {@code min} to {@code max}; absent: {@code dflt}. */
    public static int wholeNumber(String name, String value, int dflt, int min, int max) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new BadParameter(name, "must be a whole number " + min + "-" + max + ", got '" + value + "'");
    }
}
