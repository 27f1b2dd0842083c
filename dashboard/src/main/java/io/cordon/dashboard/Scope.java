package io.cordon.dashboard;

/** What a wall shows: everything, one district, or one checkpoint ({@code all}, {@code district:NAME}, {@code checkpoint:ID}). */
public record Scope(String kind, String value) {

    public static final Scope ALL = new Scope("all", null);

    public static Scope parse(String text) {
        if (text == null || text.isBlank() || text.equals("all")) {
            return ALL;
        }
        int colon = text.indexOf(':');
        if (colon > 0 && colon < text.length() - 1) {
            String kind = text.substring(0, colon);
            String value = text.substring(colon + 1);
            if (kind.equals("district") || kind.equals("checkpoint")) {
                return new Scope(kind, value);
            }
        }
        throw new IllegalArgumentException("scope must be all, district:NAME or checkpoint:ID, got '" + text + "'");
    }

    public boolean includes(String checkpointId, String district) {
        return switch (kind) {
            case "district" -> value.equals(district);
            case "checkpoint" -> value.equals(checkpointId);
            default -> true;
        };
    }

    @Override
    public String toString() {
        return value == null ? kind : kind + ":" + value;
    }
}
