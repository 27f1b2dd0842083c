package io.cordon.dashboard.screening;

import io.cordon.http.Forbidden;
import io.cordon.http.Scope;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import java.util.ArrayList;
import java.util.List;

/**
 * Which compounds a read covers: an area (district, street, community, responsible unit) narrowed by the inspection
 * filters, as a SQL condition on a table with those columns ({@code compounds}, {@code households}).
 */
public record CompoundFilter(String district, String street, String community, String unit) {

    public static final CompoundFilter NONE = new CompoundFilter(null, null, null, null);

    public static CompoundFilter of(String district, String street, String community) {
        return new CompoundFilter(blankToNull(district), blankToNull(street), blankToNull(community), null);
    }

    /** The compounds of an area ({@link #NONE} for all; a checkpoint's scope holds none). */
    public static CompoundFilter of(Scope scope) {
        List<String> names = scope.names();
        return switch (scope.kind()) {
            case "all" -> NONE;
            case "district" -> new CompoundFilter(names.get(0), null, null, null);
            case "street" -> new CompoundFilter(names.get(0), names.get(1), null, null);
            case "community" -> new CompoundFilter(names.get(0), names.get(1), names.get(2), null);
            case "unit" -> new CompoundFilter(null, null, null, names.get(0));
            default -> throw new IllegalArgumentException("a checkpoint's scope holds no compound: " + scope);
        };
    }

    /**
     * This filter narrowed by an inspection filter ({@code field}: district, street, community or responsible_unit);
     * a value other than one this filter fixes already is outside it ({@link Forbidden}).
     */
    public CompoundFilter narrowed(String field, String value, Scope own) {
        String v = blankToNull(value);
        if (v == null) {
            return this;
        }
        String fixed = switch (field) {
            case "district" -> district;
            case "street" -> street;
            case "community" -> community;
            default -> unit;
        };
        if (fixed != null && !fixed.equals(v)) {
            throw new Forbidden(field + " '" + v + "' is outside this token's scope (" + own + ")");
        }
        return switch (field) {
            case "district" -> new CompoundFilter(v, street, community, unit);
            case "street" -> new CompoundFilter(district, v, community, unit);
            case "community" -> new CompoundFilter(district, street, v, unit);
            default -> new CompoundFilter(district, street, community, v);
        };
    }

    public String sql() {
        List<String> parts = new ArrayList<>();
        if (district != null) {
            parts.add("district = " + ClickHouseSql.quote(district));
        }
        if (street != null) {
            parts.add("street = " + ClickHouseSql.quote(street));
        }
        if (community != null) {
            parts.add("community = " + ClickHouseSql.quote(community));
        }
        if (unit != null) {
            parts.add("responsible_unit = " + ClickHouseSql.quote(unit));
        }
        return parts.isEmpty() ? "1" : String.join(" AND ", parts);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
