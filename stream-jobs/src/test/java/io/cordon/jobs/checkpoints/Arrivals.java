package io.cordon.jobs.checkpoints;

import io.cordon.schemas.CheckpointArrival;
import io.cordon.schemas.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Small builders of arrival records as ingest writes them, for the job's tests. */
final class Arrivals {

    private Arrivals() {}

    static Instant at(String isoWithOffset) {
        return OffsetDateTime.parse(isoWithOffset).toInstant();
    }

    static List<CheckpointArrival.Person> persons(Double... temperatures) {
        List<CheckpointArrival.Person> list = new ArrayList<>();
        for (Double t : temperatures) {
            list.add(new CheckpointArrival.Person(t, "云南", null));
        }
        return list;
    }

    static CheckpointArrival arrival(
            String eventId,
            String checkpointId,
            Instant at,
            boolean vehicle,
            List<CheckpointArrival.Person> persons,
            String decision) {
        return new CheckpointArrival(
                eventId,
                checkpointId,
                "云南省",
                at,
                "in",
                vehicle ? new CheckpointArrival.Vehicle("h", "car") : null,
                persons,
                decision,
                null,
                at.plusSeconds(1),
                null,
                null,
                null,
                null);
    }

    static String json(CheckpointArrival a) {
        return Json.write(a);
    }
}
