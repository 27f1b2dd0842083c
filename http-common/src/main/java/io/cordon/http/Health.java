package io.cordon.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * {@code GET /health} of both services: {@code 200 {"status":"up"}} only when every dependency the service needs is
 * reachable; otherwise {@code 503} naming the ones that are down ({@code "down"}) and why ({@code "detail"}).
 */
public final class Health {

    private Health() {}

    /** One dependency's state: whether it is up, and if not, why (never a secret). */
    public record Check(boolean up, String why) {
        public static Check ok() {
            return new Check(true, null);
        }

        public static Check down(String why) {
            return new Check(false, why);
        }
    }

    public static void answer(HttpServerResponse response, Map<String, Check> dependencies) {
        JsonArray down = new JsonArray();
        StringBuilder detail = new StringBuilder();
        dependencies.forEach((name, check) -> {
            if (!check.up()) {
                down.add(name);
                detail.append(detail.length() == 0 ? "" : "; ")
                        .append(name)
                        .append(": ")
                        .append(check.why());
            }
        });
        response.putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store");
        if (down.isEmpty()) {
            response.setStatusCode(200).end(new JsonObject().put("status", "up").encode());
        } else {
            response.setStatusCode(503)
                    .end(new JsonObject()
                            .put("status", "down")
                            .put("down", down)
                            .put("detail", detail.toString())
                            .encode());
        }
    }
}
