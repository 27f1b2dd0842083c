package io.cordon.dashboard.live;

import io.cordon.http.Location;
import io.cordon.schemas.FeverAlert;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** What the walls are told of a fever alert, and where a key person's fever is. */
final class AlertMessages {

    private AlertMessages() {}

    /** The websocket message of a new alert (API.md, "Alerts"; a key person's, "Key persons"). */
    static JsonObject alertMessage(FeverAlert alert, ZoneId zone) {
        JsonObject m = new JsonObject()
                .put("type", "alert")
                .put("kind", alert.kindOrDefault())
                .put("alert_id", alert.alertId())
                .put("event_id", alert.eventId());
        if (alert.isKeyPerson()) {
            m.put("person_id", alert.personId())
                    .put("household_id", alert.householdId())
                    .put("community", alert.community());
        } else {
            m.put("checkpoint_id", alert.checkpointId());
        }
        return m.put(
                        "occurred_at",
                        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                alert.occurredAt().atZone(zone)))
                .put("temperature_c", alert.temperatureC());
    }

    /** Where a key person's fever is: the areas of their household. */
    static Location homeOf(FeverAlert alert) {
        return Location.home(alert.district(), alert.street(), alert.community(), blankToNull(alert.responsibleUnit()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
