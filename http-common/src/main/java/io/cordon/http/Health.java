package io.cordon.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * {@code GET /health} of both services: {@code 200 {"status":"up"}} only when every dependency the service needs is
 * reachable; otherwise {@code 503} naming the ones that are down ({@code "down"}) and why ({@code "detail"}). Both
 * carry the service's {@code "version"}. Beside it, for orchestrators: {@code /health/ready} (the same answer: send
 * traffic here or not) and {@code /health/live} ({@code 200} whenever the process answers at all: a dependency that
 * is down is not cured by restarting the service, so liveness never depends on one).
 */
public final class Health {

    /** The version Cordon was built as (the Maven project's). */
    public static final String VERSION = version();

    private Health() {}

    /** Mounts {@code /health}, {@code /health/ready} and {@code /health/live}, open to anyone (no figure in them). */
    public static void mount(Router router, Supplier<Map<String, Check>> dependencies) {
        router.get("/health").handler(ctx -> answer(ctx.response(), dependencies.get()));
        router.get("/health/ready").handler(ctx -> answer(ctx.response(), dependencies.get()));
        router.get("/health/live")
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "no-store")
                        .end(new JsonObject()
                                .put("status", "live")
                                .put("version", VERSION)
                                .encode()));
    }

    private static String version() {
        try (InputStream in = Health.class.getResourceAsStream("cordon-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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
            response.setStatusCode(200)
                    .end(new JsonObject()
                            .put("status", "up")
                            .put("version", VERSION)
                            .encode());
        } else {
            response.setStatusCode(503)
                    .end(new JsonObject()
                            .put("status", "down")
                            .put("down", down)
                            .put("detail", detail.toString())
                            .put("version", VERSION)
                            .encode());
        }
    }
}
