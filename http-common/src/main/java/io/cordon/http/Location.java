package io.cordon.http;

/**
 * Where a thing lies in the chain of areas: a household or a compound (district, street, community and its
 * responsible unit), or a checkpoint (its district and street, and its id). A scope {@link Scope#covers covers} a
 * location or not; parts a location does not have are null.
 */
public record Location(String district, String street, String community, String unit, String checkpointId) {

    /** A household's or a compound's location. */
    public static Location home(String district, String street, String community, String unit) {
        return new Location(district, street, community, unit, null);
    }

    /** A checkpoint's location: in a district and a street, in no community or unit. */
    public static Location checkpoint(String checkpointId, String district, String street) {
        return new Location(district, street, null, null, checkpointId);
    }
}
