package io.cordon.dashboard.web;

import io.cordon.http.AccessToken;
import io.cordon.http.AccessTokens;
import io.cordon.http.BearerAuth;
import io.cordon.http.Forbidden;
import io.cordon.http.Role;
import io.cordon.http.Scope;
import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The dashboard's one access policy. Every route of figures is mounted through {@link #viewer} or {@link #admin},
 * which check the token before its handler; the routes open to anyone (pages, health, metrics) are the ones
 * {@code OpenRoutes} mounts, and no other. The scope rules every route uses are here too: which scope is asked for,
 * and which whole-area scopes a report or list may be of.
 */
public final class Access {

    private final BearerAuth auth;
    private final Handler<RoutingContext> viewer;
    private final Handler<RoutingContext> admin;

    public Access(AccessTokens tokens) {
        this.auth = new BearerAuth(tokens, "cordon-dashboard", true);
        this.viewer = auth.require(Role.VIEWER);
        this.admin = auth.require(Role.ADMIN);
    }

    /** A route any viewer token may read (any caller while {@code CORDON_VIEWER_TOKENS} is unset). */
    public Route viewer(Route route) {
        return route.handler(viewer);
    }

    /** A route that needs an admin token, given in the Authorization header only. */
    public Route admin(Route route) {
        return route.handler(admin);
    }

    /** The token a request was let in with. */
    public static AccessToken token(RoutingContext ctx) {
        return BearerAuth.token(ctx);
    }

    /** The {@code scope} asked for; left out, the token's own. Not checked against the token's (see the callers). */
    public static Scope askedScope(RoutingContext ctx) {
        String param = ctx.request().getParam("scope");
        return param == null || param.isBlank() ? token(ctx).scope() : Params.scope(param);
    }

    /**
     * The {@code scope} of a snapshot, a report, a report list, a compound list or the alerts: all or an area (a
     * district, a street, a community, a unit), inside the token's ({@code 400} a checkpoint, {@code 403} outside).
     */
    public static Scope wholeArea(RoutingContext ctx, String what) {
        Scope scope = askedScope(ctx);
        if (scope.isCheckpoint()) {
            throw new BadParameter(
                    "scope",
                    what + " of all or of an area (district:NAME, street:DISTRICT/STREET,"
                            + " community:DISTRICT/STREET/COMMUNITY, unit:NAME), got '" + scope + "'");
        }
        AccessToken token = token(ctx);
        if (!token.scope().contains(scope, id -> null)) {
            throw Forbidden.outside(scope, token);
        }
        return scope;
    }

    /**
     * The {@code within} area of a list of areas or of key persons: all or an area inside the token's (left out: the
     * token's own; {@code 400} a checkpoint, {@code 403} outside).
     */
    public static Scope within(RoutingContext ctx) {
        AccessToken token = token(ctx);
        String param = ctx.request().getParam("within");
        Scope within = param == null || param.isBlank() ? token.scope() : Params.scope("within", param);
        if (within.isCheckpoint()) {
            throw new BadParameter("within", "must be all or an area, not a checkpoint, got '" + within + "'");
        }
        if (!token.scope().contains(within, id -> null)) {
            throw Forbidden.outside(within, token);
        }
        return within;
    }

    /** A date in the path or the query, {@code YYYY-MM-DD}. */
    public static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeException | NullPointerException e) {
            throw new BadParameter(name, "must be a date YYYY-MM-DD, got '" + value + "'");
        }
    }
}
