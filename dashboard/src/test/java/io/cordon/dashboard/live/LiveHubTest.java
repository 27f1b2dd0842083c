package io.cordon.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.lang.reflect.Proxy;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A wall that reads slower than it is sent to skips tile messages but still gets alerts; one that does not read at
 * all is closed, never buffered without bound.
 */
class LiveHubTest {

    /** A websocket whose write queue is full or not, recording what is done to it. */
    static ServerWebSocket socket(boolean queueFull, List<String> calls) {
        return (ServerWebSocket) Proxy.newProxyInstance(
                ServerWebSocket.class.getClassLoader(),
                new Class<?>[] {ServerWebSocket.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "isClosed":
                            return calls.stream().anyMatch(c -> c.startsWith("close"));
                        case "writeQueueFull":
                            return queueFull;
                        case "remoteAddress":
                            return null;
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        case "drainHandler":
                            calls.add("drain handler");
                            return proxy;
                        case "close":
                            calls.add("close " + (args == null ? "" : args[0]));
                            return Future.succeededFuture();
                        case "writeTextMessage":
                            calls.add("write " + args[0]);
                            return Future.succeededFuture();
                        default:
                            return null;
                    }
                });
    }

    /**
     * After its reads move to another replica, the hub holds the walls' figures at least 3 s and until the replicas say
     * they fetched what was logged before the move, and not past two minutes (what is missing then is on a replica
     * away).
     */
    @Test
    void afterItsReadsMoveToAnotherReplicaTheWallsWaitUntilItCaughtUpButNotForever() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            LiveHub hub = new LiveHub(vertx, null, null, ZoneOffset.UTC);
            long[] now = {1_000_000};
            hub.millis = () -> now[0];
            String[] server = {"http://a:8123"};
            boolean[] caughtUp = {false};
            List<Long> asked = new ArrayList<>();
            hub.readsFrom(() -> server[0], since -> {
                asked.add(since);
                return CompletableFuture.completedFuture(caughtUp[0]);
            });
            assertThat(hub.settling()).as("the first read").isFalse();
            assertThat(hub.settling()).as("the same replica").isFalse();
            assertThat(hub.waitingForReplica()).isFalse();

            server[0] = "http://b:8123";
            assertThat(hub.waitingForReplica())
                    .as("moved, before the next refresh")
                    .isTrue();
            assertThat(hub.settling()).as("moved").isTrue();
            now[0] += 2_900;
            assertThat(hub.settling()).isTrue();
            assertThat(asked).as("not asked before 3 s").isEmpty();
            now[0] += 200;
            assertThat(hub.settling()).as("asked, not caught up yet").isTrue();
            answered(hub);
            assertThat(asked).containsExactly(1_000_000L);
            assertThat(hub.settling()).as("still fetching").isTrue();
            assertThat(hub.waitingForReplica())
                    .as("the routes wait with the walls")
                    .isTrue();
            answered(hub);
            caughtUp[0] = true;
            assertThat(hub.settling()).isTrue();
            answered(hub);
            assertThat(hub.settling()).as("caught up: figures again").isFalse();
            assertThat(hub.waitingForReplica()).isFalse();

            server[0] = "http://a:8123";
            caughtUp[0] = false;
            assertThat(hub.settling()).as("moved back").isTrue();
            now[0] += ReplicaSettling.SETTLE_AT_MOST_MILLIS;
            assertThat(hub.settling())
                    .as("two minutes: what is missing is on a replica away")
                    .isFalse();
        } finally {
            vertx.close().await();
        }
    }

    /** Waits until the hub has the answer of its check of the replicas (it comes on the event loop). */
    private static void answered(LiveHub hub) throws InterruptedException {
        for (int i = 0; i < 500 && hub.replica.checkingCaughtUp; i++) {
            Thread.sleep(10);
        }
        assertThat(hub.replica.checkingCaughtUp).isFalse();
    }

    @Test
    void aCongestedWallSkipsTilesGetsAlertsAndIsClosedWhenItStaysCongested() {
        LiveHub hub = new LiveHub(null, null, null, ZoneOffset.UTC);
        long[] now = {1_000_000};
        hub.millis = () -> now[0];
        List<String> reader = new ArrayList<>();
        hub.send(socket(false, reader), "tiles", false);
        assertThat(reader).containsExactly("write tiles");

        List<String> stuck = new ArrayList<>();
        ServerWebSocket ws = socket(true, stuck);
        hub.send(ws, "tiles", false);
        hub.send(ws, "alert", true);
        assertThat(stuck).containsExactly("drain handler", "write alert");
        now[0] += WallSender.CONGESTED_MILLIS - 1;
        hub.send(ws, "alert 2", true);
        assertThat(stuck).endsWith("write alert 2");
        now[0] += 1;
        hub.send(ws, "tiles", false);
        assertThat(stuck).endsWith("close 1013");
        assertThat(hub.dropped()).isEqualTo(1);
    }

    @Test
    void wallsCheckedAtTheSameMomentCannotBothTakeTheLastPlace() {
        LiveHub hub = new LiveHub(null, null, null, ZoneOffset.UTC);
        // two upgrades checked before either socket is open: the second is refused
        assertThat(hub.reserve("token-a", 2, 1)).isEqualTo(LiveHub.Reservation.HELD);
        assertThat(hub.reserve("token-a", 2, 1)).isEqualTo(LiveHub.Reservation.TOKEN_FULL);
        assertThat(hub.reserve("address:10.0.0.7", 2, 1)).isEqualTo(LiveHub.Reservation.HELD);
        assertThat(hub.reserve("address:10.0.0.8", 2, 1)).isEqualTo(LiveHub.Reservation.DASHBOARD_FULL);
        // an upgrade that fails gives its place back
        hub.unreserve("token-a");
        assertThat(hub.reserve("address:10.0.0.8", 2, 1)).isEqualTo(LiveHub.Reservation.HELD);
    }

    @Test
    void aCongestedWallIsNeverSentMoreThanItsShareOfAlertsBeforeItIsClosed() {
        LiveHub hub = new LiveHub(null, null, null, ZoneOffset.UTC);
        long[] now = {1_000_000};
        hub.millis = () -> now[0];
        List<String> stuck = new ArrayList<>();
        ServerWebSocket ws = socket(true, stuck);
        for (int i = 0; i < WallSender.CONGESTED_ESSENTIALS + 50; i++) {
            hub.send(ws, "alert", true);
        }
        assertThat(stuck.stream().filter(c -> c.startsWith("write"))).hasSize(WallSender.CONGESTED_ESSENTIALS);
        assertThat(stuck).contains("close 1013");
    }
}
