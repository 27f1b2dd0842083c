package io.cordon.dashboard.screening;

import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.Tables;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The live screening figures of a round by community and by unit, for the walls' one shared read: two reads whose
 * size is the number of communities and units (a scan of the registry's compounds each), whatever the number of walls
 * or scopes open; the households per group read again only when the registry or the day changed.
 */
final class ScreeningByAreaReads {

    /** The latest round the last live read found (null before the first, or when there was none). */
    private volatile Integer lastLatestRound;

    /**
     * Each compound twice, under its community's key ({@code c/DISTRICT/STREET/COMMUNITY}) and its unit's
     * ({@code u/UNIT}): one scan groups both (no name holds '/', the registry refuses it).
     */
    private static final String GROUP_KEY = "arrayJoin([concat('c/', district, '/', street, '/', community), "
            + "concat('u/', responsible_unit)]) AS key";

    private final ClickHouseHttp clickHouse;
    private final ScreeningQueries queries;

    ScreeningByAreaReads(ClickHouseHttp clickHouse, ScreeningQueries queries) {
        this.clickHouse = clickHouse;
        this.queries = queries;
    }

    private CompletableFuture<String> areaState(int round) {
        return clickHouse.execute("SELECT key, sum(resolved) AS resolved, sum(revisit_overdue) AS overdue FROM (SELECT "
                + GROUP_KEY + ", resolved, revisit_overdue FROM "
                + queries.liveState(round, "1")
                + " ANY INNER JOIN (SELECT compound_id, district, street, community, responsible_unit FROM compounds "
                + "FINAL) USING compound_id) GROUP BY key FORMAT TSV");
    }

    /**
     * What the live figures are read from, as ClickHouse's part list says it: for each of the three tables and each
     * partition, the highest block number (every insert takes a higher one; a merge keeps it) and the rows (a merge or a
     * deletion changes them). Metadata only, a millisecond or two whatever the tables hold.
     */
    private static final String PARTS = "SELECT table, partition_id, max(max_block_number), sum(rows) FROM system.parts"
            + " WHERE database = currentDatabase() AND active AND table IN ('" + Tables.COMPOUNDS + "', '"
            + Tables.COMPOUND_ROUND_STATE + "', '" + Tables.HOUSEHOLD_ROUND_STATE + "')"
            + " GROUP BY table, partition_id ORDER BY table, partition_id FORMAT TSV";

    /** The last live read, kept with the day and the part list it was read after. */
    private final KeptRead<ScreeningByArea> keptLive = new KeptRead<>();

    /**
     * The live screening figures of a round (null: the latest) by community and by unit. The latest round's are read
     * again only when a table they come from took an insert, a merge or a deletion, or the day changed: the part list
     * is asked first, then the figures, so that a write between the two is seen by the next refresh. At the city's
     * scale this read is the slowest part of every refresh (p50 314 ms at the city bench's 0.05, the checkpoint
     * windows 61 ms): a correction of an arrival no longer waits for the screening figures to be read again.
     */
    CompletableFuture<ScreeningByArea> read(Integer requestedRound) {
        if (requestedRound != null) {
            return readNow(requestedRound);
        }
        LocalDate day = queries.today();
        return clickHouse.execute(PARTS).thenCompose(parts -> keptLive.get(List.of(day, parts), () -> readNow(null)));
    }

    /**
     * The live screening figures of a round by community and by unit, in two reads whose size is the number of
     * communities and units (a scan of the registry's compounds each), whatever the number of walls or scopes open. The
     * households per group do not depend on the round: they are read while the latest round is being found, not after
     * it (one read fewer on the path of every refresh).
     */
    private CompletableFuture<ScreeningByArea> readNow(Integer requestedRound) {
        CompletableFuture<String> households = householdsByGroup();
        // the latest round changes a few times a campaign: its state is read for the round the last refresh found while
        // this one finds it again, so the two reads run side by side, not one after the other; a new round is read
        // again
        Integer guess = requestedRound == null ? lastLatestRound : null;
        CompletableFuture<String> guessed = guess == null ? null : areaState(guess);
        return queries.round(requestedRound, null).thenCompose(round -> {
            if (requestedRound == null) {
                lastLatestRound = round;
            }
            CompletableFuture<String> state = round == null
                    ? CompletableFuture.completedFuture("")
                    : round.equals(guess) ? guessed : areaState(round);
            return households.thenCombine(state, (h, st) -> ScreeningByArea.parse(round, h, st));
        });
    }

    /** The households of every group on a day, kept with the day and the registry's version it was read after. */
    private final KeptRead<String> keptHouseholds = new KeptRead<>();

    /**
     * The households and compounds of every group today. They change only with the registry (a compound's row gets a
     * higher version on every upload that touches it) or the day (households that come or go): every refresh asks the
     * registry's latest version and row count, one short read, and reads the groups again only when they or the day
     * changed.
     */
    private CompletableFuture<String> householdsByGroup() {
        LocalDate day = queries.today();
        return clickHouse
                // the rows too, not only the latest version: one upload's rows arrive in several inserts of one version
                // (the registry job's sink writes in batches), and a read between two of them must not stay
                .execute("SELECT max(version), count() FROM compounds FORMAT TSV")
                .thenCompose(version -> keptHouseholds.get(
                        List.of(day, version.strip()),
                        () -> clickHouse.execute("SELECT key, sum(h) AS households, countIf(h > 0) AS compounds FROM "
                                + "(SELECT " + GROUP_KEY + ", " + HouseholdLifetimes.householdsOn(day)
                                + " AS h FROM compounds FINAL) GROUP BY key FORMAT TSV")));
    }
}
