package io.cordon.schemas;

import java.time.Instant;

/** One person whose temperature reached the fever threshold, published once per person of a first-seen arrival. */
public record FeverAlert(String eventId, int personIndex, String checkpointId, Instant occurredAt, double temperatureC) {

    public String key() {
        return eventId + "#" + personIndex;
    }

    /** The alert's id in the API and the alert store: {@code <event_id>/<index of the person>} (API.md, "Alerts"). */
    public String alertId() {
        return eventId + "/" + personIndex;
    }
}
