package io.cordon.schemas;

import java.time.Instant;

/** One person whose temperature reached the fever threshold, published once per person of a first-seen arrival. */
public record FeverAlert(
        String eventId,
        int personIndex,
        String checkpointId,
        Instant occurredAt,
        double temperatureC,
        boolean withdrawn) {

    /** A new alert. */
    public FeverAlert(String eventId, int personIndex, String checkpointId, Instant occurredAt, double temperatureC) {
        this(eventId, personIndex, checkpointId, occurredAt, temperatureC, false);
    }

    /** The withdrawal of this alert: its event was voided, or corrected to no fever for this person. */
    public FeverAlert withdrawal() {
        return new FeverAlert(eventId, personIndex, checkpointId, occurredAt, temperatureC, true);
    }

    public String key() {
        return eventId + "#" + personIndex;
    }

    /** The alert's id in the API and the alert store: {@code <event_id>/<index of the person>} (API.md, "Alerts"). */
    public String alertId() {
        return eventId + "/" + personIndex;
    }
}
