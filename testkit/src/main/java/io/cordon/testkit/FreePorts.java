package io.cordon.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A free loopback port for a server the stack starts, so that stacks and test runs never collide.
 *
 * <p>The port is chosen below the kernel's ephemeral range ({@code net.ipv4.ip_local_port_range}), not by binding
 * port 0: a fault test kills a server and starts it again on the same ports, and while it is down any outgoing
 * connection of the machine could be given one of its ports as its own local port; the restarted server then fails
 * to bind ("Address already in use", ClickHouse's exit 70). Below the ephemeral range only a listener can hold a
 * port. A port is handed out once per JVM; forks choose at random, so two forks rarely try the same port, and one
 * that does finds it bound and chooses again.
 */
public final class FreePorts {

    private static final int LOWEST = 10_000;
    private static final int HIGHEST = ephemeralLow() - 1;
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePorts() {}

    public static int next() {
        if (HIGHEST - LOWEST < 1_000) {
            return kernelChosen();
        }
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST + 1);
            if (GIVEN.add(port) && bindable(port)) {
                return port;
            }
        }
        return kernelChosen();
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int kernelChosen() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            GIVEN.add(s.getLocalPort());
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** The low end of the ephemeral range; 32768 (Linux's default) where it cannot be read. */
    private static int ephemeralLow() {
        try {
            // read by lines: /proc reports a size of 0, and Files.readString then returns only the first byte
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .get(0)
                    .strip();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
