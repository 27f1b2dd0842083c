package io.cordon.dashboard.screening;

import io.cordon.schemas.Lifetime;
import java.time.LocalDate;

/** The SQL of which households count on a local date, from the compounds' lifetimes (API.md, "Registry lifecycle"). */
final class HouseholdLifetimes {

    private HouseholdLifetimes() {}

    /**
     * The households of a compound that count on a local date (API.md, "Registry lifecycle"): those without a
     * lifetime, and those whose lifetime holds the date.
     */
    static String householdsOn(LocalDate day) {
        return "(households + arrayCount((f, u) -> " + Lifetime.sql("f", "u", day) + ", bounded_from, bounded_until))";
    }

    /** The households that do not count on a local date: those whose lifetime excludes it (from the compounds, not a scan of every household). */
    static String inactiveOn(LocalDate day) {
        return "(SELECT id FROM (SELECT bounded_ids, bounded_from, bounded_until FROM compounds FINAL) "
                + "ARRAY JOIN bounded_ids AS id, bounded_from AS f, bounded_until AS u WHERE NOT "
                + Lifetime.sql("f", "u", day) + ")";
    }

    /**
     * The compounds with a household that does not count on a local date. The households' round state is ordered by
     * round and compound: naming the compounds lets ClickHouse read only theirs, where a filter on the household ids
     * alone read the whole round (1.3-1.7 s at 3.3M households of a round with one household removed, 0.04-0.07 s
     * naming its compound; measured on ClickHouse 18.16 while the city bench ran).
     */
    static String compoundsWithInactiveOn(LocalDate day) {
        return "(SELECT compound_id FROM (SELECT compound_id, bounded_from, bounded_until FROM compounds FINAL) "
                + "ARRAY JOIN bounded_from AS f, bounded_until AS u WHERE NOT " + Lifetime.sql("f", "u", day) + ")";
    }
}
