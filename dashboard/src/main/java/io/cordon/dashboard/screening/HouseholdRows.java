package io.cordon.dashboard.screening;

import io.cordon.schemas.clickhouse.TsvRows;

/**
 * The typed rows the household views are made of (API.md, {@code GET /api/v1/compounds/{id}/households} and
 * {@code GET /api/v1/revisits/overdue}): a household of the registry and its state in a round. Each keeps its column
 * list beside the reader of those columns, in order, from ClickHouse's TSV.
 */
public final class HouseholdRows {

    private HouseholdRows() {}

    /** A registry household: where it is and who is responsible for its compound. */
    record Household(
            String householdId,
            String building,
            String unit,
            String room,
            String gridId,
            String compoundName,
            String community,
            String street,
            String district,
            String responsibleUnit) {

        static final String COLUMNS = TsvRows.columns(Household.class);

        static Household of(String[] f) {
            return new Household(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9]);
        }
    }

    /** A household's state in a round (household_round_state): its visits, whether resolved, its latest visit. */
    record State(
            String householdId,
            String compoundId,
            long visits,
            boolean resolved,
            long lastVisitedAt,
            String lastOutcome,
            String lastTeamId,
            long homeQuarantine,
            long centralQuarantine) {

        static final String COLUMNS =
                "household_id, compound_id, visits, resolved, toUInt32(last_visited_at) AS last_at, last_outcome, "
                        + "last_team_id, home_quarantine, central_quarantine";

        static State of(String[] f) {
            return new State(
                    f[0],
                    f[1],
                    TsvRows.number(f[2]),
                    TsvRows.number(f[3]) == 1,
                    TsvRows.number(f[4]),
                    f[5],
                    f[6],
                    TsvRows.number(f[7]),
                    TsvRows.number(f[8]));
        }
    }
}
