package io.cordon.schemas;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** RFC 3339 times as the feeds send them: an offset is required, 'T' or a space separates date and time. */
public final class EventTimes {

    private EventTimes() {
    }

    /** Parses an RFC 3339 timestamp with an offset, or throws {@link DateTimeParseException}. */
    public static Instant parse(String text) {
        String t = text.length() > 10 && (text.charAt(10) == ' ' || text.charAt(10) == 't')
                ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        if (t.endsWith("z")) {
            t = t.substring(0, t.length() - 1) + 'Z';
        }
        return OffsetDateTime.parse(t).toInstant();
    }
}
