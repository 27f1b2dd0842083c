package io.cordon.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A deadline for a client that sends its request body slowly (slowloris): the idle timeout is reset by every byte, so a
 * client sending a byte every few seconds would hold a connection, and a request in flight, for ever. A request whose
 * body has not arrived in full within {@link #BODY_MILLIS} of its head is cut off (its connection closed), however
 * steadily it trickles. A websocket, once upgraded, is not affected.
 *
 * <p>Not covered: a request head trickled byte by byte. Vert.x 5 hands a connection to the application only once its
 * first head is parsed, so the head is bounded by the idle timeout and the 8 KiB head size alone; a reverse proxy's
 * header timeout (nginx {@code client_header_timeout}) closes that gap in a deployment.
 */
public final class SlowClients {

    public static final long BODY_MILLIS = 60_000;

    private SlowClients() {}

    /** Sets the server's request handler to {@code handler}, with the deadline above. */
    public static HttpServer guard(Vertx vertx, HttpServer server, Handler<HttpServerRequest> handler) {
        return guard(vertx, server, handler, BODY_MILLIS);
    }

    static HttpServer guard(Vertx vertx, HttpServer server, Handler<HttpServerRequest> handler, long bodyMillis) {
        return server.requestHandler(request -> {
            // only a request that announces a body: a GET's end often comes just after its head, and a timer for each
            // of
            // the walls' and the tiles' reads would be one more object on the event loop per request for nothing
            if (!request.isEnded()
                    && (request.getHeader("Content-Length") != null && !"0".equals(request.getHeader("Content-Length"))
                            || request.getHeader("Transfer-Encoding") != null)) {
                vertx.setTimer(bodyMillis, id -> {
                    if (!request.isEnded()) {
                        request.connection().close();
                    }
                });
            }
            handler.handle(request);
        });
    }
}
