package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.ClickHouseSchema;
import io.cordon.schemas.clickhouse.Tables;
import io.cordon.testkit.LocalClickHouse;
import io.cordon.testkit.LocalZooKeeper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real ClickHouse 18.16 replicas and a ZooKeeper: the schema's own files make replicated tables on both through
 * one {@code ON CLUSTER} run, a row written to either is read on the other, and a client given both addresses goes on
 * writing when the one it used is killed; the killed replica, restarted, has every row written while it was away.
 */
class ReplicatedClickHouseIT {

    /** Deleted by JUnit after the test, with everything the servers wrote. */
    @TempDir
    Path dir;

    @Test
    void theSchemaReplicatesAndAClientOfBothServersOutlivesEither() throws Exception {
        List<LocalClickHouse> replicas = new ArrayList<>();
        try (LocalZooKeeper zooKeeper = LocalZooKeeper.start(dir.resolve("zookeeper"))) {
            replicas.addAll(LocalClickHouse.startReplicas(dir.resolve("clickhouse"), 2, zooKeeper, "cordon"));
            ClickHouseHttp both = new ClickHouseHttp(
                    replicas.get(0).url() + "," + replicas.get(1).url(), "city");
            ClickHouseSchema.apply(both, "cordon");
            ClickHouseHttp r1 = new ClickHouseHttp(replicas.get(0).url(), "city");
            ClickHouseHttp r2 = new ClickHouseHttp(replicas.get(1).url(), "city");
            for (ClickHouseHttp replica : List.of(r1, r2)) {
                assertThat(replica.executeBlocking(
                                "SELECT engine FROM system.tables WHERE database = 'city' AND name = '"
                                        + Tables.AUDIT_LOG + "' FORMAT TSV"))
                        .startsWith("ReplicatedMergeTree");
                assertThat(replica.executeBlocking(
                                        "SELECT count() FROM system.tables WHERE database = 'city' AND engine LIKE 'Replicated%'"
                                                + " FORMAT TSV")
                                .strip())
                        .isEqualTo(String.valueOf(ClickHouseSchema.files().stream()
                                .filter(f -> f.endsWith(".sql"))
                                .count()));
            }

            r1.insertBlocking("checkpoints", List.of(checkpoint("A", 1)));
            eventually(() -> count(r2, "checkpoints").equals("1"), "a row written on r1 read on r2");
            // a write on every replica is on the other the moment it is answered (what the jobs' sinks rely on)
            for (int i = 1; i <= 3; i++) {
                both.insertBlockingOnEveryReplica("checkpoints", List.of(checkpoint("Q" + i, 1)));
                assertThat(count(r2, "checkpoints")).isEqualTo(String.valueOf(1 + i));
                assertThat(count(r1, "checkpoints")).isEqualTo(String.valueOf(1 + i));
            }

            // a reader that moves to r2 waits while r2 lacks a part r1 just logged, in the same second too
            r2.executeBlocking("SYSTEM STOP FETCHES");
            r1.insertBlocking("checkpoints", List.of(checkpoint("F", 1)));
            long loggedAt = System.currentTimeMillis();
            // r1 copies its own log entry into its queue a moment later; r2 cannot fetch the part however long it waits
            eventually(() -> r1.hasEverythingLoggedUntil(loggedAt).join(), "r1 has what it logged");
            assertThat(r2.hasEverythingLoggedUntil(loggedAt).join()).isFalse();
            assertThat(both.hasEverythingLoggedUntil(loggedAt).join()).isFalse();
            r2.executeBlocking("SYSTEM START FETCHES");
            eventually(() -> both.hasEverythingLoggedUntil(loggedAt).join(), "r2 fetched what r1 logged");
            assertThat(count(r2, "checkpoints")).isEqualTo("5");

            // the client of both writes on through the replica that is left, and reads what it wrote
            replicas.get(0).kill();
            both.insertBlocking("checkpoints", List.of(checkpoint("B", 1)));
            // with one replica away, a write on every replica is a write on the one left
            both.insertBlockingOnEveryReplica("checkpoints", List.of(checkpoint("C", 1)));
            assertThat(count(both, "checkpoints")).isEqualTo("7");
            assertThat(both.currentServer()).isEqualTo(replicas.get(1).url());

            // restarted, r1 catches up with what was written while it was away
            replicas.set(0, replicas.get(0).restart());
            eventually(() -> count(r1, "checkpoints").equals("7"), "the restarted replica caught up");
            eventually(
                    () -> r1.executeBlocking("SELECT is_readonly FROM system.replicas WHERE table = 'checkpoints'"
                                    + " FORMAT TSV")
                            .strip()
                            .equals("0"),
                    "the restarted replica writable again");
            r1.insertBlocking("checkpoints", List.of(checkpoint("D", 1)));
            eventually(() -> count(r2, "checkpoints").equals("8"), "written on the restarted replica, read on r2");
            // the DDL again (the next start of a service) changes nothing
            ClickHouseSchema.apply(both, "cordon");
            assertThat(count(both, "checkpoints")).isEqualTo("8");
        } finally {
            replicas.forEach(LocalClickHouse::close);
        }
    }

    private static String checkpoint(String id, long version) {
        return "{\"checkpoint_id\":\"" + id + "\",\"name\":\"卡口" + id
                + "\",\"kind\":\"highway\",\"province\":\"上海\",\"city\":\"\",\"district\":\"\",\"street\":\"\","
                + "\"version\":" + version + "}";
    }

    private static String count(ClickHouseHttp clickHouse, String table) {
        try {
            return clickHouse
                    .executeBlocking("SELECT count() FROM " + table + " FINAL FORMAT TSV")
                    .strip();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
