package io.cordon.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.ServerWebSocket;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A wall that does not read what it is sent is dropped, never buffered without bound. */
class LiveHubTest {

    /** A websocket whose write queue is full or not, recording what is done to it. */
    static ServerWebSocket socket(boolean queueFull, List<String> calls) {
        return (ServerWebSocket) Proxy.newProxyInstance(ServerWebSocket.class.getClassLoader(), new Class<?>[] {ServerWebSocket.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "isClosed":
                            return false;
                        case "writeQueueFull":
                            return queueFull;
                        case "remoteAddress":
                            return null;
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
    void aWallThatReadsGetsTheMessageAndOneThatDoesNotIsClosed() {
        LiveHub hub = new LiveHub(null, null, null, java.time.ZoneOffset.UTC);
        List<String> reader = new ArrayList<>();
        hub.send(socket(false, reader), "tiles");
        assertThat(reader).containsExactly("write tiles");
        List<String> stuck = new ArrayList<>();
        hub.send(socket(true, stuck), "tiles");
        assertThat(stuck).containsExactly("close 1013");
        assertThat(hub.dropped()).isEqualTo(1);
    }
}
