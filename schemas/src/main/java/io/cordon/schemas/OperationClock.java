package io.cordon.schemas;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What "now" and "today" are for the operation: the instant of a clock, and the local day of it in the operation's
 * time zone. Every "today" of the dashboard comes from here (tests give a fixed clock).
 */
public record OperationClock(Clock clock, ZoneId zone) {

    public Instant now() {
        return clock.instant();
    }

    /** Today's local day. */
    public LocalDate today() {
        return dayOf(clock.instant());
    }

    /** The local day an instant falls on. */
    public LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    /** The instant a local day starts (its midnight, or the first instant after a gap). */
    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The instant today started. */
    public Instant startOfToday() {
        return startOf(today());
    }
}
