package io.cordon.dashboard.reports;

import io.cordon.dashboard.checkpoints.CheckpointCounts;
import io.cordon.dashboard.files.SnapshotExporter;
import io.cordon.http.Scope;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The files of a report of record: the city's and every district's, in every format, as the rows of {@code reports}.
 * The whole city's PDF and workbook are a second of work each, and a freeze renders the city and every district: the
 * scopes are rendered side by side, one to a core.
 */
public final class FrozenFiles {

    private FrozenFiles() {}

    /** One scope's report in every format: its rows of {@code reports}, and the SHA-256 of its JSON rendering. */
    public record Rendered(Scope scope, List<String> rows, String jsonSha256) {}

    /**
     * The city's report and each district's slice of it, the city first: every district with a checkpoint or a
     * compound in it, its totals over all its checkpoints (closed ones too) when {@code districtTotals} has them.
     */
    public static Map<Scope, JsonObject> scopes(JsonObject city, Map<String, CheckpointCounts[]> districtTotals) {
        Map<Scope, JsonObject> reports = new LinkedHashMap<>();
        reports.put(Scope.ALL, city);
        TreeSet<String> districts = new TreeSet<>();
        city.getJsonArray("checkpoints").forEach(c -> districts.add(((JsonObject) c).getString("district", "")));
        city.getJsonArray("compounds").forEach(c -> districts.add(((JsonObject) c).getString("district", "")));
        districts.remove("");
        for (String d : districts) {
            reports.put(Scope.district(d), ReportSlices.slice(city, Scope.district(d), districtTotals.get(d)));
        }
        return reports;
    }

    /**
     * Every scope's files, in the order of {@code reports}: side by side ({@code sideBySide}, as a freeze does, on
     * threads of its own, one a core, gone when it is done: nothing else in the process waits behind a freeze), or one
     * after the other on the calling thread. Nothing is shared between two scopes but the snapshot, which is only read.
     */
    public static List<Rendered> render(
            LocalDate date,
            String cutoff,
            String frozenAt,
            long frozenAtMs,
            Map<Scope, JsonObject> reports,
            boolean sideBySide) {
        if (!sideBySide) {
            return reports.entrySet().stream()
                    .map(r -> render(date, r.getKey(), cutoff, frozenAt, frozenAtMs, r.getValue()))
                    .toList();
        }
        ExecutorService threads = Executors.newFixedThreadPool(
                Math.min(reports.size(), Runtime.getRuntime().availableProcessors()), r -> {
                    Thread t = new Thread(r, "cordon-report-files");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<Rendered>> rendering = new ArrayList<>();
            reports.forEach((scope, snapshot) ->
                    rendering.add(threads.submit(() -> render(date, scope, cutoff, frozenAt, frozenAtMs, snapshot))));
            List<Rendered> rendered = new ArrayList<>();
            for (Future<Rendered> f : rendering) {
                rendered.add(f.get());
            }
            return rendered;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the report's files were not rendered: interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }

    static Rendered render(
            LocalDate date, Scope scope, String cutoff, String frozenAt, long frozenAtMs, JsonObject snapshot) {
        String sha = null;
        List<String> rows = new ArrayList<>();
        for (String format : SnapshotRequest.FORMATS) {
            byte[] bytes = format.equals("json")
                    ? snapshot.encode().getBytes(StandardCharsets.UTF_8)
                    : SnapshotExporter.export(snapshot, format);
            String hash = sha256(bytes);
            if (format.equals("json")) {
                sha = hash;
            }
            rows.add(new JsonObject()
                    .put("date", date.toString())
                    .put("scope", scope.toString())
                    .put("format", format)
                    .put("cutoff", cutoff)
                    .put("frozen_at", frozenAt)
                    .put("frozen_at_ms", frozenAtMs)
                    .put("sha256", hash)
                    .put("body", Base64.getEncoder().encodeToString(bytes))
                    .encode());
        }
        return new Rendered(scope, rows, sha);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
