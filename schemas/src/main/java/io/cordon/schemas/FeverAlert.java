package io.cordon.schemas;

import java.time.Instant;

/** One person whose temperature reached the fever threshold, published once per person of a first-seen arrival. */
public record FeverAlert(String eventId, int personIndex, String checkpointId, Instant occurredAt, double temperatureC) {

    public String key() {
        return eventId + "#" + personIndex;
    }
}
