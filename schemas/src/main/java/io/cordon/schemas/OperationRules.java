package io.cordon.schemas;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

/**
 * The operation's rules, read once from the environment and shared by every service, so that ingest, the jobs and the
 * dashboard never disagree on what a day, a fever or a late correction is (docs/PRODUCT.md; docs/OPERATIONS.md,
 * "Configuration"):
 *
 * @param zone the operation's time zone ({@code CORDON_TIMEZONE}, Asia/Shanghai): its days are the days of every figure
 * @param feverThresholdC a temperature at or above it is abnormal ({@code CORDON_FEVER_THRESHOLD_C}, 37.3 °C)
 * @param correctionWindow how long an event can be corrected or voided ({@code CORDON_CORRECTION_WINDOW}, 30 days)
 * @param revisitWindow how long a household not reached may wait for the team's return visit
 *     ({@code CORDON_REVISIT_WINDOW}, 6 hours)
 * @param reportCutoff the local time of the daily report of record ({@code CORDON_REPORT_CUTOFF}, 20:00)
 * @param followUpBy the local time by which each key person under a measure must have been followed up that day
 *     ({@code CORDON_FOLLOWUP_BY}, 12:00): not followed up at or after it, a person is overdue
 */
public record OperationRules(
        ZoneId zone,
        double feverThresholdC,
        Duration correctionWindow,
        Duration revisitWindow,
        String reportCutoff,
        String followUpBy)
        implements Serializable {

    /** The rules of an environment that sets none of them. */
    public static final OperationRules DEFAULTS = fromEnv(Map.of());

    public OperationRules {
        if (!reportCutoff.matches("([01][0-9]|2[0-3]):[0-5][0-9]|24:00")) {
            throw new IllegalArgumentException(
                    "CORDON_REPORT_CUTOFF must be a local time HH:MM, got '" + reportCutoff + "'");
        }
        // seconds allowed (HH:MM:SS): a test's deadline need not wait for a whole minute
        if (!followUpBy.matches("([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?")) {
            throw new IllegalArgumentException(
                    "CORDON_FOLLOWUP_BY must be a local time HH:MM (or HH:MM:SS), got '" + followUpBy + "'");
        }
    }

    public static OperationRules fromEnv(Map<String, String> environment) {
        EnvVars env = new EnvVars(environment);
        return new OperationRules(
                env.zone("CORDON_TIMEZONE", "Asia/Shanghai"),
                env.number("CORDON_FEVER_THRESHOLD_C", 37.3, 30, 45),
                env.duration("CORDON_CORRECTION_WINDOW", Duration.ofDays(30)),
                env.duration("CORDON_REVISIT_WINDOW", Duration.ofHours(6)),
                env.string("CORDON_REPORT_CUTOFF", "20:00"),
                env.string("CORDON_FOLLOWUP_BY", "12:00"));
    }

    /** The instant of {@link #followUpBy} on a local day: from it on, a person not followed up that day is overdue. */
    public Instant followUpDeadline(LocalDate day) {
        return day.atTime(LocalTime.parse(followUpBy)).atZone(zone).toInstant();
    }

    /** The operation's clock: what "now" and "today" are, in the operation's zone. */
    public OperationClock clock(Clock clock) {
        return new OperationClock(clock, zone);
    }
}
