package io.cordon.schemas;

import java.time.Instant;

/**
 * One person whose temperature reached the fever threshold: at a checkpoint ({@link #CHECKPOINT}, one alert per person
 * of an arrival) or at home ({@link #KEY_PERSON}, a key person's reached follow-up). A key person's alert carries the
 * person, the household and the household's areas, so that walls and lists of those areas get it; never an ID number.
 */
public record FeverAlert(
        String eventId,
        int personIndex,
        String checkpointId,
        Instant occurredAt,
        double temperatureC,
        boolean withdrawn,
        String kind,
        String personId,
        String householdId,
        String district,
        String street,
        String community,
        String responsibleUnit,
        String responsible) {

    public static final String CHECKPOINT = "abnormal_temperature";
    public static final String KEY_PERSON = "key_person_fever";

    /** A new checkpoint alert. */
    public FeverAlert(String eventId, int personIndex, String checkpointId, Instant occurredAt, double temperatureC) {
        this(eventId, personIndex, checkpointId, occurredAt, temperatureC, false);
    }

    /** A checkpoint alert, new or withdrawn. */
    public FeverAlert(
            String eventId,
            int personIndex,
            String checkpointId,
            Instant occurredAt,
            double temperatureC,
            boolean withdrawn) {
        this(
                eventId,
                personIndex,
                checkpointId,
                occurredAt,
                temperatureC,
                withdrawn,
                CHECKPOINT,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** A key person's fever at home: its id is {@code <event_id>/0}. */
    public static FeverAlert keyPerson(FollowUp f) {
        return new FeverAlert(
                f.eventId(),
                0,
                "",
                f.followedAt(),
                f.temperatureC(),
                false,
                KEY_PERSON,
                f.personId(),
                f.householdId(),
                f.district(),
                f.street(),
                f.community(),
                f.responsibleUnit(),
                f.responsible());
    }

    /** The withdrawal of this alert: its event was voided, or corrected to no fever for this person. */
    public FeverAlert withdrawal() {
        return new FeverAlert(
                eventId,
                personIndex,
                checkpointId,
                occurredAt,
                temperatureC,
                true,
                kind,
                personId,
                householdId,
                district,
                street,
                community,
                responsibleUnit,
                responsible);
    }

    /** The alert's kind; alerts written before kinds existed are checkpoint alerts. */
    public String kindOrDefault() {
        return kind == null ? CHECKPOINT : kind;
    }

    public boolean isKeyPerson() {
        return KEY_PERSON.equals(kind);
    }

    public String key() {
        return eventId + "#" + personIndex;
    }

    /** The alert's id in the API and the alert store: {@code <event_id>/<index of the person>} (API.md, "Alerts"). */
    public String alertId() {
        return eventId + "/" + personIndex;
    }
}
