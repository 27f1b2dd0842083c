package io.cordon.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuLedgerTest {

    @Test
    void threadsAreTakenByThePartTheirNameSays() {
        // names as Java Flight Recorder listed them in a run of the stack
        assertThat(CpuLedger.part(
                        "Source: kafka cordon.checkpoint-arrivals -> parse arrivals -> received-at time (1/1)#0"))
                .startsWith("Flink");
        assertThat(CpuLedger.part("checkpoint totals -> (totals per minute, totals per day) (1/1)#0"))
                .startsWith("Flink");
        assertThat(CpuLedger.part("household round state (1/1)#0")).startsWith("Flink");
        assertThat(CpuLedger.part("kafka-producer-network-thread | producer-3")).startsWith("Flink");
        assertThat(CpuLedger.part("kafka-producer-network-thread | cordon-ingest"))
                .isEqualTo("ingest's Kafka producer");
        assertThat(CpuLedger.part("vert.x-worker-thread-3")).startsWith("ingest workers");
        assertThat(CpuLedger.part("cordon-event-log-sends-1")).startsWith("ingest workers");
        assertThat(CpuLedger.part("vert.x-eventloop-thread-0")).startsWith("Vert.x event loops");
        assertThat(CpuLedger.part("data-plane-kafka-request-handler-2")).isEqualTo("Kafka broker");
        assertThat(CpuLedger.part("kafka-1-raft-io-thread")).isEqualTo("Kafka broker");
        assertThat(CpuLedger.part("HttpClient-7-Worker-0")).startsWith("HTTP clients");
        assertThat(CpuLedger.part("cordon-alert-feed")).isEqualTo("other threads of the stack");
    }

    @Test
    void theLedgerDividesEachPartsCpuByTheArrivalsAndSaysWhatTheCoresCarry() {
        Map<String, Long> before = new LinkedHashMap<>();
        before.put(CpuLedger.part("vert.x-worker-thread-0"), 1_000_000_000L);
        before.put(CpuLedger.part("data-plane-kafka-request-handler-0"), 0L);
        Map<String, Long> after = new LinkedHashMap<>();
        after.put(CpuLedger.part("vert.x-worker-thread-0"), 3_000_000_000L); // 2 s for 100,000 arrivals: 20 µs each
        after.put(CpuLedger.part("data-plane-kafka-request-handler-0"), 1_000_000_000L); // 10 µs each
        // the JVM used 4 s in all: 1 s of it outside the threads listed
        String report = CpuLedger.report(
                new CpuLedger.Snapshot(before, 10_000_000_000L, 5_000_000_000L),
                new CpuLedger.Snapshot(after, 14_000_000_000L, 6_000_000_000L),
                100_000,
                500_000_000L);
        assertThat(report)
                .containsPattern("ingest workers.* 20\\.0 µs/arrival")
                .containsPattern("Kafka broker +10\\.0 µs/arrival")
                .containsPattern("JVM's own threads.* 10\\.0 µs/arrival")
                .containsPattern("ClickHouse server +10\\.0 µs/arrival")
                .containsPattern("load generator.* 5\\.0 µs/arrival");
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(report)
                .contains("all: 55.0 µs of CPU per arrival; " + cores + " cores carry at most "
                        + String.format(Locale.ROOT, "%,d", Math.round(cores * 1_000_000 / 55.0))
                        + " arrivals/s");
    }
}
