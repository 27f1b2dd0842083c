package io.cordon.dashboard.screening;

import io.cordon.schemas.clickhouse.ClickHouseSql;
import java.util.ArrayList;
import java.util.List;

/** The inspection filters (district, street, community), as a SQL condition on a table with those columns. */
public record CompoundFilter(String district, String street, String community) {

    public static final CompoundFilter NONE = new CompoundFilter(null, null, null);

    public static CompoundFilter of(String district, String street, String community) {
        return new CompoundFilter(blankToNull(district), blankToNull(street), blankToNull(community));
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
        return parts.isEmpty() ? "1" : String.join(" AND ", parts);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
