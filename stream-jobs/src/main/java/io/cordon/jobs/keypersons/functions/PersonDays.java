package io.cordon.jobs.keypersons.functions;

import io.cordon.jobs.keypersons.FollowUpRecord;
import io.cordon.jobs.keypersons.KeyPersonDay;
import io.cordon.jobs.keypersons.PersonDayState;
import io.cordon.jobs.registry.RegistryRow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Each key person's status today, keyed by person: the register's rows (their areas and measure) and the counted
 * follow-ups (signed: a correction or void takes its content back) in, a {@link KeyPersonDay} out whenever the status
 * changes. Event-time timers, on a watermark that follows the clock, fire at the day's deadline
 * ({@code CORDON_FOLLOWUP_BY}: a person under measure nobody reached becomes overdue with nothing posted) and at
 * midnight (every person under measure is due again; a measure starts or ends). Only today's and tomorrow's counts are
 * kept, never a follow-up's history; a person whose measure has ended is forgotten at the next midnight.
 */
public class PersonDays extends KeyedCoProcessFunction<String, RegistryRow, FollowUpRecord, KeyPersonDay> {

    private final String zoneId;
    private final String followUpBy;

    private transient ZoneId zone;
    private transient LocalTime deadline;
    private transient ValueState<PersonDayState> state;

    /**
     * @param zoneId the operation's time zone ({@code CORDON_TIMEZONE})
     * @param followUpBy the local time HH:MM by which a person under measure must have been reached that day
     */
    public PersonDays(String zoneId, String followUpBy) {
        this.zoneId = zoneId;
        this.followUpBy = followUpBy;
    }

    @Override
    public void open(OpenContext openContext) {
        zone = ZoneId.of(zoneId);
        deadline = LocalTime.parse(followUpBy);
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("person-day", PersonDayState.class));
    }

    @Override
    public void processElement1(RegistryRow row, Context ctx, Collector<KeyPersonDay> out) throws Exception {
        PersonDayState s = current(ctx.timerService());
        if (row.offset < s.registerOffset) {
            return;
        }
        Map<String, Object> f = row.fields();
        s.registerOffset = row.offset;
        s.district = text(f, "district");
        s.street = text(f, "street");
        s.community = text(f, "community");
        s.responsibleUnit = text(f, "responsible_unit");
        s.measure = text(f, "measure");
        s.measureFrom = text(f, "measure_from");
        s.measureUntil = text(f, "measure_until");
        decide(ctx.getCurrentKey(), s, ctx.timerService(), out);
    }

    @Override
    public void processElement2(FollowUpRecord f, Context ctx, Collector<KeyPersonDay> out) throws Exception {
        if (!f.reached) {
            return; // a call that reached nobody follows nobody up
        }
        PersonDayState s = current(ctx.timerService());
        long day = LocalDate.parse(f.day).toEpochDay();
        int fever = f.fever ? f.sign : 0;
        if (day == s.day) {
            s.reached += f.sign;
            s.fevers += fever;
        } else if (day == s.day + 1) {
            s.reachedNext += f.sign;
            s.feversNext += fever;
        } else {
            return; // another day's: not today's status (a report of that day reads it)
        }
        decide(ctx.getCurrentKey(), s, ctx.timerService(), out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyPersonDay> out) throws Exception {
        PersonDayState s = state.value();
        if (s == null) {
            return;
        }
        roll(s, timestamp);
        decide(ctx.getCurrentKey(), s, ctx.timerService(), out);
    }

    /** The person's state, moved on to the day of the watermark. */
    private PersonDayState current(TimerService timers) throws Exception {
        PersonDayState s = state.value();
        if (s == null) {
            s = new PersonDayState();
        }
        roll(s, now(timers));
        return s;
    }

    /** The watermark's time; the clock's before the first watermark (the watermark follows the clock). */
    private static long now(TimerService timers) {
        long watermark = timers.currentWatermark();
        return watermark == Long.MIN_VALUE ? System.currentTimeMillis() : watermark;
    }

    private long dayOf(long millis) {
        return Instant.ofEpochMilli(millis).atZone(zone).toLocalDate().toEpochDay();
    }

    /** Moves the counts on to the day of {@code millis}: tomorrow's become today's, today's are dropped. */
    private void roll(PersonDayState s, long millis) {
        long day = dayOf(millis);
        if (day <= s.day) {
            return;
        }
        boolean next = day == s.day + 1;
        s.reached = next ? s.reachedNext : 0;
        s.fevers = next ? s.feversNext : 0;
        s.reachedNext = 0;
        s.feversNext = 0;
        s.day = day;
        s.writtenStatus = null;
    }

    /** Writes the person's row for today if it changed, and sets the timers of the deadline and midnight. */
    private void decide(String personId, PersonDayState s, TimerService timers, Collector<KeyPersonDay> out)
            throws Exception {
        LocalDate today = LocalDate.ofEpochDay(s.day);
        long now = Math.max(now(timers), 0);
        long deadlineAt = today.atTime(deadline).atZone(zone).toInstant().toEpochMilli();
        long midnight = today.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        if (!s.registered()) {
            if (s.reached == 0 && s.reachedNext == 0) {
                state.clear();
                return;
            }
            // follow-ups before the register's row: kept for when it comes, until the day ends
            if (s.midnightTimer != midnight) {
                timers.registerEventTimeTimer(midnight);
                s.midnightTimer = midnight;
            }
            state.update(s);
            return;
        }
        String day = today.toString();
        boolean under =
                s.measureFrom.compareTo(day) <= 0 && (s.measureUntil.isEmpty() || s.measureUntil.compareTo(day) > 0);
        boolean releasesToday = s.measureFrom.compareTo(day) <= 0 && s.measureUntil.equals(day);
        String status = !under
                ? KeyPersonDay.NOT_UNDER_MEASURE
                : s.reached > 0
                        ? KeyPersonDay.FOLLOWED_UP
                        : now >= deadlineAt ? KeyPersonDay.OVERDUE : KeyPersonDay.DUE;
        boolean fever = under && s.fevers > 0;
        boolean written = s.writtenStatus != null;
        boolean changed = !written
                || !status.equals(s.writtenStatus)
                || fever != s.writtenFever
                || releasesToday != s.writtenRelease
                || s.registerOffset != s.writtenOffset;
        if ((under || releasesToday || written) && changed) {
            KeyPersonDay row = new KeyPersonDay();
            row.day = day;
            row.personId = personId;
            row.district = s.district;
            row.street = s.street;
            row.community = s.community;
            row.responsibleUnit = s.responsibleUnit;
            row.measure = s.measure;
            row.status = status;
            row.fever = fever;
            row.releasesToday = releasesToday;
            row.version = Math.max(now, written ? s.writtenVersion + 1 : 0);
            out.collect(row);
            s.writtenStatus = status;
            s.writtenFever = fever;
            s.writtenRelease = releasesToday;
            s.writtenOffset = s.registerOffset;
            s.writtenVersion = row.version;
        }
        boolean ended = !s.measureUntil.isEmpty() && s.measureUntil.compareTo(day) <= 0;
        if (ended && !releasesToday && s.writtenStatus == null && s.reachedNext == 0) {
            // the measure is over and nothing of today is written: nothing left to watch
            state.clear();
            return;
        }
        if (under && now < deadlineAt && s.deadlineTimer != deadlineAt) {
            timers.registerEventTimeTimer(deadlineAt);
            s.deadlineTimer = deadlineAt;
        }
        if (s.midnightTimer != midnight) {
            timers.registerEventTimeTimer(midnight);
            s.midnightTimer = midnight;
        }
        state.update(s);
    }

    private static String text(Map<String, Object> fields, String name) {
        Object v = fields.get(name);
        return v == null ? "" : v.toString();
    }
}
