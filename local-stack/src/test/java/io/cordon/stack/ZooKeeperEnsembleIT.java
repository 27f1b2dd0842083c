package io.cordon.stack;

import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.testkit.LocalClickHouse;
import io.cordon.testkit.LocalZooKeeper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose file's ZooKeeper ensemble, as processes: its members as {@code ZOO_SERVERS} and {@code ZOO_MY_ID} name
 * them (on loopback ports), two ClickHouse 18.16 replicas naming every member. Killing the leader costs no write: the
 * replicas' sessions move to a member left and quorum inserts go on; with two members down the tables are read-only
 * (no quorum), and writable again once one returns. Every row written ends on both replicas. Figures:
 * target/faults/zookeeper-ensemble.txt.
 */
class ZooKeeperEnsembleIT {

    /** The row tried while two members are down (it must fail). */
    private static final int NO_QUORUM_PROBE = 1_000_000;

    @Test
    void losingAnyOneMemberLeavesClickHouseWritable(@TempDir Path dir) throws Exception {
        List<Integer> ids = new ArrayList<>(ComposeCheckTest.zooKeeperEnsemble(Compose.read(ComposeCheckTest.OPERATOR))
                .keySet());
        List<LocalZooKeeper> members = new ArrayList<>(LocalZooKeeper.startEnsemble(dir.resolve("zookeeper"), ids));
        List<LocalClickHouse> replicas = new ArrayList<>();
        try {
            replicas.addAll(LocalClickHouse.startReplicas(dir.resolve("clickhouse"), 2, members, "cordon"));
            ClickHouseHttp both = new ClickHouseHttp(
                    replicas.stream().map(LocalClickHouse::url).collect(Collectors.joining(",")), "default");
            both.executeBlocking("CREATE TABLE ensemble ON CLUSTER cordon (n UInt32) ENGINE = "
                    + "ReplicatedMergeTree('/clickhouse/tables/{shard}/default/ensemble', '{replica}') ORDER BY n");
            int written = 0;
            written = write(both, written, 5);

            LocalZooKeeper leader = members.stream()
                    .filter(m -> m.mode().equals("leader"))
                    .findFirst()
                    .orElseThrow();
            int leaderIndex = members.indexOf(leader);
            long killed = System.currentTimeMillis();
            leader.kill();
            // the first write after the kill may find the session moving: written again until it is acknowledged
            written = writeEventually(both, written);
            long writableAfterLeader = System.currentTimeMillis() - killed;
            written = write(both, written, 5);

            // a second member down: no quorum, every replicated table read-only
            LocalZooKeeper second = members.get((leaderIndex + 1) % members.size());
            second.kill();
            TestStack.eventually(
                    Duration.ofSeconds(30),
                    () -> !writes(both, NO_QUORUM_PROBE),
                    () -> "a write was acknowledged without a ZooKeeper quorum");
            members.set(members.indexOf(second), second.restart());
            long back = System.currentTimeMillis();
            written = writeEventually(both, written);
            long writableAfterQuorum = System.currentTimeMillis() - back;
            members.set(leaderIndex, leader.restart());

            for (LocalClickHouse replica : replicas) {
                ClickHouseHttp one = new ClickHouseHttp(replica.url(), "default");
                int expected = written;
                TestStack.eventually(
                        Duration.ofSeconds(60),
                        () -> count(one).equals(String.valueOf(expected)),
                        () -> replica.url() + " holds " + count(one) + " of " + expected + " rows");
            }
            FaultLoad.report(
                    "zookeeper-ensemble",
                    "ensemble of " + ids.size() + " (ids " + ids + "), two ClickHouse replicas: the leader killed, a"
                            + " quorum write acknowledged " + writableAfterLeader + " ms after; two members down:"
                            + " read-only; writable " + writableAfterQuorum + " ms after one returned; " + written
                            + " rows on both replicas");
        } finally {
            replicas.forEach(LocalClickHouse::close);
            members.forEach(LocalZooKeeper::close);
        }
    }

    /** Writes rows {@code from}, {@code from + 1}, ... on every replica, each acknowledged; answers the next row. */
    private static int write(ClickHouseHttp both, int from, int rows) {
        for (int n = from; n < from + rows; n++) {
            both.executeInsertOnEveryReplica("INSERT INTO ensemble VALUES (" + n + ")")
                    .join();
        }
        return from + rows;
    }

    private static int writeEventually(ClickHouseHttp both, int n) throws InterruptedException {
        TestStack.eventually(Duration.ofSeconds(60), () -> writes(both, n), () -> "row " + n + " never written");
        return n + 1;
    }

    /** Whether row {@code n} was written (a replicated table deduplicates a row written twice). */
    private static boolean writes(ClickHouseHttp both, int n) {
        try {
            both.executeInsertOnEveryReplica("INSERT INTO ensemble VALUES (" + n + ")")
                    .join();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String count(ClickHouseHttp one) {
        try {
            // the probe row written while there was no quorum is left out, should one ever have been acknowledged
            return one.executeBlocking("SELECT count() FROM ensemble WHERE n < " + NO_QUORUM_PROBE + " FORMAT TSV")
                    .strip();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }
}
