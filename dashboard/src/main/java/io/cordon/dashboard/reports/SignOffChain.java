package io.cordon.dashboard.reports;

import io.cordon.http.Scope;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who signs the evening report, bottom up (上报): the levels of {@code CORDON_SIGNOFF_LEVELS} (some of community, street,
 * district; default district, the second release's behaviour) and the local time {@code CORDON_SIGNOFF_DUE} (default
 * 21:00) before which a sign-off is on time.
 */
public record SignOffChain(List<String> levels, LocalTime due) {

    /** The chain's levels, narrowest first. */
    public static final List<String> ORDER = List.of("community", "street", "district");

    public SignOffChain {
        levels = ORDER.stream().filter(levels::contains).toList();
    }

    public static SignOffChain fromEnv(String levels, String due) {
        List<String> list = new ArrayList<>();
        String value = levels == null || levels.isBlank() ? "district" : levels;
        for (String level : value.split(",")) {
            String l = level.strip().toLowerCase(Locale.ROOT);
            if (!ORDER.contains(l)) {
                throw new IllegalArgumentException(
                        "CORDON_SIGNOFF_LEVELS lists community, street and district (comma-separated), got '" + level
                                + "'");
            }
            list.add(l);
        }
        LocalTime at;
        try {
            at = LocalTime.parse(due == null || due.isBlank() ? "21:00" : due.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("CORDON_SIGNOFF_DUE must be a local time HH:MM, got '" + due + "'");
        }
        return new SignOffChain(list, at);
    }

    public boolean signs(String level) {
        return levels.contains(level);
    }

    /**
     * The level whose areas must have signed before an area of {@code level} may: the nearest signing level below it,
     * or null when none signs below it.
     */
    public String below(String level) {
        for (int i = ORDER.indexOf(level) - 1; i >= 0; i--) {
            if (levels.contains(ORDER.get(i))) {
                return ORDER.get(i);
            }
        }
        return null;
    }

    /** The signing areas above an area (its street and district, where those levels sign), nearest first. */
    public List<Scope> above(Scope area) {
        List<Scope> up = new ArrayList<>();
        for (Scope s = area.parent(); s != null && !s.isAll(); s = s.parent()) {
            if (signs(s.kind())) {
                up.add(s);
            }
        }
        return up;
    }

    /** The moment a date's sign-offs are due. */
    public ZonedDateTime dueOn(LocalDate date, ZoneId zone) {
        return date.atTime(due).atZone(zone);
    }
}
