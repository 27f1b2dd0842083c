package io.cordon.jobs.keypersons;

import io.cordon.jobs.clickhouse.TableRow;
import io.cordon.jobs.common.EventVersions;
import io.cordon.jobs.common.VersionedRecord;
import io.cordon.schemas.FeverAlert;
import io.cordon.schemas.Figure;
import io.cordon.schemas.FollowUp;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One follow-up of a key person as the key-person job carries it: flat, signed (+1 counts it, -1 takes it back after a
 * correction or void) and revised per event, for the {@code follow_ups} table and the fever alerts.
 */
public class FollowUpRecord extends VersionedRecord<FollowUpRecord> implements TableRow {

    public String personId;
    public String householdId;
    public String compoundId;
    public String street;
    public String community;
    public String responsibleUnit;
    public String responsible;
    public long followedAtMillis;
    /** The local day of {@code followedAtMillis}, ISO {@code YYYY-MM-DD}. */
    public String day;

    public String method;
    public boolean reached;
    public boolean hasTemperature;
    public double temperatureC;
    /** Reached, with a temperature at or above the fever threshold. */
    public boolean fever;

    public String teamId;
    public int revision;

    public FollowUpRecord() {}

    public static FollowUpRecord of(FollowUp f, double feverThresholdC, ZoneId zone) {
        FollowUpRecord r = new FollowUpRecord();
        r.changeOf(f, 0);
        r.personId = f.personId();
        if (EventVersions.VOID.equals(f.change())) {
            return r;
        }
        r.householdId = f.householdId();
        r.compoundId = f.compoundId();
        r.street = f.street();
        r.community = f.community();
        r.responsibleUnit = f.responsibleUnit();
        r.responsible = f.responsible();
        r.followedAtMillis = f.followedAt().toEpochMilli();
        r.day = f.followedAt().atZone(zone).toLocalDate().toString();
        r.method = f.method() == null ? null : f.method().intern();
        r.reached = Boolean.TRUE.equals(f.reached());
        r.hasTemperature = f.temperatureC() != null;
        r.temperatureC = r.hasTemperature ? f.temperatureC() : 0;
        r.fever = r.reached && r.hasTemperature && r.temperatureC >= feverThresholdC;
        r.teamId = f.teamId();
        if (r.receivedAtMillis == 0) {
            r.receivedAtMillis = r.followedAtMillis;
        }
        return r;
    }

    /** The alert of this follow-up's fever (call only when {@link #fever}). */
    /** Its fever alert, when what replaces it ({@code after}, null for a void) is no fever. */
    @Override
    public List<FeverAlert> feversWithdrawnBy(FollowUpRecord after) {
        return fever && (after == null || !after.fever) ? List.of(alert()) : List.of();
    }

    public FeverAlert alert() {
        return FeverAlert.keyPerson(new FollowUp(
                eventId,
                personId,
                Instant.ofEpochMilli(followedAtMillis),
                method,
                reached,
                temperatureC,
                null,
                teamId,
                Instant.ofEpochMilli(receivedAtMillis),
                householdId,
                compoundId,
                district,
                street,
                community,
                responsibleUnit,
                responsible,
                null,
                null,
                null));
    }

    @Override
    public long occurredAtMillis() {
        return followedAtMillis;
    }

    @Override
    public String figure() {
        return Figure.ofKeyPerson(district, street, community, personId);
    }

    @Override
    public void revise(int revision) {
        this.revision = revision;
    }

    /** A take-back row is of the time the change was received: a follow-up as of a time sums the rows received by then. */
    @Override
    public void takenBackAt(long receivedAtMillis) {
        this.receivedAtMillis = receivedAtMillis;
    }

    /** A scoped admin's void names its person: it voids only a follow-up of that person. */
    @Override
    protected String place() {
        return personId;
    }

    /** The key of its row in {@code follow_ups}: each revision's take-back and count are rows of their own. */
    public String rowKey() {
        return eventId + "|" + revision + "|" + sign;
    }

    /**
     * The row of table {@code follow_ups}: the content counted (sign +1) or taken back (sign -1) at a revision of its
     * event. An event's content as of a time is the sum of the signs of its rows received by then.
     */
    @Override
    public Map<String, Object> toRow() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event_id", eventId);
        m.put("person_id", personId);
        m.put("day", day);
        m.put("followed_at", ClickHouseSql.DATE_TIME.format(Instant.ofEpochMilli(followedAtMillis)));
        m.put("received_at", ClickHouseSql.DATE_TIME.format(Instant.ofEpochMilli(receivedAtMillis)));
        m.put("method", method);
        m.put("reached", reached ? 1 : 0);
        m.put("has_temperature", hasTemperature ? 1 : 0);
        m.put("temperature_c", temperatureC);
        m.put("fever", fever ? 1 : 0);
        m.put("team_id", teamId == null ? "" : teamId);
        m.put("revision", revision);
        m.put("sign", sign);
        return m;
    }
}
