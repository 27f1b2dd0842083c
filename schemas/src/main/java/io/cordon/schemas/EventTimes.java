package io.cordon.schemas;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** RFC 3339 times as the feeds send them: an offset is required, 'T' or a space separates date and time. */
public final class EventTimes {

    private EventTimes() {
    }

    /**
     * Formats an instant as RFC 3339 in a zone, always with seconds ({@code OffsetDateTime.toString()} drops
     * ":00" seconds, which RFC 3339 and therefore ingest refuse).
     */
    public static String format(Instant instant, java.time.ZoneId zone) {
        return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone).toOffsetDateTime());
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
