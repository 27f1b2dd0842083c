package io.cordon.dashboard.web;

import io.cordon.schemas.Resources;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two pages and their scripts and styles under versioned names: {@code /static/<version>/wall.js}, the version a
 * hash of every one of them, so a browser keeps them a year without asking again, and a new release (a new hash) is
 * fetched at once. The pages themselves ({@code /}, {@code /inspect}) are always asked again ({@code no-cache}); the
 * unversioned names still answer, uncached.
 */
public final class StaticPages {

    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    private final Map<String, String> assets = new LinkedHashMap<>();
    private final String version;
    private final String wall;
    private final String inspect;

    /** Reads the pages and their files from {@code webroot/}; {@code counts} is the generated counts script. */
    public StaticPages(String counts) {
        for (String name : new String[] {"common.js", "wall.js", "inspect.js", "wall.css", "inspect.css"}) {
            assets.put(name, Resources.text("webroot/" + name));
        }
        assets.put("counts.js", counts);
        version = hash(assets);
        wall = versioned(Resources.text("webroot/index.html"));
        inspect = versioned(Resources.text("webroot/inspect.html"));
    }

    public String version() {
        return version;
    }

    public void mount(Router router) {
        router.get("/").handler(ctx -> page(ctx, wall));
        router.get("/index.html").handler(ctx -> page(ctx, wall));
        router.get("/inspect").handler(ctx -> page(ctx, inspect));
        router.get("/inspect.html").handler(ctx -> page(ctx, inspect));
        router.get("/static/:version/:name").handler(this::asset);
    }

    private static void page(RoutingContext ctx, String html) {
        ctx.response()
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .end(html);
    }

    private void asset(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        String body = assets.get(name);
        if (body == null) {
            ctx.next(); // the not-found answer
            return;
        }
        // a page of an older release asking for its version gets today's file, not kept: its next load asks again
        boolean current = version.equals(ctx.pathParam("version"));
        ctx.response()
                .putHeader("Content-Type", TYPES.get(name.substring(name.lastIndexOf('.') + 1)))
                .putHeader("Cache-Control", current ? "public, max-age=31536000, immutable" : "no-cache")
                .end(body);
    }

    /** A page with each of its own files named under the version. */
    String versioned(String html) {
        String out = html;
        for (String name : assets.keySet()) {
            out = out.replace("src=\"" + name + "\"", "src=\"/static/" + version + "/" + name + "\"")
                    .replace("href=\"" + name + "\"", "href=\"/static/" + version + "/" + name + "\"");
        }
        return out;
    }

    private static String hash(Map<String, String> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((name, text) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update(text.getBytes(StandardCharsets.UTF_8));
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
