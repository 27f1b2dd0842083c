package io.cordon.jobs.keypersons;

import io.cordon.jobs.clickhouse.TableRow;

/**
 * A key person's status on a local day, as the person-day function last decided it: a row of {@code key_person_days}
 * (the latest version per day and person wins), which the live walls sum by area.
 */
public class KeyPersonDay implements TableRow {

    /** The statuses, as API.md's list names them. */
    public static final String DUE = "due";

    public static final String FOLLOWED_UP = "followed_up";
    public static final String OVERDUE = "overdue";
    public static final String NOT_UNDER_MEASURE = "not_under_measure";

    /** The local day, ISO {@code YYYY-MM-DD}. */
    public String day;

    public String personId;
    public String district;
    public String street;
    public String community;
    public String responsibleUnit;
    public String measure;
    public String status;
    /** Under measure, with a reached follow-up of the day at or above the fever threshold. */
    public boolean fever;
    /** The person's measure ends on this day. */
    public boolean releasesToday;
    /** Grows with every row of the person: the watermark's time when it was decided, or one more than the last. */
    public long version;

    public KeyPersonDay() {}

    /**
     * The key of its row in the sink's buffer: one row per person and day, the latest, is written at each flush. The
     * steps in between (a correction's take-back before its new content) never reach the table unless a flush falls
     * between them, and then a higher version replaces them at the next.
     */
    public String rowKey() {
        return day + "|" + personId;
    }

    @Override
    public String toString() {
        return day + " " + personId + " " + status + (fever ? " fever" : "") + (releasesToday ? " releases" : "");
    }
}
