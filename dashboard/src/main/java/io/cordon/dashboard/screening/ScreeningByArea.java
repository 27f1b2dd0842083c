package io.cordon.dashboard.screening;

import io.cordon.http.Location;
import io.cordon.http.Scope;
import io.cordon.schemas.clickhouse.TsvRows;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The screening figures of a round ({@code null}: the latest) by community (a group of a district, street and
 * community) and by responsible unit (a group of a unit alone): what every wall's tiles derive from, whatever its
 * area. Each area's sum is made once per read, on first use, for every area at once.
 */
public final class ScreeningByArea {

    private final Integer round;
    private final Map<Location, AreaScreening> groups;
    private volatile Map<Scope, AreaScreening> byScope;

    public ScreeningByArea(Integer round, Map<Location, AreaScreening> groups) {
        this.round = round;
        this.groups = groups;
    }

    public Integer round() {
        return round;
    }

    /**
     * The groups and their figures: a community's ({@code district}, {@code street}, {@code community}; no unit),
     * and a unit's ({@code unit} alone). Every compound is in one group of each kind.
     */
    public Map<Location, AreaScreening> groups() {
        return groups;
    }

    /** The figures of an area (zeros for an area with no compound; a checkpoint's scope has none). */
    public AreaScreening of(Scope scope) {
        return sums().getOrDefault(scope, AreaScreening.NONE);
    }

    /** Every area that holds a registered compound: the city, districts, streets, communities and units. */
    public Set<Scope> areas() {
        return sums().keySet();
    }

    private Map<Scope, AreaScreening> sums() {
        Map<Scope, AreaScreening> m = byScope;
        if (m == null) {
            m = new HashMap<>();
            for (Map.Entry<Location, AreaScreening> g : groups.entrySet()) {
                Location at = g.getKey();
                // a unit's group is the unit alone; a community's is the city, its district, street and community
                List<Scope> areas = at.district() == null ? List.of(Scope.unit(at.unit())) : Scope.areasOf(at);
                for (Scope area : areas) {
                    m.merge(area, g.getValue(), AreaScreening::plus);
                }
            }
            byScope = m;
        }
        return m;
    }

    /**
     * The figures of a round from the two reads of {@link ScreeningQueries#byArea}: the households and compounds of
     * each group's key ({@code c/DISTRICT/STREET/COMMUNITY} or {@code u/UNIT}), and its resolved and overdue households
     * in the round (a group with no household today is left out).
     */
    static ScreeningByArea parse(Integer round, String households, String state) {
        Map<String, AreaScreening> byKey = new HashMap<>();
        for (String[] f : TsvRows.parse(households)) {
            byKey.put(f[0], new AreaScreening(TsvRows.number(f[1]), 0, 0, TsvRows.number(f[2])));
        }
        for (String[] f : TsvRows.parse(state)) {
            byKey.computeIfPresent(
                    f[0],
                    (k, x) -> new AreaScreening(
                            x.households(), TsvRows.number(f[1]), TsvRows.number(f[2]), x.compounds()));
        }
        Map<Location, AreaScreening> groups = new HashMap<>();
        byKey.forEach((key, figures) -> {
            Location at = group(key);
            if (at != null) {
                groups.put(at, figures);
            }
        });
        return new ScreeningByArea(round, groups);
    }

    /** The group a key names (null for the compounds with no unit). */
    private static Location group(String key) {
        if (key.startsWith("u/")) {
            return key.length() == 2 ? null : Location.home(null, null, null, key.substring(2));
        }
        String[] names = key.split("/", -1);
        return Location.home(names[1], names[2], names[3], null);
    }
}
