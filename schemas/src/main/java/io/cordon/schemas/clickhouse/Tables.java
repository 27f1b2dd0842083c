package io.cordon.schemas.clickhouse;

/**
 * The names of Cordon's ClickHouse tables, as the DDL under {@code clickhouse/} creates them: the one place code names a
 * table it writes to ({@code TablesTest} checks that every DDL file creates one of these and each is created).
 */
public final class Tables {

    public static final String ALERT_WEBHOOK_SENT = "alert_webhook_sent";
    public static final String AUDIT_LOG = "audit_log";
    public static final String CHECKPOINT_DAY_TOTALS = "checkpoint_day_totals";
    public static final String CHECKPOINT_MINUTE_TOTALS = "checkpoint_minute_totals";
    public static final String CHECKPOINT_TOTALS = "checkpoint_totals";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String COMPOUND_HOUSEHOLDS = "compound_households";
    public static final String COMPOUND_ROUND_STATE = "compound_round_state";
    public static final String COMPOUNDS = "compounds";
    public static final String COUNTED_EVENTS = "counted_events";
    public static final String FEVER_ALERTS = "fever_alerts";
    public static final String FOLLOW_UPS = "follow_ups";
    public static final String HOUSEHOLD_ROUND_STATE = "household_round_state";
    public static final String HOUSEHOLD_VISITS = "household_visits";
    public static final String HOUSEHOLDS = "households";
    public static final String KEY_PERSONS = "key_persons";
    public static final String KEY_PERSON_DAYS = "key_person_days";
    public static final String REPORT_CLAIMS = "report_claims";
    public static final String REPORT_SIGN_OFFS = "report_sign_offs";
    public static final String REPORT_AREA_SIGN_OFFS = "report_area_sign_offs";
    /** The frozen reports' bytes (one index mark a row: a download reads its own row only). */
    public static final String REPORTS = "report_files";
    /** Where the releases before the third kept them: copied into {@link #REPORTS} a day at a time, at the start. */
    public static final String REPORTS_BEFORE_THE_THIRD_RELEASE = "reports";

    private Tables() {}
}
