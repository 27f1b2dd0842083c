package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs' checkpoints are lost while Kafka and ClickHouse keep their data: the jobs start without state, read the
 * whole event log again and end with the same exact totals, rather than partial rows that the old ones outrank.
 */
class ReplayAfterLostCheckpointsIT {

    @TempDir
    Path dir;

    @Test
    void jobsStartedWithoutStateRebuildEveryTotalFromTheLog() throws Exception {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        try (TestStack stack = TestStack.start(dir, Map.of("CORDON_CHECKPOINT_INTERVAL", "PT1S"))) {
            assertThat(stack.putCheckpoints("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                    + "R-1,一号卡口,highway,云南,,会泽县,,,\nR-2,二号卡口,compound_gate,云南,,会泽县,,,\n").statusCode()).isEqualTo(200);
            HandCount hand = new HandCount(Map.of("R-1", "云南", "R-2", "云南"));
            Random random = new Random(7);
            Instant now = Instant.now();
            for (int b = 0; b < 10; b++) {
                post(stack, hand, ExactlyOnceRestartIT.batch(random, b, 100, now));
            }
            LocalDate today = now.atZone(shanghai).toLocalDate();
            String query = "/api/v1/snapshot?date=" + today + "&cutoff=24:00";
            Instant end = today.plusDays(1).atStartOfDay(shanghai).toInstant();
            awaitTotals(stack, query, HandCount.total(hand.count(null, end, Set.of("R-1", "R-2"))));

            stack.stack.stopJobs();
            try (Stream<Path> files = Files.walk(dir.resolve("flink/checkpoints"))) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            // the same minutes get new events while the jobs have no state
            for (int b = 10; b < 20; b++) {
                post(stack, hand, ExactlyOnceRestartIT.batch(random, b, 100, now));
            }
            stack.stack.restartJobs(dir);
            assertThat(stack.stack.flink().restoredFrom()).isNull();
            awaitTotals(stack, query, HandCount.total(hand.count(null, end, Set.of("R-1", "R-2"))));
        }
    }

    private static void post(TestStack stack, HandCount hand, String body) throws Exception {
        HttpResponse<String> r = stack.postArrivals(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        hand.posted(body);
    }

    private static void awaitTotals(TestStack stack, String query, Map<String, Long> expected) throws InterruptedException {
        TestStack.eventually(Duration.ofSeconds(60), () -> {
            try {
                return HandCount.fromJson(stack.getJson(query).get("totals").get("cumulative")).equals(expected);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, () -> "cumulative never reached " + expected);
    }
}
