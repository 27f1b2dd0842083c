package io.cordon.dashboard.keypersons;

import io.cordon.http.Location;
import io.cordon.http.Scope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The key-person figures of a day as of a time (API.md, "Key persons"), by group of persons that share all their
 * areas (district, street, community, responsible unit): what every scope's figures are summed from, whatever its
 * area, and what the intersection of two areas (a unit's part of a district) is summed from.
 *
 * @param pastDeadline whether the time is at or after the day's {@code CORDON_FOLLOWUP_BY}: from then on, a person
 *     under measure not followed up is overdue
 */
public record KeyPersonFigures(
        LocalDate day,
        Instant asOf,
        boolean pastDeadline,
        Map<Location, Counts> groups,
        ConcurrentMap<Scope, Counts> sums) {

    public KeyPersonFigures(LocalDate day, Instant asOf, boolean pastDeadline, Map<Location, Counts> groups) {
        this(day, asOf, pastDeadline, groups, new ConcurrentHashMap<>());
    }

    /** The tile keys, in the order of the API. */
    public static final List<String> KEYS = List.of(
            "under_measure",
            "home_quarantine",
            "central_quarantine",
            "health_monitoring",
            "followed_up",
            "follow_up_overdue",
            "releases_today",
            "fevers");

    /** The counts of a group of persons (overdue is derived: under measure, not followed up, past the deadline). */
    public record Counts(
            long underMeasure,
            long homeQuarantine,
            long centralQuarantine,
            long healthMonitoring,
            long followedUp,
            long releasesToday,
            long fevers) {

        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0);

        public Counts plus(Counts o) {
            return new Counts(
                    underMeasure + o.underMeasure,
                    homeQuarantine + o.homeQuarantine,
                    centralQuarantine + o.centralQuarantine,
                    healthMonitoring + o.healthMonitoring,
                    followedUp + o.followedUp,
                    releasesToday + o.releasesToday,
                    fevers + o.fevers);
        }
    }

    public static KeyPersonFigures none(LocalDate day, Instant asOf, boolean pastDeadline) {
        return new KeyPersonFigures(day, asOf, pastDeadline, Map.of());
    }

    /** The counts of the persons of an area (summed once per read, on first use: every wall's refresh asks). */
    public Counts of(Scope area) {
        return sums.computeIfAbsent(area, a -> of(new Scope[] {a}));
    }

    /** The counts of the persons inside every one of some areas (one area: its own; two: their intersection). */
    public Counts of(Scope... areas) {
        Counts sum = Counts.NONE;
        for (Map.Entry<Location, Counts> g : groups.entrySet()) {
            boolean inside = true;
            for (Scope a : areas) {
                inside &= a.isAll() || !a.isCheckpoint() && a.covers(g.getKey());
            }
            if (inside) {
                sum = sum.plus(g.getValue());
            }
        }
        return sum;
    }

    /** Persons under measure not followed up, once the deadline has passed (0 before it). */
    public long overdue(Counts c) {
        return pastDeadline ? c.underMeasure() - c.followedUp() : 0;
    }

    /** The {@code key_persons} object of tiles and snapshots. */
    public JsonObject toJson(Counts c) {
        return new JsonObject()
                .put("under_measure", c.underMeasure())
                .put("home_quarantine", c.homeQuarantine())
                .put("central_quarantine", c.centralQuarantine())
                .put("health_monitoring", c.healthMonitoring())
                .put("followed_up", c.followedUp())
                .put("follow_up_overdue", overdue(c))
                .put("releases_today", c.releasesToday())
                .put("fevers", c.fevers());
    }

    /** The tiles' {@code key_persons} of a scope: null for a checkpoint's, which holds no household. */
    public JsonObject tiles(Scope scope) {
        return scope.isCheckpoint() ? null : toJson(of(scope));
    }

    /**
     * The snapshot's {@code key_persons} section of a scope: its totals and one row per community inside it with a
     * registered key person ({@code area} first), by area.
     */
    public JsonObject section(Scope scope) {
        Map<String, Counts> byCommunity = new TreeMap<>();
        for (Map.Entry<Location, Counts> g : groups.entrySet()) {
            Location at = g.getKey();
            if (scope.isAll() || !scope.isCheckpoint() && scope.covers(at)) {
                byCommunity.merge(
                        Scope.community(at.district(), at.street(), at.community())
                                .toString(),
                        g.getValue(),
                        Counts::plus);
            }
        }
        JsonArray rows = new JsonArray();
        byCommunity.forEach((area, c) -> {
            JsonObject row = new JsonObject().put("area", area);
            toJson(c).forEach(e -> row.put(e.getKey(), e.getValue()));
            rows.add(row);
        });
        return new JsonObject().put("totals", tiles(scope)).put("by_community", rows);
    }

    /**
     * The {@code key_persons} section of an area of a frozen report, cut from the city's: its communities' rows and
     * their sums (the communities of an area of the chain hold exactly its persons).
     */
    public static JsonObject slice(JsonObject city, Scope area) {
        JsonArray rows = new JsonArray();
        JsonObject totals = new JsonObject();
        KEYS.forEach(k -> totals.put(k, 0L));
        for (Object o : city.getJsonArray("by_community", new JsonArray())) {
            JsonObject row = (JsonObject) o;
            if (area.contains(Scope.parse(row.getString("area")), id -> null)) {
                rows.add(row);
                KEYS.forEach(k -> totals.put(k, totals.getLong(k) + row.getLong(k, 0L)));
            }
        }
        return new JsonObject().put("totals", totals).put("by_community", rows);
    }

    /** Groups keyed as read (used by the queries). */
    static Map<Location, Counts> groups(Iterable<String[]> rows) {
        Map<Location, Counts> m = new HashMap<>();
        for (String[] f : rows) {
            m.merge(
                    Location.home(f[0], f[1], f[2], f[3].isEmpty() ? null : f[3]),
                    new Counts(
                            Long.parseLong(f[4]),
                            Long.parseLong(f[5]),
                            Long.parseLong(f[6]),
                            Long.parseLong(f[7]),
                            Long.parseLong(f[8]),
                            Long.parseLong(f[9]),
                            Long.parseLong(f[10])),
                    Counts::plus);
        }
        return m;
    }
}
