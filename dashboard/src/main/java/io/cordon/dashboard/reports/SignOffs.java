package io.cordon.dashboard.reports;

import io.cordon.http.Scope;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import io.cordon.schemas.clickhouse.Tables;
import io.cordon.schemas.clickhouse.TsvRows;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The sign-offs of frozen reports up the chain (table {@code report_area_sign_offs}; district sign-offs of the second
 * release in {@code report_sign_offs} still count as signed), kept beside the reports, never inside.
 */
public record SignOffs(ClickHouseHttp clickHouse, ZoneId zone, SignOffChain chain) {

    private static final DateTimeFormatter CH_TIME = ClickHouseSql.DATE_TIME;

    /** An area's latest sign-off state: {@code signed} or {@code returned}, by whom and when. */
    public record State(Scope area, String status, String actor, Instant at, String note, Instant signedAt) {

        public boolean signed() {
            return status.equals("signed");
        }
    }

    /** The district sign-offs of a date's report (all, or one district's), by district: the second release's list. */
    public CompletableFuture<JsonArray> of(LocalDate date, String district) {
        return states(date).thenApply(states -> {
            JsonArray out = new JsonArray();
            states.values().stream()
                    .filter(s -> s.area().isDistrict() && s.signed())
                    .filter(s -> district == null || s.area().value().equals(district))
                    .forEach(s -> out.add(new JsonObject()
                            .put("district", s.area().value())
                            .put("signed_by", s.actor())
                            .put("signed_at", format(s.signedAt()))
                            .put("note", s.note())));
            return out;
        });
    }

    /** The latest state of every area that signed (or was returned) for a date, by area. */
    public CompletableFuture<Map<Scope, State>> states(LocalDate date) {
        CompletableFuture<String> legacy = clickHouse.execute(
                "SELECT district, signed_by, toUInt32(signed_at), note FROM " + Tables.REPORT_SIGN_OFFS
                        + " FINAL WHERE date = toDate('" + date + "') ORDER BY district FORMAT TSV");
        CompletableFuture<String> chained = clickHouse.execute("SELECT area, status, actor, toUInt32(at), note, "
                + "toUInt32(signed_at) FROM " + Tables.REPORT_AREA_SIGN_OFFS + " FINAL WHERE date = toDate('" + date
                + "') ORDER BY area FORMAT TSV");
        return legacy.thenCombine(chained, (old, now) -> {
            Map<Scope, State> states = new LinkedHashMap<>();
            for (String[] f : TsvRows.parse(old)) {
                Instant at = Instant.ofEpochSecond(TsvRows.number(f[2]));
                states.put(Scope.district(f[0]), new State(Scope.district(f[0]), "signed", f[1], at, f[3], at));
            }
            for (String[] f : TsvRows.parse(now)) {
                Scope area = Scope.parse(f[0]);
                states.put(
                        area,
                        new State(
                                area,
                                f[1],
                                f[2],
                                Instant.ofEpochSecond(TsvRows.number(f[3])),
                                f[4],
                                Instant.ofEpochSecond(TsvRows.number(f[5]))));
            }
            return states;
        });
    }

    /**
     * Every area of the signing levels (districts of the report's slices, and the districts, streets and communities
     * of the household registry), narrowest level first, each level by name.
     */
    public CompletableFuture<List<Scope>> areas(LocalDate date) {
        CompletableFuture<String> slices = clickHouse.execute("SELECT DISTINCT substring(scope, 10) FROM "
                + Tables.REPORTS + " FINAL WHERE date = toDate('" + date
                + "') AND format = 'json' AND scope LIKE 'district:%' FORMAT TSV");
        CompletableFuture<String> registry = clickHouse.execute(
                "SELECT DISTINCT district, street, community FROM " + Tables.COMPOUNDS + " FINAL FORMAT TSV");
        return slices.thenCombine(registry, (s, r) -> {
            Map<String, TreeSet<String>> byLevel = new LinkedHashMap<>();
            SignOffChain.ORDER.forEach(l -> byLevel.put(l, new TreeSet<>()));
            for (String[] f : TsvRows.parse(s)) {
                byLevel.get("district").add(Scope.district(f[0]).toString());
            }
            for (String[] f : TsvRows.parse(r)) {
                byLevel.get("district").add(Scope.district(f[0]).toString());
                byLevel.get("street").add(Scope.street(f[0], f[1]).toString());
                byLevel.get("community").add(Scope.community(f[0], f[1], f[2]).toString());
            }
            List<Scope> areas = new ArrayList<>();
            for (String level : chain.levels()) {
                byLevel.get(level).forEach(a -> areas.add(Scope.parse(a)));
            }
            return areas;
        });
    }

    /**
     * Every area of every signing level inside a scope with its state: {@code {"area", "level", "status": "signed" |
     * "returned" | "unsigned", "signed_at", "by", "on_time"}}, plus the second release's {@code district},
     * {@code signed}, {@code signed_by} and {@code note} for a district; a returned area also has {@code returned_by},
     * {@code returned_at} and {@code reason}.
     */
    public CompletableFuture<List<JsonObject>> status(LocalDate date, Scope within) {
        Instant due = chain.dueOn(date, zone).toInstant();
        return areas(date).thenCombine(states(date), (areas, states) -> {
            List<JsonObject> rows = new ArrayList<>();
            for (Scope area : areas) {
                if (!within.contains(area, id -> null)) {
                    continue;
                }
                State s = states.get(area);
                String status = s == null ? "unsigned" : s.status();
                boolean signed = s != null && s.signed();
                JsonObject row = new JsonObject()
                        .put("area", area.toString())
                        .put("level", area.kind())
                        .put("status", status)
                        .put("signed_at", signed ? format(s.signedAt()) : null)
                        .put("by", s == null ? null : s.actor())
                        .put("on_time", signed && s.signedAt().isBefore(due))
                        .put("signed", signed)
                        .put("signed_by", signed ? s.actor() : null)
                        .put("note", s == null ? null : s.note());
                if (s != null && !signed) {
                    // returned: who sent it back, when and why (by and note say the same, as the list always had them)
                    row.put("returned_by", s.actor())
                            .put("returned_at", format(s.at()))
                            .put("reason", s.note());
                }
                if (area.isDistrict()) {
                    row.put("district", area.value());
                }
                rows.add(row);
            }
            return rows;
        });
    }

    /** Records an area's sign-off of a frozen report (kept beside it, never inside its files). */
    public CompletableFuture<JsonObject> sign(LocalDate date, Scope area, String label, String note, Instant now) {
        return write(date, area, "signed", label, note, now, now).thenApply(x -> {
            JsonObject answer = new JsonObject()
                    .put("date", date.toString())
                    .put("area", area.toString())
                    .put("level", area.kind())
                    .put("status", "signed")
                    .put("by", label)
                    .put("signed_by", label)
                    .put("signed_at", format(now))
                    .put("on_time", now.isBefore(chain.dueOn(date, zone).toInstant()))
                    .put("note", note);
            if (area.isDistrict()) {
                answer.put("district", area.value());
            }
            return answer;
        });
    }

    /** Reopens the sign-offs of some areas ({@code returned}, with the reason as the note). */
    public CompletableFuture<Void> reopen(
            LocalDate date, List<State> signed, String label, String reason, Instant now) {
        List<String> rows = new ArrayList<>();
        for (State s : signed) {
            rows.add(row(date, s.area(), "returned", label, reason, now, s.signedAt()));
        }
        return clickHouse.insertJsonEachRow(Tables.REPORT_AREA_SIGN_OFFS, rows).thenApply(x -> null);
    }

    private CompletableFuture<?> write(
            LocalDate date, Scope area, String status, String label, String note, Instant at, Instant signedAt) {
        return clickHouse.insertJsonEachRow(
                Tables.REPORT_AREA_SIGN_OFFS, List.of(row(date, area, status, label, note, at, signedAt)));
    }

    private static String row(
            LocalDate date, Scope area, String status, String label, String note, Instant at, Instant signedAt) {
        return new JsonObject()
                .put("date", date.toString())
                .put("area", area.toString())
                .put("level", area.kind())
                .put("status", status)
                .put("actor", label)
                .put("at", CH_TIME.format(at))
                .put("note", note == null ? "" : note)
                .put("signed_at", CH_TIME.format(signedAt))
                // the latest action wins: its time in microseconds, so that two within a second keep their order
                .put("version", at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000)
                .encode();
    }

    private String format(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                instant.atZone(zone).withNano(0));
    }
}
