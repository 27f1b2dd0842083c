package io.cordon.stack.bench;

import com.sun.management.OperatingSystemMXBean;
import io.cordon.stack.LocalStack;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Where the CPU of the whole stack goes per arrival, in {@code ./cordon bench load}: the CPU time of each thread of the
 * stack's JVM (ingest, the Kafka broker and the Flink MiniCluster run in it), grouped by the part of Cordon its name
 * says it belongs to, the JVM's own work (garbage collection, compilation), the ClickHouse server and the load
 * generator's process, between two moments. Divided by the arrivals counted in between, it says how many arrivals a
 * second the machine's cores can carry at most, whatever the tuning of the threads.
 */
final class CpuLedger {

    /** A Flink task's thread: its operators' names, then {@code (subtask/parallelism)#attempt}. */
    private static final Pattern FLINK_TASK = Pattern.compile("\\(\\d+/\\d+\\)#\\d+$");

    /** The parts, tried in order on a thread's name; the first that matches takes the thread. */
    private static final List<Map.Entry<String, Predicate<String>>> PARTS = List.of(
            Map.entry(
                    "Flink jobs (read, count, write to ClickHouse)",
                    n -> n.contains(" -> ")
                            || FLINK_TASK.matcher(n).find()
                            || n.startsWith("Source")
                            || n.startsWith("Sink")
                            || n.contains("Writer")
                            || n.toLowerCase(Locale.ROOT).contains("flink")
                            || n.startsWith("AsyncOperations")
                            || n.startsWith("Time Trigger")
                            || n.contains("pekko")
                            || n.startsWith("kafka-coordinator-heartbeat")
                            || n.startsWith("OutputFlusher")
                            || n.startsWith("kafka-producer-network-thread") && !n.contains("cordon-ingest")),
            Map.entry(
                    "ingest workers (parse, check, hash, write the record)",
                    n -> n.startsWith("vert.x-worker") || n.startsWith("cordon-event-log")),
            Map.entry(
                    "Vert.x event loops (HTTP of ingest and dashboard)",
                    n -> n.startsWith("vert.x-eventloop") || n.startsWith("vert.x-acceptor")),
            Map.entry("ingest's Kafka producer", n -> n.startsWith("kafka-producer-network-thread")),
            Map.entry(
                    "Kafka broker",
                    n -> n.startsWith("data-plane-kafka")
                            || n.startsWith("kafka")
                            || n.startsWith("ExpirationReaper")
                            || n.startsWith("executor-")
                            || n.contains("raft")
                            || n.startsWith("controller")
                            || n.startsWith("broker")
                            || n.startsWith("LogCleaner")
                            || n.startsWith("group-coordinator")
                            || n.startsWith("transaction")
                            || n.startsWith("quorum")),
            Map.entry("HTTP clients to ClickHouse (dashboard, benches)", n -> n.startsWith("HttpClient")),
            Map.entry("other threads of the stack", n -> true));

    /** CPU nanoseconds by part, of the JVM, of ClickHouse, at a moment. */
    record Snapshot(Map<String, Long> parts, long jvmNanos, long clickHouseNanos) {}

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final ProcessHandle clickHouse;

    /** The ledger of this JVM and of the stack's own ClickHouse server, if it started one. */
    static CpuLedger of(LocalStack stack) {
        return new CpuLedger(
                stack.localClickHouse() == null ? null : stack.localClickHouse().process());
    }

    private CpuLedger(ProcessHandle clickHouse) {
        this.clickHouse = clickHouse;
    }

    Snapshot take() {
        Map<String, Long> parts = new LinkedHashMap<>();
        PARTS.forEach(p -> parts.put(p.getKey(), 0L));
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            parts.merge(part(info.getThreadName()), cpu, Long::sum);
        }
        long jvm = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        long ch = clickHouse == null
                ? 0
                : clickHouse.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        return new Snapshot(parts, jvm, ch);
    }

    /** The part of the stack a thread of the JVM belongs to, by its name. */
    static String part(String threadName) {
        for (Map.Entry<String, Predicate<String>> p : PARTS) {
            if (p.getValue().test(threadName)) {
                return p.getKey();
            }
        }
        throw new IllegalStateException("the last part takes every thread");
    }

    /**
     * The ledger between two snapshots for {@code arrivals} counted and {@code generatorNanos} of the load generator:
     * one line per part, in microseconds of CPU per arrival, and the most the machine's cores could carry.
     */
    static String report(Snapshot before, Snapshot after, long arrivals, long generatorNanos) {
        StringBuilder sb = new StringBuilder();
        long threadsTotal = 0;
        long total = 0;
        for (String part : after.parts().keySet()) {
            // a thread that ended between the snapshots takes its CPU with it: a part never goes below zero
            long d = Math.max(0, after.parts().get(part) - before.parts().getOrDefault(part, 0L));
            threadsTotal += d;
            total += d;
            line(sb, part, d, arrivals);
        }
        long jvmOwn = Math.max(0, after.jvmNanos() - before.jvmNanos() - threadsTotal);
        total += jvmOwn;
        line(sb, "the JVM's own threads (GC, compilation) and threads that ended", jvmOwn, arrivals);
        long ch = after.clickHouseNanos() - before.clickHouseNanos();
        total += ch;
        line(sb, "ClickHouse server", ch, arrivals);
        total += generatorNanos;
        line(sb, "load generator (its own process)", generatorNanos, arrivals);
        int cores = Runtime.getRuntime().availableProcessors();
        double perArrival = total / 1000.0 / arrivals;
        sb.append(String.format(
                Locale.ROOT,
                "  all: %.1f µs of CPU per arrival; %d cores carry at most %,d arrivals/s at that cost",
                perArrival,
                cores,
                Math.round(cores * 1_000_000 / perArrival)));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String part, long nanos, long arrivals) {
        sb.append(String.format(Locale.ROOT, "  %-58s %7.1f µs/arrival%n", part, nanos / 1000.0 / arrivals));
    }
}
