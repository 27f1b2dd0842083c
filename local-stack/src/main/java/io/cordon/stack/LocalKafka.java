package io.cordon.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
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
        Path logDir = dir.toAbsolutePath().resolve("logs");
        Files.createDirectories(logDir);
        boolean fresh = !Files.exists(logDir.resolve("meta.properties"));
        if (fresh) {
            new Formatter()
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(1)
                    .setDirectories(Set.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setControllerListenerName("CONTROLLER")
                    .setIgnoreFormatted(true)
                    .run();
        }
        int port = FreePorts.next();
        int controllerPort = FreePorts.next();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "2");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.retention.hours", "-1");
        p.put("auto.create.topics.enable", "false");
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(p, false), Time.SYSTEM);
        server.startup();
        LOG.debug("Kafka broker up at 127.0.0.1:{}", port);
        return new LocalKafka(server, port, fresh);
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
