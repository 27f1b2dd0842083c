package io.cordon.dashboard.web;

import io.cordon.http.Health;
import io.cordon.http.ServiceMetrics;
import io.cordon.schemas.CheckpointCount;
import io.cordon.schemas.Resources;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The routes open to anyone, and the only ones: the pages and their scripts (they hold no figures; a page then reads
 * with the token in its URL), the API description, {@code /health} and {@code /metrics}. Every other route is mounted
 * through {@link Access}.
 */
public final class OpenRoutes {

    private OpenRoutes() {}

    public static void mount(
            Router router, ServiceMetrics metrics, Supplier<Map<String, Health.Check>> health, byte[] map) {
        router.get("/metrics").handler(metrics.scrape());
        Health.mount(router, health);
        String openApi = Resources.text("dashboard-openapi.json");
        router.get("/openapi.json")
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", "application/json")
                        .end(openApi));
        String counts = countsScript();
        router.get("/counts.js")
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", "text/javascript; charset=utf-8")
                        .end(counts));
        // the city's map for the wall (CORDON_MAP_FILE): data anyone may draw, no figures; 404 for none
        router.get("/maps/city.geojson").handler(ctx -> {
            if (map == null) {
                ctx.response().setStatusCode(404).end();
            } else {
                ctx.response()
                        .putHeader("Content-Type", "application/geo+json")
                        .putHeader("Cache-Control", "max-age=86400")
                        .end(Buffer.buffer(map));
            }
        });
        // the pages, their scripts and styles under versioned names kept a year (a new release, a new name)
        new StaticPages(counts).mount(router);
        // Apache ECharts from its webjar on the classpath (its version in its path, so kept a year too): the pages
        // never load anything from the internet
        router.route("/webjars/*")
                .handler(StaticHandler.create("META-INF/resources/webjars").setMaxAgeSeconds(31_536_000));
        router.getWithRegex("/[a-z0-9-]+\\.(html|js|css)")
                .handler(StaticHandler.create("webroot").setCachingEnabled(false));
    }

    /** The seven checkpoint counts of {@link CheckpointCount}, for the pages: key, Chinese and English label. */
    public static String countsScript() {
        JsonArray list = new JsonArray();
        for (CheckpointCount c : CheckpointCount.ALL) {
            list.add(new JsonArray().add(c.key()).add(c.chinese()).add(c.english()));
        }
        return "window.CORDON_CHECKPOINT_COUNTS = " + list.encode() + ";\n";
    }
}
