package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.testkit.FreePorts;
import io.cordon.testkit.LocalKafka;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka unreachable while arrivals are posted: every feed request is answered (503 with Retry-After) within
 * seconds, ingest's workers are never exhausted, and once Kafka is back every retried post is counted once. CI runs
 * one 10-second outage at 200 arrivals/s; {@code ./cordon test --faults} 60 s at 2,000/s. Figures:
 * target/faults/kafka.txt.
 */
class KafkaOutageUnderLoadIT {

    static final int OUTAGE_SECONDS = Math.max(10, Integer.getInteger("cordon.faults.outage", 10));
    static final int RATE = Integer.getInteger("cordon.faults.rate", 200);

    @TempDir
    Path dir;

    @Test
    void everyRequestIsAnsweredDuringTheOutageAndEveryRetriedPostCountedOnceAfter() throws Exception {
        int port = FreePorts.next();
        int controllerPort = FreePorts.next();
        String clusterId = Uuid.randomUuid().toString();
        Path kafkaDir = dir.resolve("external-kafka");
        LocalKafka kafka = LocalKafka.start(kafkaDir, 1, Map.of(1, controllerPort), port, clusterId, 1);
        List<String> checkpoints = FaultLoad.checkpoints(3);
        Map<String, String> provinces = new HashMap<>();
        checkpoints.forEach(c -> provinces.put(c, "云南"));
        HandCount hand = new HandCount(provinces);
        try (TestStack stack = TestStack.start(
                dir.resolve("stack"),
                Map.of(
                        "CORDON_KAFKA_BOOTSTRAP",
                        kafka.bootstrap(),
                        "CORDON_FEED_RATE_LIMIT",
                        "0",
                        "CORDON_CHECKPOINT_INTERVAL",
                        "PT2S"))) {
            StringBuilder csv =
                    new StringBuilder("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n");
            checkpoints.forEach(c -> csv.append(c).append(",卡口,highway,云南,,,,,\n"));
            assertThat(stack.putCheckpoints(csv.toString()).statusCode()).isEqualTo(200);
            long restartedAt;
            FaultLoad load = new FaultLoad(stack.stack.ingestUrl(), hand, RATE, checkpoints, "kf");
            try {
                Thread.sleep(2000);
                kafka.close();
                Thread.sleep(OUTAGE_SECONDS * 1000L);
                kafka = LocalKafka.start(kafkaDir, 1, Map.of(1, controllerPort), port, clusterId, 1);
                restartedAt = System.currentTimeMillis();
                Thread.sleep(3000);
            } finally {
                load.close();
            }
            long exactAfter = ClickHouseFaultsIT.awaitExact(stack, hand, checkpoints, restartedAt);
            Map<Integer, Long> answers = load.statuses();
            assertThat(answers.keySet()).as("answers during the outage").isSubsetOf(202, 503);
            assertThat(answers.get(503)).as("503s while Kafka was away").isPositive();
            assertThat(load.slowestMillis()).as("the slowest answer, ms").isLessThan(15_000);
            assertThat(load.connectionFailures())
                    .as("requests without an answer")
                    .isZero();
            FaultLoad.report(
                    "kafka",
                    "outage " + OUTAGE_SECONDS + " s at " + RATE + "/s: answers " + answers + ", slowest answer "
                            + load.slowestMillis() + " ms, unanswered " + load.connectionFailures()
                            + "; every figure exact " + exactAfter
                            + " ms after Kafka came back (" + hand.distinctEvents() + " events, each counted once)");
        } finally {
            kafka.close();
        }
    }
}
