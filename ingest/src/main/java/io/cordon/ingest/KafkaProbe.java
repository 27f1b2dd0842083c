package io.cordon.ingest;

import io.cordon.http.Health;
import io.cordon.http.KafkaClients;
import io.cordon.http.Periodic;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Whether Kafka answers, asked every few seconds on a worker (never on a request): what ingest's {@code /health} says
 * of the event log.
 */
final class KafkaProbe implements AutoCloseable, Supplier<Health.Check> {

    private static final long EVERY_MILLIS = 3_000;

    private final Admin admin;
    private volatile Health.Check state = Health.Check.ok();
    private long timer = -1;
    private Vertx vertx;

    KafkaProbe(String bootstrap) {
        this.admin = Admin.create(KafkaClients.admin(bootstrap, "cordon-ingest-health", Duration.ofMillis(2500)));
    }

    KafkaProbe start(Vertx vertx) {
        this.vertx = vertx;
        timer = Periodic.blocking(vertx, EVERY_MILLIS, this::probe);
        return this;
    }

    private void probe() {
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2500))
                    .nodes()
                    .get(3, TimeUnit.SECONDS)
                    .size();
            state = nodes > 0 ? Health.Check.ok() : Health.Check.down("the cluster has no broker");
        } catch (Exception e) {
            state = Health.Check.down(
                    "no answer from Kafka within 3 s (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public Health.Check get() {
        return state;
    }

    @Override
    public void close() {
        if (vertx != null && timer >= 0) {
            vertx.cancelTimer(timer);
        }
        admin.close(Duration.ZERO); // abandons a probe under way rather than wait for a hung Kafka
    }
}
