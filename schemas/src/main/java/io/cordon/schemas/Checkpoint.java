package io.cordon.schemas;

import java.util.List;

/**
 * A checkpoint of the registry; {@code latitude}/{@code longitude} are null when unknown; {@code activeFrom} /
 * {@code activeUntil} are local dates (YYYY-MM-DD) or empty for unbounded.
 */
public record Checkpoint(
        String checkpointId,
        String name,
        String kind,
        String province,
        String city,
        String district,
        String street,
        Double latitude,
        Double longitude,
        String activeFrom,
        String activeUntil)
        implements Lifetime {

    public static final List<String> KINDS =
            List.of("highway", "railway", "compound_gate", "village_entrance", "other");
    public static final List<String> FIELDS = List.of(
            "checkpoint_id",
            "name",
            "kind",
            "province",
            "city",
            "district",
            "street",
            "latitude",
            "longitude",
            "active_from",
            "active_until");
}
