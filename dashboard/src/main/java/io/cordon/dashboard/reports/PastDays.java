package io.cordon.dashboard.reports;

import io.cordon.dashboard.screening.AreaScreening;
import io.cordon.dashboard.web.BadParameter;
import io.cordon.http.Scope;
import io.cordon.schemas.CheckpointCount;
import io.cordon.schemas.OperationClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A past day as the wall shows it ({@code GET /api/v1/days/{date}}): that day's frozen report of record (or its
 * slice of the scope's area) when the day is frozen; else the day's snapshot as of its end (a day never frozen), or
 * as of the report's cutoff for an area the report does not hold. The answer carries the tiles in the
 * live message's shape (the seven counts with {@code today} and {@code cumulative} only, the screening tiles, the key
 * persons), the checkpoint rows, the areas one level down and the compounds of lowest coverage, and says where they
 * come from. A day is read at most once a minute per scope: every wall showing it shares the read.
 */
public final class PastDays {

    /** The compounds of lowest coverage a past day lists (the wall shows 12). */
    static final int WORST_COMPOUNDS = 20;

    private static final long KEEP_MILLIS = 60_000;

    /** The first day ClickHouse's dates and times hold in every time zone. */
    static final LocalDate FIRST_DAY = LocalDate.of(1970, 1, 2);

    private final ReportService reports;
    private final SnapshotService snapshots;
    private final OperationClock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(long readAt, CompletableFuture<JsonObject> day) {}

    public PastDays(ReportService reports, SnapshotService snapshots, OperationClock clock) {
        this.reports = reports;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    /** The day of a scope (all or an area); a day not yet over is refused ({@link BadParameter} on {@code date}). */
    public CompletableFuture<JsonObject> of(LocalDate date, Scope scope) {
        LocalDate today = clock.today();
        if (!date.isBefore(today)) {
            throw new BadParameter(
                    "date",
                    "must be a day before today (" + today + "): today is live on the wall, got '" + date + "'");
        }
        if (date.isBefore(FIRST_DAY)) {
            throw new BadParameter(
                    "date",
                    "must be a day from " + FIRST_DAY + " (the store keeps no earlier day), got '" + date + "'");
        }
        String key = date + " " + scope;
        long now = System.currentTimeMillis();
        Cached c = cache.compute(
                key,
                (k, old) -> old == null
                                || now - old.readAt() > KEEP_MILLIS
                                || old.day().isCompletedExceptionally()
                        ? new Cached(now, read(date, scope))
                        : old);
        cache.values().removeIf(old -> now - old.readAt() > KEEP_MILLIS && old != c);
        return c.day();
    }

    private CompletableFuture<JsonObject> read(LocalDate date, Scope scope) {
        return reports.list(Scope.ALL).thenCompose(list -> {
            ReportService.Entry frozen = list.stream()
                    .filter(e -> e.date().equals(date.toString()))
                    .findFirst()
                    .orElse(null);
            if (frozen == null) {
                return computed(date, "24:00", scope).thenApply(s -> wall(s, scope, null, clock));
            }
            return reports.download(date, scope, "json")
                    .thenCompose(bytes -> bytes != null
                            ? CompletableFuture.completedFuture(wall(
                                    new JsonObject(new String(bytes, StandardCharsets.UTF_8)), scope, frozen, clock))
                            : computed(date, frozen.cutoff(), scope)
                                    .thenApply(
                                            s -> wall(s, scope, frozen, clock).put("source", "snapshot")));
        });
    }

    private CompletableFuture<JsonObject> computed(LocalDate date, String cutoff, Scope scope) {
        return snapshots.snapshot(new SnapshotRequest(date, cutoff, clock.zone(), null, "json"), scope);
    }

    /**
     * The wall's day from a snapshot or a frozen report's JSON: {@code frozen} is the city's entry of that date (null:
     * not frozen).
     */
    static JsonObject wall(JsonObject snapshot, Scope scope, ReportService.Entry frozen, OperationClock clock) {
        JsonObject totals = snapshot.getJsonObject("totals");
        JsonObject tiles = new JsonObject();
        for (CheckpointCount k : CheckpointCount.ALL) {
            tiles.put(
                    k.key(),
                    new JsonObject()
                            .put("today", totals.getJsonObject("today").getLong(k.key(), 0L))
                            .put(
                                    "cumulative",
                                    totals.getJsonObject("cumulative").getLong(k.key(), 0L)));
        }
        JsonArray compounds = snapshot.getJsonArray("compounds", new JsonArray());
        Integer round = snapshot.getInteger("round");
        long households = 0;
        long resolved = 0;
        long overdue = 0;
        List<JsonObject> rows = new ArrayList<>(compounds.size());
        for (Object o : compounds) {
            JsonObject c = (JsonObject) o;
            households += c.getLong("households", 0L);
            resolved += c.getLong("resolved", 0L);
            overdue += c.getLong("revisit_overdue", 0L);
            rows.add(c);
        }
        boolean screening = !compounds.isEmpty();
        tiles.put("unvisited_homes", screeningTile(round, screening ? households - resolved : null));
        tiles.put("revisit_overdue", screeningTile(round, screening ? overdue : null));
        tiles.put(
                "coverage_pct", screeningTile(round, screening ? AreaScreening.coverage(resolved, households) : null));
        JsonObject persons = snapshot.getJsonObject("key_persons");
        tiles.put("key_persons", persons == null ? null : persons.getJsonObject("totals"));
        // the lowest coverage first, then the most unvisited, then by id: as the compound table's "coverage" order
        rows.sort(Comparator.<JsonObject>comparingDouble(c -> c.getDouble("coverage_pct", 0.0))
                .thenComparing(Comparator.<JsonObject>comparingLong(c -> c.getLong("unvisited", 0L))
                        .reversed())
                .thenComparing(c -> c.getString("compound_id", "")));
        JsonArray worst = new JsonArray();
        rows.stream().limit(WORST_COMPOUNDS).forEach(worst::add);
        JsonObject names = new JsonObject();
        JsonArray checkpoints = snapshot.getJsonArray("checkpoints", new JsonArray());
        checkpoints.forEach(
                o -> names.put(((JsonObject) o).getString("checkpoint_id"), ((JsonObject) o).getString("name")));
        LocalDate date = LocalDate.parse(snapshot.getString("date"));
        JsonObject day = new JsonObject()
                .put("date", date.toString())
                .put("cutoff", snapshot.getString("cutoff"))
                .put("timezone", clock.zone().getId())
                .put("today", clock.today().toString())
                .put("day_start", iso(clock, date))
                .put("day_end", iso(clock, date.plusDays(1)))
                .put("scope", scope.toString())
                .put("history", true)
                .put("frozen", frozen != null)
                .put("source", frozen != null ? "report" : "snapshot")
                .put("round", round)
                .put("tiles", tiles)
                .put("checkpoint_names", names)
                .put("checkpoints", checkpoints)
                .put("areas", areasBelow(snapshot.getJsonObject("areas"), scope))
                .put("compounds", worst);
        if (frozen != null) {
            day.put("frozen_at", frozen.frozenAt());
        }
        return day;
    }

    private static JsonObject screeningTile(Integer round, Object value) {
        return new JsonObject().put("round", round).put("value", value);
    }

    /** The areas one level below the scope (the city's districts, a district's streets, a street's communities). */
    static JsonArray areasBelow(JsonObject areas, Scope scope) {
        if (areas == null) {
            return new JsonArray();
        }
        String level = switch (scope.kind()) {
            case "district" -> "street";
            case "street", "community" -> "community";
            default -> "district";
        };
        JsonArray out = new JsonArray();
        for (Object o : areas.getJsonArray(level, new JsonArray())) {
            JsonObject row = (JsonObject) o;
            if (scope.isAll() || !row.getString("area").equals(scope.toString())) {
                out.add(row);
            }
        }
        return out;
    }

    private static String iso(OperationClock clock, LocalDate date) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(clock.startOf(date).atZone(clock.zone()));
    }
}
