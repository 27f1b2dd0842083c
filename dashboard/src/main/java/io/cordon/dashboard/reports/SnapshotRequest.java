package io.cordon.dashboard.reports;

import io.cordon.dashboard.web.BadParameter;
import io.cordon.dashboard.web.Params;
import io.cordon.http.Scope;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of a daily situation snapshot, checked. {@code today} is [date 00:00, cutoff) local time and
 * {@code cumulative} is everything before the cutoff. Left out, the date is today and the cutoff is the current
 * minute for today, or 24:00 (the whole day) for a past date.
 */
public record SnapshotRequest(LocalDate date, String cutoff, ZoneId zone, Integer round, String format) {

    public static final List<String> FORMATS = List.of("json", "csv", "xlsx", "pdf");
    private static final Pattern HH_MM = Pattern.compile("(\\d{2}):(\\d{2})");

    public static SnapshotRequest parse(
            String date, String cutoff, String round, String format, ZoneId zone, Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate d;
        try {
            d = date == null || date.isBlank() ? today : LocalDate.parse(date.strip());
        } catch (DateTimeException e) {
            throw new BadParameter("date", "must be a date YYYY-MM-DD, got '" + date + "'");
        }
        String c;
        if (cutoff == null || cutoff.isBlank()) {
            c = d.equals(today)
                    ? LocalTime.ofInstant(now, zone).withSecond(0).withNano(0).toString()
                    : "24:00";
        } else {
            Matcher m = HH_MM.matcher(cutoff.strip());
            if (!m.matches()
                    || Integer.parseInt(m.group(2)) > 59
                    || Integer.parseInt(m.group(1)) > 24
                    || (Integer.parseInt(m.group(1)) == 24 && Integer.parseInt(m.group(2)) != 0)) {
                throw new BadParameter(
                        "cutoff", "must be a local time HH:MM from 00:00 to 24:00, got '" + cutoff + "'");
            }
            c = cutoff.strip();
        }
        Integer r = Params.round(round);
        String f = format == null || format.isBlank() ? "json" : format.strip().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(f)) {
            throw new BadParameter("format", "must be one of json, csv, xlsx, pdf, got '" + format + "'");
        }
        return new SnapshotRequest(d, c, zone, r, f);
    }

    public Instant dayStart() {
        return date.atStartOfDay(zone).toInstant();
    }

    /** The cutoff instant: events strictly before it count. */
    public Instant cutoffInstant() {
        if (cutoff.equals("24:00")) {
            return date.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return ZonedDateTime.of(date, LocalTime.parse(cutoff), zone).toInstant();
    }

    public String fileName() {
        return fileName(Scope.ALL);
    }

    /** The download's name; a district's slice names its district (see {@link #contentDisposition}). */
    public String fileName(Scope scope) {
        String district = scope.isAll() ? "" : "-" + scope.value().replaceAll("[\\\\/:*?\"<>|\\s]", "_");
        return "cordon-snapshot-" + date + "-" + cutoff.replace(":", "") + district + "." + format;
    }

    /**
     * A Content-Disposition for a download: an ASCII {@code filename} (other characters as '_') and the real name as
     * RFC 5987 {@code filename*}, so that a district's name in Chinese reaches the browser intact.
     */
    public static String contentDisposition(String name) {
        // a quote or a backslash would end the quoted name early (a district's name is the admin's free text)
        String ascii = name.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_");
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"" + (ascii.equals(name) ? "" : "; filename*=UTF-8''" + encoded);
    }
}
