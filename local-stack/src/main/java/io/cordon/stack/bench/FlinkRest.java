package io.cordon.stack.bench;

import io.cordon.stack.LocalStack;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the city benches read from the Flink job's REST API: checkpoints, each operator's state, RocksDB's estimates. */
final class FlinkRest {

    private final LocalStack stack;
    private final HttpClient http;

    FlinkRest(LocalStack stack, HttpClient http) {
        this.stack = stack;
        this.http = http;
    }

    /** A GET of the REST API, its JSON answer. */
    JsonObject get(String path) throws Exception {
        return new JsonObject(http.send(
                        HttpRequest.newBuilder(URI.create(stack.flink().restUrl() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
    }

    /** Waits for a checkpoint triggered after this call to complete, and returns its id. */
    long awaitCheckpoint() throws Exception {
        String job = "/jobs/" + stack.flink().job().getJobID();
        long after = System.currentTimeMillis();
        while (true) {
            JsonObject last = get(job + "/checkpoints").getJsonObject("latest").getJsonObject("completed");
            if (last != null && last.getLong("trigger_timestamp") > after) {
                return last.getLong("id");
            }
            Thread.sleep(1_000);
        }
    }

    /**
     * RocksDB's estimates of the keys and the live bytes of each state (summed over the subtasks), read from the job's
     * metrics: unlike the files a checkpoint refers to, they leave out entries deleted but not yet compacted away.
     */
    String rocksDbEstimates() throws Exception {
        String job = "/jobs/" + stack.flink().job().getJobID();
        Map<String, long[]> byState = new TreeMap<>();
        for (Object v : get(job).getJsonArray("vertices")) {
            String vertex = job + "/vertices/" + ((JsonObject) v).getString("id") + "/metrics";
            List<String> ids = new ArrayList<>();
            for (Object m : new JsonArray(http.send(
                            HttpRequest.newBuilder(URI.create(stack.flink().restUrl() + vertex))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body())) {
                String id = ((JsonObject) m).getString("id");
                if (id.endsWith(".rocksdb_estimate-num-keys") || id.endsWith(".rocksdb_estimate-live-data-size")) {
                    ids.add(id);
                }
            }
            if (ids.isEmpty()) {
                continue;
            }
            String get = URLEncoder.encode(String.join(",", ids), StandardCharsets.UTF_8);
            for (Object m : new JsonArray(http.send(
                            HttpRequest.newBuilder(URI.create(stack.flink().restUrl() + vertex + "?get=" + get))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body())) {
                JsonObject metric = (JsonObject) m;
                String id = metric.getString("id");
                // <subtask>.<operator>.<state>.rocksdb_<property>, the operator's name with underscores for blanks
                String head = id.substring(0, id.lastIndexOf(".rocksdb_"));
                String state = head.substring(head.indexOf('.') + 1);
                long value = (long) Double.parseDouble(metric.getString("value", "0"));
                long[] sums = byState.computeIfAbsent(state, k -> new long[2]);
                sums[id.endsWith("num-keys") ? 0 : 1] += value;
            }
        }
        StringBuilder s = new StringBuilder("RocksDB estimates:");
        byState.forEach((state, sums) -> {
            if (sums[0] >= 1_000) {
                s.append(String.format(" %s %,d keys %,.1f MiB live;", state, sums[0], sums[1] / 1048576.0));
            }
        });
        return s.toString();
    }

    /** A checkpoint's duration and each stateful operator chain's state (bytes of every file its state refers to). */
    String stateByOperator(long checkpoint) throws Exception {
        String job = "/jobs/" + stack.flink().job().getJobID();
        Map<String, String> names = new HashMap<>();
        for (Object v : get(job).getJsonArray("vertices")) {
            JsonObject vertex = (JsonObject) v;
            String name = vertex.getString("name");
            names.put(vertex.getString("id"), name.contains(" -> ") ? name.substring(0, name.indexOf(" -> ")) : name);
        }
        JsonObject details = get(job + "/checkpoints/details/" + checkpoint);
        StringBuilder s = new StringBuilder(String.format(
                "checkpoint %d took %,d ms, state %,.1f MiB",
                checkpoint, details.getLong("end_to_end_duration"), details.getLong("state_size") / 1048576.0));
        JsonObject tasks = details.getJsonObject("tasks");
        for (String id : tasks.fieldNames()) {
            long size = tasks.getJsonObject(id).getLong("state_size", 0L);
            if (size > 0) {
                s.append(String.format("; %s: %,.1f MiB", names.getOrDefault(id, id), size / 1048576.0));
            }
        }
        return s.toString();
    }
}
