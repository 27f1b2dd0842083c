package io.cordon.ingest;

import io.cordon.http.BearerAuth;
import io.cordon.http.Location;
import io.cordon.http.Problems;
import io.cordon.http.Scope;
import io.cordon.schemas.clickhouse.AuditLog;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
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
    private final EventLogWriter log;
    private final Clock clock;
    private final RegistryVisibility visibility;

    private final AuditLog audit;

    public RegistryHandler(
            Registry<T, ?> registry, EventLogWriter log, Clock clock, RegistryVisibility visibility, AuditLog audit) {
        this.audit = audit;
        this.registry = registry;
        this.log = log;
        this.clock = clock;
        this.visibility = visibility;
    }

    /** How many rows a request has, or the problem to answer. */
    private record Checked(int rows, JsonObject problem, Map<String, Integer> counts) {
        Checked(int rows, JsonObject problem) {
            this(rows, problem, Map.of());
        }
    }

    /** Rows stored per registry log append. */
    private static final int CHUNK = 20_000;

    @Override
    public void handle(RoutingContext ctx) {
        byte[] body =
                ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        boolean csv = ContentTypes.isCsv(ctx.request().getHeader("Content-Type"));
        Scope scope = BearerAuth.token(ctx).scope();
        // reading and checking up to a million rows is CPU work: on a worker, never on the event loop. Every row is
        // checked before any is stored; then the rows are read again and stored in chunks, so only a chunk is held
        ctx.vertx().executeBlocking(() -> check(body, csv, scope), false).onComplete(checked -> {
            if (checked.failed()) {
                ctx.fail(checked.cause());
            } else if (checked.result().problem() != null) {
                Problems.send(ctx.response(), checked.result().problem());
            } else {
                store(ctx, body, csv, checked.result().rows(), checked.result().counts());
            }
        });
    }

    private Checked check(byte[] body, boolean csv, Scope scope) {
        List<RegistryRows.RowError> errors = new ArrayList<>();
        int[] bad = {0};
        int[] outOfScope = {0};
        int[] added = {0};
        int[] closed = {0};
        int rows;
        try {
            rows = RegistryRows.forEach(
                    body, csv, registry.type().fields(), registry.type().requiredFields(), (row, n) -> {
                        List<RegistryRows.RowError> rowErrors = new ArrayList<>();
                        T entry = registry.type().fromRow(row, n, rowErrors);
                        if (rowErrors.isEmpty() && !scope.isAll()) {
                            outOfScope[0] += scopeErrors(entry, n, scope, rowErrors);
                        }
                        bad[0] += rowErrors.size();
                        if (rowErrors.isEmpty()) {
                            added[0] += registry.get(registry.type().id(entry)) == null ? 1 : 0;
                            closed[0] += registry.type().activeUntil(entry).isEmpty() ? 0 : 1;
                        }
                        if (errors.size() < MAX_LISTED_ERRORS) {
                            errors.addAll(rowErrors.subList(
                                    0, Math.min(rowErrors.size(), MAX_LISTED_ERRORS - errors.size())));
                        }
                    });
        } catch (RegistryRows.UnreadableBody e) {
            return new Checked(0, Problems.problem(400, "Bad Request", e.getMessage()));
        }
        if (bad[0] > 0) {
            JsonArray list = new JsonArray();
            errors.forEach(e -> list.add(
                    new JsonObject().put("row", e.row()).put("field", e.field()).put("message", e.message())));
            String detail = errors.get(0).describe() + (bad[0] > 1 ? " (and " + (bad[0] - 1) + " more)" : "")
                    + "; nothing of this request was stored";
            return new Checked(
                    0,
                    (outOfScope[0] == bad[0]
                                    ? Problems.problem(403, "Forbidden", detail)
                                    : Problems.problem(400, "Bad Request", detail))
                            .put("errors", list));
        }
        // for the audit log: rows new to the registry, rows of ids already registered, rows that set an end date
        return new Checked(
                rows, null, Map.of("rows", rows, "added", added[0], "changed", rows - added[0], "closed", closed[0]));
    }

    /**
     * A district's admin writes rows of its district only, and never takes over a row of another district; answers
     * how many errors it added.
     */
    private int scopeErrors(T entry, int n, Scope scope, List<RegistryRows.RowError> rowErrors) {
        var type = registry.type();
        Location at = type.location(entry);
        if (!scope.covers(at)) {
            rowErrors.add(new RegistryRows.RowError(n, type.outsideField(scope, at), FeedChecks.OUT_OF_SCOPE));
            return 1;
        }
        Object kept = registry.get(type.id(entry));
        if (kept != null && !scope.covers(mirroredLocation(kept))) {
            rowErrors.add(new RegistryRows.RowError(
                    n, type.fields().get(0), "is registered in another area, outside this token's scope"));
            return 1;
        }
        String foreign = registry.foreignReference(entry, scope);
        if (foreign != null) {
            // a new household naming another area's compound would move the compound, its rooms and its counts
            rowErrors.add(
                    new RegistryRows.RowError(n, foreign, "is registered in another area, outside this token's scope"));
            return 1;
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    private <M> Location mirroredLocation(Object kept) {
        return ((Registry.RowType<T, M>) registry.type()).mirroredLocation((M) kept);
    }

    /** The widest field of a row that lies outside a scope (the one to name in the error). */
    static String outsideField(Scope scope, Location at) {
        if (scope.kind().equals("unit")) {
            return "responsible_unit";
        }
        if (scope.districtName() != null && !scope.districtName().equals(at.district())) {
            return "district";
        }
        if (scope.kind().equals("community")
                && at.street() != null
                && scope.names().get(1).equals(at.street())) {
            // a checkpoint lies in a street, never inside one community: its street is what reaches past the scope
            return at.community() == null ? "street" : "community";
        }
        return scope.kind().equals("district") ? "district" : "street";
    }

    private void store(RoutingContext ctx, byte[] body, boolean csv, int rows, Map<String, Integer> counts) {
        Instant receivedAt = clock.instant();
        ctx.vertx()
                .executeBlocking(
                        () -> {
                            List<T> chunk = new ArrayList<>(CHUNK);
                            long[] lastChunk = {-1};
                            List<T> last = new ArrayList<>();
                            RegistryRows.forEach(
                                    body,
                                    csv,
                                    registry.type().fields(),
                                    registry.type().requiredFields(),
                                    (row, n) -> {
                                        chunk.add(registry.type().fromRow(row, n, new ArrayList<>()));
                                        if (chunk.size() == CHUNK && n < rows) {
                                            append(ctx, chunk, receivedAt);
                                            chunk.clear();
                                        }
                                    });
                            lastChunk[0] = append(ctx, chunk, receivedAt);
                            // the last rows of the upload stand for it (a query names at most 1,000 ids)
                            last.addAll(chunk.subList(Math.max(0, chunk.size() - 1000), chunk.size()));
                            // answered once the dashboard can see the upload (bounded: it is in the log whatever
                            // happens)
                            visibility.await(
                                    registry.type().table(),
                                    registry.type().fields().get(0),
                                    last.stream().map(registry.type()::id).toList(),
                                    lastChunk[0],
                                    registry.type().compounds(last));
                            return rows;
                        },
                        false)
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        var token = BearerAuth.token(ctx);
                        audit.record(
                                receivedAt,
                                "registry_upsert",
                                token.label(),
                                token.scope().districtName() == null
                                        ? ""
                                        : token.scope().districtName(),
                                registry.type().table(),
                                null,
                                counts);
                        ctx.response()
                                .putHeader("Content-Type", "application/json")
                                .end(new JsonObject()
                                        .put("upserted", ar.result())
                                        .encode());
                    } else {
                        LOG.warn(
                                "registry {} could not be written to the registry log: {}",
                                registry.type().table(),
                                ar.cause().getMessage());
                        ctx.response().putHeader("Retry-After", "5");
                        Problems.send(
                                ctx.response(),
                                503,
                                "Service Unavailable",
                                "the registry log cannot take writes now; send the upload again later (rows are upserted by id)");
                    }
                });
    }

    /** Appends one chunk and waits for it (on a worker thread); answers its lowest log offset (-1 for none). */
    private long append(RoutingContext ctx, List<T> chunk, Instant receivedAt) {
        if (chunk.isEmpty()) {
            return -1;
        }
        return registry.upsert(ctx.vertx(), log, new ArrayList<>(chunk), receivedAt)
                .toCompletionStage()
                .toCompletableFuture()
                .join();
    }
}
