package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.EventTimes;
import io.cordon.testkit.LocalKafkaCluster;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka as a cluster: three KRaft nodes, topics replicated three times with min.insync.replicas 2 (as compose runs
 * them). One broker is stopped while arrivals are posted; every arrival ingest acknowledged with {@code 202} is
 * counted exactly once (a batch that failed with {@code 503} is posted again, as a device would).
 */
class KafkaClusterIT {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedArrivalIsCountedOnceWhenABrokerStopsUnderLoad() throws Exception {
        try (LocalKafkaCluster kafka = LocalKafkaCluster.start(dir.resolve("kafka"), 3);
                TestStack stack = TestStack.start(
                        dir.resolve("stack"),
                        Map.of(
                                "CORDON_KAFKA_BOOTSTRAP",
                                kafka.bootstrap(),
                                "CORDON_KAFKA_REPLICATION",
                                "3",
                                "CORDON_KAFKA_MIN_INSYNC_REPLICAS",
                                "2"))) {
            assertThat(stack.putCheckpoints("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                                    + "KC-1,集群卡口,highway,上海,上海,浦东新区,,,\n")
                            .statusCode())
                    .isEqualTo(200);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger acknowledged = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            List<String> pending = new ArrayList<>();
            Thread load = new Thread(
                    () -> {
                        int batch = 0;
                        while (running.get() || !pending.isEmpty()) {
                            String body = pending.isEmpty() ? batch(batch++) : pending.remove(0);
                            try {
                                HttpResponse<String> r = stack.postArrivals(body);
                                if (r.statusCode() == 202) {
                                    acknowledged.addAndGet(
                                            Integer.parseInt(r.body().replaceAll(".*\"accepted\":(\\d+).*", "$1")));
                                } else {
                                    refused.incrementAndGet();
                                    pending.add(body);
                                }
                            } catch (Exception e) {
                                refused.incrementAndGet();
                                pending.add(body);
                            }
                        }
                    },
                    "load");
            load.start();
            Thread.sleep(3000);
            kafka.stop(1);
            Thread.sleep(5000);
            running.set(false);
            load.join(120_000);
            int expected = acknowledged.get();
            assertThat(expected).isGreaterThan(500);
            TestStack.eventually(
                    Duration.ofSeconds(90),
                    () -> {
                        try {
                            JsonNode t = stack.getJson("/api/v1/tiles?scope=checkpoint:KC-1")
                                    .get("tiles");
                            return t.get("registered_persons").get("cumulative").asLong() == expected
                                    && t.get("registered_vehicles")
                                                    .get("cumulative")
                                                    .asLong()
                                            == expected;
                        } catch (Exception e) {
                            return false;
                        }
                    },
                    () -> expected + " acknowledged arrivals (" + refused.get()
                            + " refused requests posted again) should be counted once each");
        }
    }

    private static String batch(int n) {
        String at = EventTimes.format(Instant.now().minusSeconds(5), ZoneId.of("Asia/Shanghai"));
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            b.append(i == 0 ? "" : ",")
                    .append("{\"event_id\":\"kc-")
                    .append(n)
                    .append('-')
                    .append(i)
                    .append("\",\"checkpoint_id\":\"KC-1\",\"occurred_at\":\"")
                    .append(at)
                    .append("\",\"direction\":\"in\",")
                    .append(
                            "\"vehicle\":{\"plate\":\"沪A00001\",\"kind\":\"car\"},\"persons\":[{\"temperature_c\":36.5}],")
                    .append("\"decision\":\"admitted\"}");
        }
        return b.append(']').toString();
    }
}
