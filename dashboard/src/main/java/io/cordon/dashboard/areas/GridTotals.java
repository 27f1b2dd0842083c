package io.cordon.dashboard.areas;

import io.cordon.dashboard.screening.CompoundFilter;
import io.cordon.schemas.Lifetime;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.TsvRows;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The totals of grids (网格): a grid is a household's, not a compound's, so its totals are read from the registry's
 * households active today and their state in the round, not from the compound totals. A readable level, not a scope.
 */
public final class GridTotals {

    private final ClickHouseHttp clickHouse;
    private final Duration revisitWindow;

    public GridTotals(ClickHouseHttp clickHouse, Duration revisitWindow) {
        this.clickHouse = clickHouse;
        this.revisitWindow = revisitWindow;
    }

    /** One row per grid of the households the filter covers ({@code round} null: no visit yet, all unvisited). */
    public CompletableFuture<List<AreaTotals.Row>> of(
            Integer round, CompoundFilter filter, LocalDate today, Instant now) {
        long overdueBefore = now.minus(revisitWindow).getEpochSecond();
        String state = round == null
                ? "(SELECT '' AS household_id, toUInt8(0) AS resolved, toUInt8(0) AS overdue)"
                : "(SELECT household_id, resolved, (resolved = 0 AND visits > 0 AND last_visited_at <= toDateTime("
                        + overdueBefore + ")) AS overdue FROM household_round_state FINAL WHERE round = " + round
                        + ")";
        String sql = "SELECT grid_id, uniqExact(compound_id) AS compounds, count() AS households, "
                + "sum(resolved) AS resolved, sum(overdue) AS overdue FROM ("
                + "SELECT household_id, compound_id, grid_id FROM (SELECT * FROM households FINAL WHERE "
                + filter.sql() + ") WHERE grid_id != '' AND " + Lifetime.sql("active_from", "active_until", today)
                + ") ANY LEFT JOIN " + state + " USING household_id GROUP BY grid_id FORMAT TSV";
        return clickHouse.execute(sql).thenApply(body -> {
            List<AreaTotals.Row> rows = new ArrayList<>();
            for (String[] f : TsvRows.parse(body)) {
                long households = TsvRows.number(f[2]);
                long resolved = TsvRows.number(f[3]);
                rows.add(new AreaTotals.Row(
                        "grid:" + f[0],
                        f[0],
                        TsvRows.number(f[1]),
                        households,
                        resolved,
                        households - resolved,
                        TsvRows.number(f[4]),
                        0,
                        0));
            }
            return AreaTotals.ranked(rows);
        });
    }
}
