package io.cordon.jobs.keypersons;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A key person's status on a local day, as the person-day function last decided it: a row of {@code key_person_days}
 * (the latest version per day and person wins), which the live walls sum by area.
 */
public class KeyPersonDay {

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

    public String rowKey() {
        return day + "|" + personId + "|" + version;
    }

    /** The row of table {@code key_person_days}. */
    public Map<String, Object> toRow() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("day", day);
        m.put("person_id", personId);
        m.put("district", district);
        m.put("street", street);
        m.put("community", community);
        m.put("responsible_unit", responsibleUnit);
        m.put("measure", measure);
        m.put("status", status);
        m.put("fever", fever ? 1 : 0);
        m.put("releases_today", releasesToday ? 1 : 0);
        m.put("version", version);
        return m;
    }

    @Override
    public String toString() {
        return day + " " + personId + " " + status + (fever ? " fever" : "") + (releasesToday ? " releases" : "");
    }
}
