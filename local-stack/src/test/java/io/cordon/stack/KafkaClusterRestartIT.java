package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.testkit.LocalKafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-node cluster stopped and started again on its data (as {@code CORDON_KAFKA_BROKERS=3 ./cordon run} is, day
 * after day): it keeps its cluster id, comes back although its nodes listen on new ports, and has every event written
 * before. A whole-stack-tier test for its time (about 20 s), though it starts Kafka only.
 */
class KafkaClusterRestartIT {

    /** Deleted by JUnit after the test, with everything the servers wrote. */
    @TempDir
    Path dir;

    @Test
    void aClusterStartedAgainOnItsDataHasEveryEvent() throws Exception {
        String firstId;
        try (LocalKafkaCluster cluster = LocalKafkaCluster.start(dir, 3)) {
            firstId = Files.readString(dir.resolve("cluster-id")).strip();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrap()))) {
                admin.createTopics(List.of(new NewTopic("restart-events", 1, (short) 3)))
                        .all()
                        .get();
            }
            Properties p = new Properties();
            p.put("bootstrap.servers", cluster.bootstrap());
            p.put("acks", "all");
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("restart-events", "e-" + i, "event " + i))
                            .get();
                }
            }
        }
        try (LocalKafkaCluster again = LocalKafkaCluster.start(dir, 3)) {
            assertThat(Files.readString(dir.resolve("cluster-id")).strip()).isEqualTo(firstId);
            Properties c = new Properties();
            c.put("bootstrap.servers", again.bootstrap());
            c.put("group.id", "restart-check");
            c.put("auto.offset.reset", "earliest");
            List<String> read = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer =
                    new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("restart-events"));
                long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (read.size() < 10 && System.nanoTime() < until) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                        read.add(r.key());
                    }
                }
            }
            assertThat(read).hasSize(10).contains("e-0", "e-9");
        }
    }
}
