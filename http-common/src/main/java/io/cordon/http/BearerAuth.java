package io.cordon.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The one token check of both services: a route that needs a role gets {@link #require(Role)} before its handler,
 * which leaves the caller's token in the context ({@link #token(RoutingContext)}) or answers 401 (no token, or a
 * secret that is no token) or 403 (a token without that role) as problem documents.
 *
 * @param realm the realm a 401 names
 * @param queryParameter whether {@code ?token=} is accepted besides the Authorization header (the dashboard's pages
 *     and websocket, which a browser opens without headers)
 */
public record BearerAuth(AccessTokens tokens, String realm, boolean queryParameter) {

    private static final String TOKEN = "cordon.token";

    public Handler<RoutingContext> require(Role role) {
        return ctx -> {
            String secret = secret(ctx, role);
            if (role == Role.VIEWER && tokens.viewerOpen()) {
                ctx.put(TOKEN, AccessToken.OPEN_VIEWER);
                ctx.next();
                return;
            }
            AccessToken token = tokens.find(secret, role);
            if (token != null) {
                ctx.put(TOKEN, token);
                ctx.next();
            } else if (!tokens.roles(secret).isEmpty()) {
                Problems.forbidden(
                        ctx.response(),
                        "this token is not " + article(role) + " token: "
                                + ctx.request().method() + " " + ctx.request().path() + " needs one (" + role.variable()
                                + ")");
            } else {
                ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
                Problems.send(
                        ctx.response(),
                        401,
                        "Unauthorized",
                        secret == null
                                ? "the Authorization header is missing: send 'Authorization: Bearer <token>'"
                                        + (queryParameter && role == Role.VIEWER ? " or ?token=" : "") + " ("
                                        + article(role) + " token)"
                                : "the bearer token in the Authorization header is not accepted");
            }
        };
    }

    /** The token a request was let in with (by {@link #require(Role)}). */
    public static AccessToken token(RoutingContext ctx) {
        AccessToken t = ctx.get(TOKEN);
        if (t == null) {
            throw new IllegalStateException(
                    "no token check ran before " + ctx.request().path());
        }
        return t;
    }

    /**
     * The secret presented: the Authorization header, or {@code ?token=} for a viewer's page or websocket only. An admin
     * or feed secret in a URL would sit in proxies' logs and browsers' histories, so it is never read from there.
     */
    private String secret(RoutingContext ctx, Role role) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String s = header.substring(7).strip();
            return s.isEmpty() ? null : s;
        }
        if (queryParameter && role == Role.VIEWER) {
            String q = ctx.request().getParam("token");
            return q == null || q.isEmpty() ? null : q;
        }
        return null;
    }

    private static String article(Role role) {
        return role == Role.ADMIN ? "an admin" : "a " + role.word();
    }
}
