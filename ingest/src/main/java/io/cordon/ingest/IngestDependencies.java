package io.cordon.ingest;

import io.cordon.http.CountingLag;
import io.cordon.http.Health;
import io.cordon.schemas.Checkpoint;
import io.cordon.schemas.Household;
import io.cordon.schemas.KeyPerson;
import io.cordon.schemas.Topics;
import io.cordon.schemas.clickhouse.AuditLog;
import io.vertx.core.Vertx;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the verticle works with. {@link #kafka} builds the real ones (the event logs, registries followed from the
 * registry log, a Kafka health probe, the wait for the registry job); the verticle's own tests give in-memory ones.
 *
 * @param follow whether to deploy a {@link RegistryFollower} filling the registries from the registry log
 */
public record IngestDependencies(
        Supplier<EventLogWriter> eventLog,
        Supplier<EventLogWriter> registryLog,
        Registry<Checkpoint, Checkpoint> checkpoints,
        Registry<Household, HouseholdMirror.Place> households,
        Registry<KeyPerson, KeyPersonRows.Home> keyPersons,
        Function<Vertx, Supplier<Health.Check>> kafkaHealth,
        RegistryVisibility visibility,
        boolean follow,
        Function<Vertx, Supplier<CountingLag.Lag>> countingLag,
        AuditLog audit) {

    /** Kafka and ClickHouse of the configuration. */
    public static IngestDependencies kafka(IngestConfig config) {
        Registry<Household, HouseholdMirror.Place> households = new Registry<>(new HouseholdRows());
        return new IngestDependencies(
                () -> new EventLog(config.kafkaBootstrap()),
                () -> new EventLog(config.kafkaBootstrap()),
                new Registry<>(new CheckpointRows()),
                households,
                new Registry<>(new KeyPersonRows(households, new KeyedHash(config.idHashKey()))),
                v -> new KafkaProbe(config.kafkaBootstrap()).start(v),
                new RegistryVisibility(config.clickHouse().client()),
                true,
                v -> new CountingLag(
                                config.kafkaBootstrap(), Topics.CHECKPOINT_ARRIVALS, Topics.CHECKPOINT_COUNTS_GROUP)
                        .start(v),
                new AuditLog(config.clickHouse().client()));
    }

    /** In memory: the given logs and registries, Kafka always up, no wait for a registry job. */
    public static IngestDependencies inMemory(EventLogWriter log, String idHashKey) {
        Registry<Household, HouseholdMirror.Place> households = new Registry<>(new HouseholdRows());
        return new IngestDependencies(
                () -> log,
                () -> log,
                new Registry<>(new CheckpointRows()),
                households,
                new Registry<>(new KeyPersonRows(households, new KeyedHash(idHashKey))),
                v -> Health.Check::ok,
                RegistryVisibility.NONE,
                false,
                v -> () -> CountingLag.Lag.UNKNOWN,
                AuditLog.NONE);
    }
}
