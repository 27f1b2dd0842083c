package io.cordon.jobs.kafka;

import io.cordon.jobs.JobsConfig;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Kafka sources and sinks of the jobs; offsets live in Flink checkpoints, so a restore replays exactly. */
public final class EventLogConnectors {

    private EventLogConnectors() {
    }

    public static DataStream<String> read(StreamExecutionEnvironment env, JobsConfig config, String topic, String groupId) {
        return read(env, config, topic, groupId, WatermarkStrategy.noWatermarks());
    }

    public static DataStream<String> read(StreamExecutionEnvironment env, JobsConfig config, String topic, String groupId,
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

    public static KafkaSink<String> write(JobsConfig config, String topic) {
        return KafkaSink.<String>builder()
                .setBootstrapServers(config.kafkaBootstrap())
                .setRecordSerializer(KafkaRecordSerializationSchema.builder()
                        .setTopic(topic).setValueSerializationSchema(new SimpleStringSchema()).build())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
