package io.cordon.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The start of the command line of a JVM a test launches as a process (a service, a Flink process, ZooKeeper): this
 * JVM's {@code java}, then the tests' JIT flags ({@code cordon.test.jvm-flags}, set by the build from {@code test.jit}),
 * so that the processes of a test compile as its own JVM does.
 */
public final class ChildJvm {

    private ChildJvm() {}

    /** {@code java} and the tests' JVM flags; the caller adds its heap, class path, main class and arguments. */
    public static List<String> command(String... more) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags());
        command.addAll(Arrays.asList(more));
        return command;
    }

    /** The tests' JVM flags alone (none when the build sets none: a benchmark's or a fault round's processes). */
    public static List<String> flags() {
        String flags = System.getProperty("cordon.test.jvm-flags", "").strip();
        return flags.isEmpty() ? List.of() : Arrays.asList(flags.split("\\s+"));
    }
}
