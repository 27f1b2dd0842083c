package io.cordon.dashboard.screening;

import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.TsvRows;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * Which screening round a figure is of when none is asked for: the latest with a counted visit, now or before a cutoff,
 * found without reading every round's rows.
 */
final class ScreeningRounds {

    private final ClickHouseHttp clickHouse;

    ScreeningRounds(ClickHouseHttp clickHouse) {
        this.clickHouse = clickHouse;
    }

    /**
     * The latest round with any counted visit (before {@code before} when given), or null when there is none. A
     * campaign adds a round every few days: the rounds are found without {@code FINAL} (a round whose last version
     * counts a visit has some row that does), and only the latest candidate's rows are read versioned, one round's
     * compounds, never every round's on every refresh.
     */
    public CompletableFuture<Integer> latest(Instant before) {
        if (before != null) {
            return latestRoundBefore(before.getEpochSecond());
        }
        return clickHouse
                .execute(
                        "SELECT DISTINCT round FROM compound_round_state WHERE visited > 0 ORDER BY round DESC FORMAT TSV")
                .thenCompose(body -> firstCountedRound(
                        rounds(body),
                        0,
                        round -> "SELECT count() FROM (SELECT visited FROM "
                                + "compound_round_state FINAL WHERE round = " + round
                                + ") WHERE visited > 0 FORMAT TSV"));
    }

    /**
     * The latest round with a visit before a cutoff that is counted (not voided, in its last version). The rounds that
     * hold any version of a visit before it are found first, without {@code FINAL} (a version the answer counts is
     * among them); then the last versions are read for those rounds only, latest first: one round's visits in the usual
     * case, where a versioned read of every round's (15.8M visits at the whole city) took seconds.
     */
    private CompletableFuture<Integer> latestRoundBefore(long cutoffEpochSecond) {
        return clickHouse
                .execute("SELECT DISTINCT round FROM household_visits WHERE visited_at < toDateTime("
                        + cutoffEpochSecond + ") ORDER BY round DESC FORMAT TSV")
                .thenCompose(body -> firstCountedRound(
                        rounds(body),
                        0,
                        round ->
                                "SELECT count() FROM (SELECT voided, visited_at FROM household_visits FINAL WHERE round = "
                                        + round + ") WHERE voided = 0 AND visited_at < toDateTime(" + cutoffEpochSecond
                                        + ") FORMAT TSV"));
    }

    private static List<Integer> rounds(String tsv) {
        return TsvRows.parse(tsv).stream().map(f -> (int) TsvRows.number(f[0])).toList();
    }

    /** The first of {@code rounds} (latest first) whose versioned count, {@code count} of the round, is above zero. */
    private CompletableFuture<Integer> firstCountedRound(List<Integer> rounds, int i, IntFunction<String> count) {
        if (i == rounds.size()) {
            return CompletableFuture.completedFuture(null);
        }
        int round = rounds.get(i);
        return clickHouse
                .execute(count.apply(round))
                .thenCompose(n -> TsvRows.number(n.strip()) > 0
                        ? CompletableFuture.completedFuture(round)
                        : firstCountedRound(rounds, i + 1, count));
    }
}
