package io.cordon.http;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The settings every Kafka client of the services starts from: where Kafka is, the client's name (in Kafka's logs and
 * quotas), and what every client of its kind wants. A client adds what is its own.
 */
public final class KafkaClients {

    private KafkaClients() {}

    /** A consumer that commits nothing: each reader keeps its own position, or none. */
    public static Properties consumer(String bootstrap, String clientId) {
        Properties p = common(bootstrap, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return p;
    }

    /**
     * A producer whose writes every in-sync replica has, that waits at most {@code maxBlock} for Kafka's metadata or
     * buffer space and fails a send not acknowledged within {@code deliveryTimeout} (each request 5 s at most).
     */
    public static Properties producer(String bootstrap, String clientId, Duration maxBlock, Duration deliveryTimeout) {
        Properties p = common(bootstrap, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(maxBlock.toMillis()));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(deliveryTimeout.toMillis()));
        return p;
    }

    /** An admin client whose every call and request gives up after {@code timeout}. */
    public static Properties admin(String bootstrap, String clientId, Duration timeout) {
        Properties p = common(bootstrap, clientId);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        return p;
    }

    private static Properties common(String bootstrap, String clientId) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return p;
    }
}
