package io.cordon.jobs.kafka;

import io.cordon.jobs.JobsConfig;
import io.cordon.jobs.registry.RegistryRow;
import io.cordon.schemas.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Kafka sources and sinks of the jobs; offsets live in Flink checkpoints, so a restore replays exactly. */
public final class EventLogConnectors {

    private EventLogConnectors() {}

    public static DataStream<String> read(
            StreamExecutionEnvironment env, JobsConfig config, String topic, String groupId) {
        return read(env, config, topic, groupId, WatermarkStrategy.noWatermarks());
    }

    public static DataStream<String> read(
            StreamExecutionEnvironment env,
            JobsConfig config,
            String topic,
            String groupId,
            WatermarkStrategy<String> watermarks) {
        KafkaSource<String> source = KafkaSource.<String>builder()
                .setBootstrapServers(config.kafkaBootstrap())
                .setTopics(topic)
                .setGroupId(groupId)
                // a job restored from a checkpoint reads on from the checkpoint's offsets; a job started without
                // state reads the whole log again (kept forever), so its dedup state and totals are rebuilt, never
                // partial: resuming from the group's committed offsets with empty state would write minute rows
                // with lower versions than those already in ClickHouse, and they would lose
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setValueOnlyDeserializer(new SimpleStringSchema())
                .setProperty("isolation.level", "read_committed")
                // finds the topic's partitions even when the job starts before ingest created the topic
                .setProperty("partition.discovery.interval.ms", "10000")
                .build();
        return env.fromSource(source, watermarks, "kafka " + topic).uid("source-" + topic);
    }

    /** The registry log, each row with its offset (its version); a record that cannot be read is skipped. */
    public static DataStream<RegistryRow> readRegistry(StreamExecutionEnvironment env, JobsConfig config) {
        KafkaSource<RegistryRow> source = KafkaSource.<RegistryRow>builder()
                .setBootstrapServers(config.kafkaBootstrap())
                .setTopics(Topics.REGISTRY)
                .setGroupId("cordon-registry")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new KafkaRecordDeserializationSchema<RegistryRow>() {
                    @Override
                    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RegistryRow> out) {
                        RegistryRow row = record.value() == null
                                ? null
                                : RegistryRow.read(new String(record.value(), StandardCharsets.UTF_8), record.offset());
                        if (row != null) {
                            out.collect(row);
                        }
                    }

                    @Override
                    public TypeInformation<RegistryRow> getProducedType() {
                        return TypeInformation.of(RegistryRow.class);
                    }
                })
                .setProperty("isolation.level", "read_committed")
                .setProperty("partition.discovery.interval.ms", "10000")
                .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka " + Topics.REGISTRY)
                .uid("source-" + Topics.REGISTRY)
                .setParallelism(1);
    }

    public static KafkaSink<String> write(JobsConfig config, String topic) {
        return KafkaSink.<String>builder()
                .setBootstrapServers(config.kafkaBootstrap())
                .setRecordSerializer(KafkaRecordSerializationSchema.builder()
                        .setTopic(topic)
                        .setValueSerializationSchema(new SimpleStringSchema())
                        .build())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
