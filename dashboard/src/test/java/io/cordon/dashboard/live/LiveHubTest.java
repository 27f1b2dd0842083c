package io.cordon.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.ServerWebSocket;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
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
                            return io.vertx.core.Future.succeededFuture();
                        case "writeTextMessage":
                            calls.add("write " + args[0]);
                            return io.vertx.core.Future.succeededFuture();
                        default:
                            return null;
                    }
                });
    }

    @Test
    void aCongestedWallSkipsTilesGetsAlertsAndIsClosedWhenItStaysCongested() {
        LiveHub hub = new LiveHub(null, null, null, java.time.ZoneOffset.UTC);
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
        now[0] += LiveHub.CONGESTED_MILLIS - 1;
        hub.send(ws, "alert 2", true);
        assertThat(stuck).endsWith("write alert 2");
        now[0] += 1;
        hub.send(ws, "tiles", false);
        assertThat(stuck).endsWith("close 1013");
        assertThat(hub.dropped()).isEqualTo(1);
    }

    @Test
    void wallsCheckedAtTheSameMomentCannotBothTakeTheLastPlace() {
        LiveHub hub = new LiveHub(null, null, null, java.time.ZoneOffset.UTC);
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
        LiveHub hub = new LiveHub(null, null, null, java.time.ZoneOffset.UTC);
        long[] now = {1_000_000};
        hub.millis = () -> now[0];
        List<String> stuck = new ArrayList<>();
        ServerWebSocket ws = socket(true, stuck);
        for (int i = 0; i < LiveHub.CONGESTED_ESSENTIALS + 50; i++) {
            hub.send(ws, "alert", true);
        }
        assertThat(stuck.stream().filter(c -> c.startsWith("write"))).hasSize(LiveHub.CONGESTED_ESSENTIALS);
        assertThat(stuck).contains("close 1013");
    }
}
