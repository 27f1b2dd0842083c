package io.cordon.testkit;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in KRaft mode (one combined broker and controller) from the Maven artifacts, in this JVM.
 * Its log directory is formatted once and kept, so a restarted stack carries on from the same topics and offsets.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);

    private final KafkaRaftServer server;
    private final int port;

    private final boolean freshlyFormatted;

    private LocalKafka(KafkaRaftServer server, int port, boolean freshlyFormatted) {
        this.server = server;
        this.port = port;
        this.freshlyFormatted = freshlyFormatted;
    }

    /** True when this start formatted a new, empty log: offsets from any earlier run mean nothing here. */
    public boolean freshlyFormatted() {
        return freshlyFormatted;
    }

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    public static LocalKafka start(Path dir) throws Exception {
        int port = FreePorts.next();
        int controllerPort = FreePorts.next();
        return start(dir, 1, Map.of(1, controllerPort), port, Uuid.randomUuid().toString(), 1);
    }

    /**
     * One node (broker and controller) of a KRaft cluster whose controllers listen on {@code controllerPorts} (node id
     * to port, on 127.0.0.1); {@code replication} sets the internal topics' replication (their min ISR is one less).
     */
    public static LocalKafka start(
            Path dir, int nodeId, Map<Integer, Integer> controllerPorts, int port, String clusterId, int replication)
            throws Exception {
        Path logDir = dir.toAbsolutePath().resolve("logs");
        Files.createDirectories(logDir);
        boolean fresh = !Files.exists(logDir.resolve("meta.properties"));
        if (fresh) {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setClusterId(clusterId)
                    .setNodeId(nodeId)
                    .setDirectories(Set.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setControllerListenerName("CONTROLLER")
                    .setIgnoreFormatted(true)
                    .run();
        }
        int controllerPort = controllerPorts.get(nodeId);
        String voters = controllerPorts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "@127.0.0.1:" + e.getValue())
                .collect(Collectors.joining(","));
        String minIsr = String.valueOf(Math.max(1, replication - 1));
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(nodeId));
        p.put("controller.quorum.voters", voters);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "2");
        p.put("offsets.topic.replication.factor", String.valueOf(replication));
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", String.valueOf(replication));
        p.put("transaction.state.log.min.isr", minIsr);
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", String.valueOf(replication));
        p.put("share.coordinator.state.topic.min.isr", minIsr);
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.retention.hours", "-1");
        p.put("auto.create.topics.enable", "false");
        if (controllerPorts.size() > 1) {
            // a stopped node of a cluster goes at once, as a crashed one would, and is noticed within seconds;
            // the last nodes of a cluster being closed do not wait for a quorum that is gone
            p.put("controlled.shutdown.enable", "false");
            p.put("broker.session.timeout.ms", "3000");
            p.put("broker.heartbeat.interval.ms", "500");
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(p, false), Time.SYSTEM);
        server.startup();
        LOG.debug("Kafka node {} up at 127.0.0.1:{}", nodeId, port);
        return new LocalKafka(server, port, fresh);
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
