package io.cordon.jobs.screening;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cordon.jobs.common.EventVersions;
import io.cordon.jobs.screening.functions.HouseholdRoundFunction;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not part of the suite (it runs only with -Dcordon.bench=true, from {@code ./cordon bench screening-state}): the heap
 * that the screening job's keyed state takes for 1,000,000 households in one round, on Flink's heap state backend —
 * the first-seen flags of every visit plus each household's round state and revisit timer. Run in a JVM limited to
 * 1 GiB of heap; prints the heap in use after a full GC with all the state held.
 */
class ScreeningStateBenchmark {

    private static final Logger OUT = LoggerFactory.getLogger(ScreeningStateBenchmark.class);

    @Test
    void heapHeldForAMillionHouseholds() throws Exception {
        assumeTrue(Boolean.getBoolean("cordon.bench"), "a benchmark: run with -Dcordon.bench=true");
        int households = Integer.getInteger("cordon.bench.households", 1_000_000);
        long t0 = System.currentTimeMillis();
        long baseline = usedAfterGc();
        var firstSeen = new KeyedOneInputStreamOperatorTestHarness<String, VisitRecord, VisitRecord>(
                new KeyedProcessOperator<>(
                        new EventVersions<>(Duration.ofDays(30).toMillis(), VisitRecord.class)),
                v -> v.eventId,
                Types.STRING);
        var rounds = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                        new HouseholdRoundFunction(Duration.ofHours(6).toMillis())),
                VisitRecord::householdRoundKey,
                Types.STRING);
        firstSeen.open();
        rounds.open();
        long start = 1_580_551_200_000L; // 2020-02-01 18:00 +08:00
        long visits = 0;
        SplittableRandom random = new SplittableRandom(1);
        for (int h = 0; h < households; h++) {
            int attempts = random.nextDouble() < 0.33 ? 2 : 1; // a third not reached on the first evening
            for (int a = 1; a <= attempts; a++) {
                VisitRecord v = new VisitRecord();
                v.eventId = "v-" + h + "-" + a;
                v.householdId = "SH-" + (h / 200) + "-" + (h % 200);
                v.compoundId = "C-" + (h / 200);
                v.round = 1;
                v.visitedAtMillis = start + random.nextInt(4 * 3600) * 1000L + (a - 1) * 3 * 3600_000L;
                v.outcome = (a < attempts ? "nobody_home" : random.nextDouble() < 0.02 ? "nobody_home" : "reached")
                        .intern();
                v.teamId = ("team-" + (h % 400)).intern();
                firstSeen.processElement(v, 0);
                rounds.processElement(v, 0);
                visits++;
            }
            if (h % 1000 == 0) {
                firstSeen.getOutput().clear();
                rounds.getOutput().clear();
            }
        }
        firstSeen.getOutput().clear();
        rounds.getOutput().clear();
        long used = usedAfterGc() - baseline;
        String figure = String.format(
                "screening state: %d households, %d visits held; heap in use after GC: %d MiB (max heap %d MiB); %d s to load%n",
                households,
                visits,
                used / (1024 * 1024),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                (System.currentTimeMillis() - t0) / 1000);
        OUT.info(figure.strip());
        Path out = Path.of("target", "benchmarks", "screening-state.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, figure);
        firstSeen.close();
        rounds.close();
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
