package io.cordon.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** RFC 9457 problem documents: the only error shape either service answers with. */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";

    private Problems() {}

    public static JsonObject problem(int status, String title, String detail) {
        return new JsonObject()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
    }

    public static void send(HttpServerResponse response, JsonObject problem) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(problem.getInteger("status"))
                .putHeader("Content-Type", CONTENT_TYPE)
                .end(problem.encode());
    }

    public static void send(HttpServerResponse response, int status, String title, String detail) {
        send(response, problem(status, title, detail));
    }

    /** A 400 naming the query parameter that is wrong ({@code "parameter"}). */
    public static void badParameter(HttpServerResponse response, String parameter, String detail) {
        send(response, problem(400, "Bad Request", detail).put("parameter", parameter));
    }

    /** A 403: a valid token that may not do this, or may not see this. */
    public static void forbidden(HttpServerResponse response, String detail) {
        send(response, 403, "Forbidden", detail);
    }
}
