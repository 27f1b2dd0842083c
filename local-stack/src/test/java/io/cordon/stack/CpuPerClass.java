package io.cordon.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What each test class of this module cost: its wall time and the CPU of its test JVM and of the processes it started
 * and ended (ClickHouse, Chromium, child JVMs), one line per class in {@code target/test-cpu.txt}, so that the suite's
 * time can be spent where it buys something (docs/BENCHMARKS.md, "The test suite"). Registered for every class of the
 * module through the extension service file; Linux only (it reads {@code /proc/self/stat}), silent elsewhere.
 */
public class CpuPerClass implements BeforeAllCallback, AfterAllCallback {

    private static final Path OUT = Path.of("target", "test-cpu.txt");

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(ExtensionContext.Namespace.GLOBAL)
                .put(CpuPerClass.class, new long[] {System.nanoTime(), ticks()[0], ticks()[1]});
    }

    @Override
    public void afterAll(ExtensionContext context) {
        long[] start = context.getStore(ExtensionContext.Namespace.GLOBAL).get(CpuPerClass.class, long[].class);
        long[] now = ticks();
        if (start == null || now[0] < 0) {
            return;
        }
        String line = String.format(
                "%s\twall %.1f s\tjvm %.1f s\tchildren %.1f s\tfork %d%n",
                context.getRequiredTestClass().getSimpleName(),
                (System.nanoTime() - start[0]) / 1e9,
                (now[0] - start[1]) / 100.0,
                (now[1] - start[2]) / 100.0,
                ProcessHandle.current().pid());
        try {
            Files.createDirectories(OUT.getParent());
            Files.writeString(OUT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // a figure of the suite, never a reason to fail it
        }
    }

    /** This JVM's CPU and its ended children's, in clock ticks (1/100 s); -1 where there is no /proc. */
    private static long[] ticks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14-17 of proc(5): utime, stime, cutime, cstime (f[0] is field 3)
            return new long[] {
                Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14])
            };
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }
}
