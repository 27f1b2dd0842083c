package io.cordon.schemas;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed reading of the CORDON_* environment, shared by every service's config record: a wrong value is an error that
 * names the variable and says what it should be.
 */
public final class EnvVars {

    private final Map<String, String> env;

    public EnvVars(Map<String, String> env) {
        this.env = env;
    }

    private String raw(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    public String required(String name) {
        String v = raw(name);
        if (v == null) {
            throw new IllegalArgumentException(name + " is required and not set");
        }
        return v;
    }

    public String string(String name, String dflt) {
        String v = raw(name);
        return v == null ? dflt : v;
    }

    /** One of a few words ({@code allowed}, compared without regard to case); unset: {@code dflt}. */
    public String oneOf(String name, String dflt, List<String> allowed) {
        String v = raw(name);
        if (v == null) {
            return dflt;
        }
        String word = v.toLowerCase(Locale.ROOT);
        if (!allowed.contains(word)) {
            throw new IllegalArgumentException(
                    name + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
        }
        return word;
    }

    /**
     * The services' log format, {@code text} or {@code json}: read by their {@code log4j2.xml}, checked at their start
     * so that a typo stops it instead of meaning text.
     */
    public String logFormat() {
        return oneOf("CORDON_LOG_FORMAT", "text", List.of("text", "json"));
    }

    public int port(String name, int dflt) {
        String v = raw(name);
        if (v == null) {
            return dflt;
        }
        try {
            int p = Integer.parseInt(v);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number 0-65535, got '" + v + "'");
        }
    }

    public long positiveLong(String name, long dflt) {
        String v = raw(name);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive whole number, got '" + v + "'");
        }
    }

    /** A whole number from 0 to 1,000,000 (0 usually turns something off). */
    public int nonNegativeInt(String name, int dflt) {
        String v = raw(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 0 || n > 1_000_000) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number from 0 to 1000000, got '" + v + "'");
        }
    }

    /** A positive ISO-8601 duration such as PT6H. */
    public Duration duration(String name, Duration dflt) {
        String v = raw(name);
        if (v == null) {
            return dflt;
        }
        try {
            Duration d = Duration.parse(v);
            if (d.isNegative() || d.isZero()) {
                throw new DateTimeParseException("not positive", v, 0);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    name + " must be a positive ISO-8601 duration such as PT6H, got '" + v + "'");
        }
    }

    public ZoneId zone(String name, String dflt) {
        String v = string(name, dflt);
        try {
            return ZoneId.of(v);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(name + " must be a time zone such as Asia/Shanghai, got '" + v + "'");
        }
    }

    /** A number within [min, max]. */
    public double number(String name, double dflt, double min, double max) {
        String v = raw(name);
        if (v == null) {
            return dflt;
        }
        try {
            double d = Double.parseDouble(v);
            if (Double.isNaN(d) || d < min || d > max) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + " must be a number from " + min + " to " + max + ", got '" + v + "'");
        }
    }

    /** A comma-separated list; empty when unset. */
    public List<String> list(String name) {
        String v = raw(name);
        return v == null
                ? List.of()
                : Arrays.stream(v.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }
}
