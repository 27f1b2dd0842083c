package io.cordon.schemas;

/** A checkpoint of the registry; {@code latitude}/{@code longitude} are null when unknown. */
public record Checkpoint(
        String checkpointId,
        String name,
        String kind,
        String province,
        String city,
        String district,
        String street,
        Double latitude,
        Double longitude) {

    public static final java.util.List<String> KINDS =
            java.util.List.of("highway", "railway", "compound_gate", "village_entrance", "other");
    public static final java.util.List<String> FIELDS = java.util.List.of(
            "checkpoint_id", "name", "kind", "province", "city", "district", "street", "latitude", "longitude");
}
