package io.cordon.jobs.keypersons;

/**
 * What the person-day function keeps of one key person: the latest register row's areas and measure, and the counts of
 * the counted follow-ups of today and tomorrow (a device's clock may run a few minutes ahead of midnight), never
 * history: a day's counts are dropped when the day ends.
 */
public class PersonDayState {

    /** The registry log offset of the register row applied (-1: none yet). */
    public long registerOffset = -1;

    public String district;
    public String street;
    public String community;
    public String responsibleUnit;
    public String measure;
    /** ISO local dates; {@code measureUntil} empty while the measure has no end. */
    public String measureFrom;

    public String measureUntil = "";

    /** The local day the counts are of (epoch day), 0 before any. */
    public long day;

    /** Reached follow-ups of {@link #day} counted (their signs summed), and those with a fever. */
    public int reached;

    public int fevers;
    /** The same of the day after {@link #day}. */
    public int reachedNext;

    public int feversNext;

    /**
     * What the last row written for {@link #day} said (its status: null when none was written that day), so that an
     * unchanged status writes nothing; {@code writtenOffset} is the register row it was decided with.
     */
    public String writtenStatus;

    public boolean writtenFever;
    public boolean writtenRelease;
    public long writtenOffset = -1;
    public long writtenVersion;

    /** The event times of the timers set (0: none), so that each is set once, not at every follow-up. */
    public long deadlineTimer;

    public long midnightTimer;

    public PersonDayState() {}

    public boolean registered() {
        return measureFrom != null;
    }
}
