package io.cordon.ingest;

import io.cordon.http.BearerAuth;
import io.cordon.http.Problems;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code CORDON_FEED_RATE_LIMIT} feed requests a second per token (a bucket of two seconds' worth, so a
 * device that was offline may catch up in a burst); beyond it, {@code 429} with {@code Retry-After}. One runaway
 * device or script cannot take the service from every other checkpoint. 0 turns the limit off.
 */
final class FeedRateLimit implements Handler<RoutingContext> {

    private final double perSecond;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    FeedRateLimit(int perSecond) {
        this.perSecond = perSecond;
        this.burst = 2.0 * perSecond;
    }

    private final class Bucket {
        private double tokens = burst;
        private long last = System.nanoTime();

        /** 0 when a request may go now, otherwise how many whole seconds to wait. */
        synchronized long take() {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (perSecond <= 0) {
            ctx.next();
            return;
        }
        var token = BearerAuth.token(ctx);
        long wait =
                buckets.computeIfAbsent(token.secretSha256(), k -> new Bucket()).take();
        if (wait == 0) {
            ctx.next();
        } else {
            ctx.response().putHeader("Retry-After", String.valueOf(wait));
            Problems.send(
                    ctx.response(),
                    429,
                    "Too Many Requests",
                    "the token '" + token.label() + "' sent more than " + (long) perSecond
                            + " feed requests a second; send again after " + wait + " s, or batch items");
        }
    }
}
