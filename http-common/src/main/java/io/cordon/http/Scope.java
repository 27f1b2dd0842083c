package io.cordon.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A part of the city: everything ({@code all}), a district ({@code district:NAME}), a street
 * ({@code street:DISTRICT/STREET}), a community ({@code community:DISTRICT/STREET/COMMUNITY}), a responsible unit
 * ({@code unit:NAME}, across districts) or one checkpoint ({@code checkpoint:ID}). It is both what a wall or a report
 * shows and what a token may see or write. {@code all} ⊃ district ⊃ street ⊃ community; a unit is inside {@code all}
 * only; a checkpoint is inside its district and its street.
 */
public record Scope(String kind, String value) {

    public static final Scope ALL = new Scope("all", null);

    /** The kinds of area below the city, from the widest (the scope kinds that are areas, not a checkpoint). */
    public static final List<String> AREA_KINDS = List.of("district", "street", "community", "unit");

    private static final String FORMS =
            "all, district:NAME, street:DISTRICT/STREET, community:DISTRICT/STREET/COMMUNITY, unit:NAME or checkpoint:ID";

    public static Scope district(String name) {
        return new Scope("district", name);
    }

    public static Scope street(String district, String street) {
        return new Scope("street", district + "/" + street);
    }

    public static Scope community(String district, String street, String community) {
        return new Scope("community", district + "/" + street + "/" + community);
    }

    public static Scope unit(String name) {
        return new Scope("unit", name);
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
            int parts = switch (kind) {
                case "district", "unit" -> 1;
                case "street" -> 2;
                case "community" -> 3;
                case "checkpoint" -> 0;
                default -> -1;
            };
            if (parts == 0 && !value.isBlank()) {
                return new Scope(kind, value);
            }
            if (parts > 0 && wellFormed(value, parts)) {
                return new Scope(kind, value);
            }
        }
        throw new IllegalArgumentException("scope must be " + FORMS + ", got '" + text + "'");
    }

    private static boolean wellFormed(String value, int parts) {
        String[] names = value.split("/", -1);
        if (names.length != parts) {
            return false;
        }
        for (String name : names) {
            if (name.isBlank() || name.indexOf(',') >= 0 || name.indexOf('@') >= 0) {
                return false;
            }
        }
        return true;
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

    /** Whether this is an area below the city (a district, a street, a community or a unit). */
    public boolean isArea() {
        return AREA_KINDS.contains(kind);
    }

    /** Whether checkpoints can lie in this scope (all, a district, a street, a checkpoint; not a community or unit). */
    public boolean holdsCheckpoints() {
        return !kind.equals("community") && !kind.equals("unit");
    }

    /** Whether households and compounds can lie in this scope (every scope but a checkpoint's). */
    public boolean holdsHomes() {
        return !isCheckpoint();
    }

    /** The names of a district, street or community scope, widest first (one for a unit, none for all). */
    public List<String> names() {
        return switch (kind) {
            case "all" -> List.of();
            case "district", "unit", "checkpoint" -> List.of(value);
            default -> List.of(value.split("/", -1));
        };
    }

    /** The district a district, street or community scope lies in; null for the others. */
    public String districtName() {
        return switch (kind) {
            case "district", "street", "community" -> names().get(0);
            default -> null;
        };
    }

    /** Its own name: the last part (a community's name, a street's name, a district's, a unit's, a checkpoint's id). */
    public String name() {
        List<String> names = names();
        return names.isEmpty() ? "all" : names.get(names.size() - 1);
    }

    /**
     * The areas a home lies in, widest first: the city, its district, street and community, and its responsible unit
     * (parts it does not have are left out).
     */
    public static List<Scope> areasOf(Location at) {
        List<Scope> areas = new ArrayList<>(5);
        areas.add(ALL);
        if (present(at.district())) {
            areas.add(district(at.district()));
            if (present(at.street())) {
                areas.add(street(at.district(), at.street()));
                if (present(at.community())) {
                    areas.add(community(at.district(), at.street(), at.community()));
                }
            }
        }
        if (present(at.unit())) {
            areas.add(unit(at.unit()));
        }
        return areas;
    }

    private static boolean present(String name) {
        return name != null && !name.isEmpty();
    }

    /** Whether a location is inside this scope. */
    public boolean covers(Location at) {
        return switch (kind) {
            case "all" -> true;
            case "district" -> value.equals(at.district());
            case "street" -> isPath(value, at.district(), at.street(), null);
            case "community" -> isPath(value, at.district(), at.street(), at.community());
            case "unit" -> value.equals(at.unit());
            default -> value.equals(at.checkpointId());
        };
    }

    /**
     * Whether {@code value} is {@code district/street} (or {@code district/street/community}): compared in place, since
     * every wall's refresh asks it for every checkpoint and every group of compounds.
     */
    private static boolean isPath(String value, String district, String street, String community) {
        if (district == null || street == null) {
            return false;
        }
        int length = district.length() + 1 + street.length() + (community == null ? 0 : 1 + community.length());
        if (value.length() != length
                || !value.startsWith(district)
                || value.charAt(district.length()) != '/'
                || !value.startsWith(street, district.length() + 1)) {
            return false;
        }
        int end = district.length() + 1 + street.length();
        return community == null || (value.charAt(end) == '/' && value.startsWith(community, end + 1));
    }

    /** Whether a checkpoint (of a district and a street) is inside this scope. */
    public boolean includesCheckpoint(String checkpointId, String district, String street) {
        return covers(Location.checkpoint(checkpointId, district, street));
    }

    /**
     * Whether every part of {@code inner} is inside this scope ({@code checkpointAt} gives a checkpoint's location, or
     * null for a checkpoint it does not know).
     */
    public boolean contains(Scope inner, Function<String, Location> checkpointAt) {
        if (isAll() || equals(inner)) {
            return true;
        }
        if (inner.isCheckpoint()) {
            Location at = checkpointAt.apply(inner.value());
            return at != null && holdsCheckpoints() && covers(at);
        }
        return switch (kind) {
            case "district", "street" -> {
                List<String> mine = names();
                List<String> theirs = inner.names();
                boolean below = (inner.kind().equals("street") || inner.kind().equals("community"))
                        && theirs.size() > mine.size();
                yield below && theirs.subList(0, mine.size()).equals(mine);
            }
            default -> false;
        };
    }

    /** The scope directly above an area in the chain (a community's street, a street's district); null otherwise. */
    public Scope parent() {
        List<String> names = names();
        return switch (kind) {
            case "street" -> district(names.get(0));
            case "community" -> street(names.get(0), names.get(1));
            case "district", "unit" -> ALL;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return value == null ? kind : kind + ":" + value;
    }
}
