package io.cordon.dashboard;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** RFC 9457 problem documents, the dashboard's only error shape. */
final class Problems {

    private Problems() {
    }

    static void send(HttpServerResponse response, int status, String title, String detail) {
        if (response.ended()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                        .put("detail", detail).encode());
    }

    static void badParameter(HttpServerResponse response, String parameter, String detail) {
        if (response.ended()) {
            return;
        }
        response.setStatusCode(400).putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject().put("type", "about:blank").put("title", "Bad Request").put("status", 400)
                        .put("detail", detail).put("parameter", parameter).encode());
    }
}
