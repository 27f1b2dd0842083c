package io.cordon.http;

import java.util.Objects;
import java.util.function.Function;

/**
 * A part of the city: everything ({@code all}), one district ({@code district:NAME}) or one checkpoint
 * ({@code checkpoint:ID}). It is both what a wall or a report shows and what a token may see or write.
 */
public record Scope(String kind, String value) {

    public static final Scope ALL = new Scope("all", null);

    public static Scope district(String name) {
        return new Scope("district", name);
    }

    public static Scope checkpoint(String id) {
        return new Scope("checkpoint", id);
    }

    /** Reads a scope; {@code null}, blank and {@code all} are {@link #ALL}. */
    public static Scope parse(String text) {
        if (text == null || text.isBlank() || text.equals("all")) {
            return ALL;
        }
        int colon = text.indexOf(':');
        if (colon > 0 && colon < text.length() - 1) {
            String kind = text.substring(0, colon);
            String value = text.substring(colon + 1);
            if ((kind.equals("district") || kind.equals("checkpoint")) && !value.isBlank()) {
                return new Scope(kind, value);
            }
        }
        throw new IllegalArgumentException("scope must be all, district:NAME or checkpoint:ID, got '" + text + "'");
    }

    public boolean isAll() {
        return kind.equals("all");
    }

    public boolean isDistrict() {
        return kind.equals("district");
    }

    public boolean isCheckpoint() {
        return kind.equals("checkpoint");
    }

    /** Whether a checkpoint (of a district) is inside this scope. */
    public boolean includes(String checkpointId, String district) {
        return switch (kind) {
            case "district" -> value.equals(district);
            case "checkpoint" -> value.equals(checkpointId);
            default -> true;
        };
    }

    /** Whether a place of a district that is not a checkpoint (a compound, a household) is inside this scope. */
    public boolean includesDistrict(String district) {
        return switch (kind) {
            case "district" -> value.equals(district);
            case "checkpoint" -> false;
            default -> true;
        };
    }

    /**
     * Whether every part of {@code inner} is inside this scope ({@code districtOf} gives a checkpoint's district, or
     * null for a checkpoint it does not know).
     */
    public boolean contains(Scope inner, Function<String, String> districtOf) {
        return switch (kind) {
            case "all" -> true;
            case "district" ->
                inner.isDistrict()
                        ? value.equals(inner.value())
                        : inner.isCheckpoint() && value.equals(districtOf.apply(inner.value()));
            default -> inner.isCheckpoint() && Objects.equals(value, inner.value());
        };
    }

    @Override
    public String toString() {
        return value == null ? kind : kind + ":" + value;
    }
}
