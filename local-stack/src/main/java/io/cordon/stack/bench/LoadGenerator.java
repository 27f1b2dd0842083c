package io.cordon.stack.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load of {@code ./cordon bench load}, in a process of its own: {@code clients} threads post batches of 500
 * arrivals (each with a vehicle and two persons) to ingest for {@code seconds}, at most {@code rate} arrivals a second
 * in all (0: as fast as ingest answers). Prints one line: {@code accepted <n> first-post-ms <epoch ms> failed <n>
 * slowest-ms <ms> cpu-ms <the CPU this process used>}.
 */
public final class LoadGenerator {

    private LoadGenerator() {}

    public static void main(String[] args) throws Exception {
        String ingest = args[0];
        String token = args[1];
        int seconds = Integer.parseInt(args[2]);
        int rate = Integer.parseInt(args[3]);
        String prefix = args[4];
        int checkpoints = Integer.parseInt(args[5]);
        int clients = 8;
        int batch = 500;
        HttpClient http = HttpClient.newHttpClient();
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong slowest = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        long started = System.currentTimeMillis();
        BenchKit.clients(clients, System.nanoTime() + seconds * 1_000_000_000L, () -> {
            if (rate > 0) {
                long due = started + sequence.get() * 1000L / rate;
                long wait = due - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            }
            long from = sequence.getAndAdd(batch);
            String body = BenchKit.arrivals(
                    prefix,
                    from,
                    batch,
                    id -> String.format("CK-%03d", id % checkpoints),
                    Instant.now().minusSeconds(1));
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(ingest + "/api/v1/checkpoint-events"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            slowest.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
            if (r.statusCode() == 202) {
                accepted.addAndGet(batch);
            } else {
                failed.incrementAndGet();
            }
        });
        System.out.println("accepted " + accepted.get() + " first-post-ms " + started + " failed " + failed.get()
                + " slowest-ms " + slowest.get() + " cpu-ms "
                + ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime()
                        / 1_000_000);
    }
}
