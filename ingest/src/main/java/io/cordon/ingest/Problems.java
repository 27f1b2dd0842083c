package io.cordon.ingest;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** RFC 9457 problem documents, the only error shape ingest answers with. */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";

    private Problems() {
    }

    public static JsonObject problem(int status, String title, String detail) {
        return new JsonObject().put("type", "about:blank").put("title", title).put("status", status).put("detail", detail);
    }

    public static void send(HttpServerResponse response, JsonObject problem) {
        if (response.ended()) {
            return;
        }
        response.setStatusCode(problem.getInteger("status"))
                .putHeader("Content-Type", CONTENT_TYPE)
                .end(problem.encode());
    }

    public static void send(HttpServerResponse response, int status, String title, String detail) {
        send(response, problem(status, title, detail));
    }
}
