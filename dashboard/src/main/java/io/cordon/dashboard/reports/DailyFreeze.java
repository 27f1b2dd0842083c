package io.cordon.dashboard.reports;

import io.cordon.dashboard.web.Answers;
import io.cordon.http.CountingLag;
import io.cordon.schemas.OperationClock;
import io.cordon.schemas.clickhouse.AuditLog;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Freezes today's report by itself once the cutoff ({@code CORDON_REPORT_CUTOFF}) is two minutes past and both jobs are
 * caught up; a date frozen already (by hand, or by another dashboard) is left. Run every 30 s.
 */
public final class DailyFreeze implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DailyFreeze.class);

    private final ReportService reports;
    private final AuditLog audit;
    private final OperationClock clock;
    private final String cutoff;
    private final Supplier<CountingLag.Lag> countingLag;
    private final Supplier<CountingLag.Lag> screeningLag;
    private volatile LocalDate frozenToday = LocalDate.MIN;

    public DailyFreeze(
            ReportService reports,
            AuditLog audit,
            OperationClock clock,
            String cutoff,
            Supplier<CountingLag.Lag> countingLag,
            Supplier<CountingLag.Lag> screeningLag) {
        this.reports = reports;
        this.audit = audit;
        this.clock = clock;
        this.cutoff = cutoff;
        this.countingLag = countingLag;
        this.screeningLag = screeningLag;
    }

    @Override
    public void run() {
        Instant now = clock.now();
        LocalDate today = clock.dayOf(now);
        Instant cutoffAt = new SnapshotRequest(today, cutoff, clock.zone(), null, "json").cutoffInstant();
        if (now.isBefore(cutoffAt.plusSeconds(120))
                || frozenToday.equals(today)
                || !caughtUp(countingLag, now, cutoffAt)
                || !caughtUp(screeningLag, now, cutoffAt)) {
            return;
        }
        reports.freeze(today, cutoff, now).whenComplete((entry, e) -> {
            Throwable cause = e == null ? null : Answers.cause(e);
            if (e == null || cause instanceof ReportService.AlreadyFrozen frozen && !frozen.inProgress()) {
                frozenToday = today;
                if (e == null) {
                    LOG.info("the report of {} ({}) is frozen: sha256 {}", today, cutoff, entry.sha256());
                    audit.record(
                            now,
                            "report_freeze",
                            "cordon",
                            "",
                            entry.date(),
                            "the daily cutoff",
                            Map.of("cutoff", entry.cutoff(), "sha256", entry.sha256()));
                }
            } else if (!(cause instanceof ReportService.AlreadyFrozen)) {
                LOG.warn("the report of {} could not be frozen yet: {}", today, cause.toString());
            }
        });
    }

    /**
     * Whether a job has counted what was received before the cutoff: its lag is known and within 5 s. A lag that cannot
     * be known (the job has not committed offsets yet, Kafka away) holds the freeze for half an hour after the cutoff,
     * then the report is frozen anyway (its changes list then names anything counted later).
     */
    static boolean caughtUp(Supplier<CountingLag.Lag> lag, Instant now, Instant cutoffAt) {
        CountingLag.Lag l = lag.get();
        return l.known() ? l.seconds() <= 5 : now.isAfter(cutoffAt.plusSeconds(1800));
    }
}
