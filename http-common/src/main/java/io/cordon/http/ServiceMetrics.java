package io.cordon.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A service's metrics, in Prometheus' text format at {@code GET /metrics} (docs/OPERATIONS.md, "What to watch"): every answer by
 * route template (never a path with an id in it) and status, the JVM, and what each service adds (batch latency,
 * event-log errors, websocket clients, ClickHouse query time, alert lag).
 */
public final class ServiceMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public ServiceMetrics(String service) {
        registry.config().commonTags("service", service);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The first handler of a router: times every request and counts it by route template, method and status. */
    public Handler<RoutingContext> requests() {
        return ctx -> {
            long started = System.nanoTime();
            ctx.addEndHandler(v -> {
                Route route = ctx.currentRoute();
                String template = route == null || route.getPath() == null ? "other" : route.getPath();
                Timer.builder("cordon_http_requests")
                        .description("answers by route template and status")
                        // buckets (_bucket), which add up across instances, where percentiles would not
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(30))
                        .tag("route", template)
                        .tag("method", methodTag(ctx.request().method()))
                        .tag("status", String.valueOf(ctx.response().getStatusCode()))
                        .register(registry)
                        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            });
            ctx.next();
        };
    }

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");

    /**
     * The method as a tag: one of the standard ones or {@code other}. Anyone can send any method string, before any token
     * is checked; a tag per string would grow the registry (and every scrape) without bound.
     */
    static String methodTag(HttpMethod method) {
        String name = method.name();
        return METHODS.contains(name) ? name : "other";
    }

    /** {@code GET /metrics}. */
    public Handler<RoutingContext> scrape() {
        return ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(registry.scrape());
    }
}
