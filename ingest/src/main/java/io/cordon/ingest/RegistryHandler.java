package io.cordon.ingest;

import java.time.Clock;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** PUT of a registry: every row checked first; one bad row rejects the request, naming row and field. */
public final class RegistryHandler<T> implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHandler.class);
    private static final int MAX_LISTED_ERRORS = 100;

    private final Registry<T, ?> registry;
    private final EventLog log;
    private final Clock clock;

    public RegistryHandler(Registry<T, ?> registry, EventLog log, Clock clock) {
        this.registry = registry;
        this.log = log;
        this.clock = clock;
    }

    /** The rows of a request, or the problem to answer. */
    private record Checked<T>(List<T> entries, JsonObject problem) {
    }

    @Override
    public void handle(RoutingContext ctx) {
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        boolean csv = ContentTypes.isCsv(ctx.request().getHeader("Content-Type"));
        // reading and checking up to hundreds of thousands of rows is CPU work: on a worker, not on the event loop
        ctx.vertx().executeBlocking(() -> check(body, csv), false).onComplete(checked -> {
            if (checked.failed()) {
                ctx.fail(checked.cause());
            } else if (checked.result().problem() != null) {
                Problems.send(ctx.response(), checked.result().problem());
            } else {
                store(ctx, checked.result().entries());
            }
        });
    }

    private Checked<T> check(byte[] body, boolean csv) {
        List<String> fields = registry.type().fields();
        List<Map<String, String>> rows;
        try {
            rows = csv ? RegistryRows.csv(body, fields, registry.type().requiredFields()) : RegistryRows.json(body, fields);
        } catch (RegistryRows.UnreadableBody e) {
            return new Checked<>(null, Problems.problem(400, "Bad Request", e.getMessage()));
        }
        List<RegistryRows.RowError> errors = new ArrayList<>();
        List<T> entries = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            entries.add(registry.type().fromRow(rows.get(i), i + 1, errors));
        }
        if (!errors.isEmpty()) {
            JsonArray list = new JsonArray();
            errors.stream().limit(MAX_LISTED_ERRORS).forEach(e ->
                    list.add(new JsonObject().put("row", e.row()).put("field", e.field()).put("message", e.message())));
            String detail = errors.get(0).describe() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "")
                    + "; nothing of this request was stored";
            return new Checked<>(null, Problems.problem(400, "Bad Request", detail).put("errors", list));
        }
        return new Checked<>(entries, null);
    }

    private void store(RoutingContext ctx, List<T> entries) {
        registry.upsert(ctx.vertx(), log, entries, clock.instant()).onComplete(ar -> {
            if (ar.succeeded()) {
                ctx.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("upserted", ar.result()).encode());
            } else {
                LOG.warn("registry {} could not be written to the registry log: {}", registry.type().table(), ar.cause().getMessage());
                ctx.response().putHeader("Retry-After", "5");
                Problems.send(ctx.response(), 503, "Service Unavailable",
                        "the registry log cannot take writes now; send the upload again later (rows are upserted by id)");
            }
        });
    }
}
