package io.cordon.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft cluster of {@code n} real Kafka nodes (each broker and controller) in this JVM, as compose runs three: for
 * the tests that stop a broker under load. Internal topics are replicated on every node, with a min ISR of n − 1.
 */
public final class LocalKafkaCluster implements AutoCloseable {

    private final List<LocalKafka> nodes;
    private final Set<Integer> stopped = ConcurrentHashMap.newKeySet();

    private LocalKafkaCluster(List<LocalKafka> nodes) {
        this.nodes = nodes;
    }

    public static LocalKafkaCluster start(Path dir, int n) throws Exception {
        Map<Integer, Integer> controllers = new LinkedHashMap<>();
        List<Integer> ports = new ArrayList<>();
        for (int id = 1; id <= n; id++) {
            controllers.put(id, FreePorts.next());
            ports.add(FreePorts.next());
        }
        // one cluster id for the directory's life: a cluster started again on its data keeps it
        Files.createDirectories(dir);
        Path idFile = dir.resolve("cluster-id");
        String clusterId;
        if (Files.exists(idFile)) {
            clusterId = Files.readString(idFile).strip();
        } else {
            clusterId = Uuid.randomUuid().toString();
            Files.writeString(idFile, clusterId);
        }
        // the controllers must find a quorum before any of them finishes starting: start them side by side
        List<CompletableFuture<LocalKafka>> starting = new ArrayList<>();
        for (int id = 1; id <= n; id++) {
            int node = id;
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return LocalKafka.start(
                            dir.resolve("node-" + node), node, controllers, ports.get(node - 1), clusterId, n);
                } catch (Exception e) {
                    throw new IllegalStateException("Kafka node " + node + " did not start", e);
                }
            }));
        }
        List<LocalKafka> nodes = new ArrayList<>();
        for (CompletableFuture<LocalKafka> f : starting) {
            nodes.add(f.join());
        }
        return new LocalKafkaCluster(nodes);
    }

    public String bootstrap() {
        return String.join(",", nodes.stream().map(LocalKafka::bootstrap).toList());
    }

    /** Stops one node (its partitions' leadership moves to the others). */
    public void stop(int index) {
        if (stopped.add(index)) {
            nodes.get(index).close();
        }
    }

    @Override
    public void close() {
        // the remaining nodes stop side by side: one by one, the last would wait for a quorum that is gone
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            int index = i;
            stopping.add(CompletableFuture.runAsync(() -> stop(index)));
        }
        stopping.forEach(CompletableFuture::join);
    }
}
