package io.cordon.ingest;

import io.cordon.http.Problems;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.function.Predicate;

/** Media types the feeds and the registry accept. */
final class ContentTypes {

    private ContentTypes() {}

    static String base(String header) {
        if (header == null) {
            return "";
        }
        int semi = header.indexOf(';');
        return (semi >= 0 ? header.substring(0, semi) : header).strip().toLowerCase(Locale.ROOT);
    }

    static boolean isNdjson(String header) {
        String b = base(header);
        return b.equals("application/x-ndjson") || b.equals("application/ndjson");
    }

    static boolean isJson(String header) {
        return base(header).equals("application/json");
    }

    static boolean isCsv(String header) {
        return base(header).equals("text/csv");
    }

    /** Lets a request through whose Content-Type is accepted; answers any other {@code 415}, naming what to send. */
    static Handler<RoutingContext> required(Predicate<String> accepted, String expected) {
        return ctx -> {
            String type = ctx.request().getHeader("Content-Type");
            if (accepted.test(type)) {
                ctx.next();
            } else {
                Problems.send(
                        ctx.response(),
                        415,
                        "Unsupported Media Type",
                        "Content-Type " + (type == null ? "is missing" : "'" + type + "' is not accepted") + "; send "
                                + expected);
            }
        };
    }
}
