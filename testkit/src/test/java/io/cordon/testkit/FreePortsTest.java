package io.cordon.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsAreDistinctBindableAndBelowTheEphemeralRange() throws Exception {
        int ephemeralLow = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                .get(0)
                .strip()
                .split("\\s+")[0]);
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = FreePorts.next();
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
            if (ephemeralLow > 11_000) {
                assertThat(port).isBetween(10_000, ephemeralLow - 1);
            }
        }
        for (int port : ports.stream().limit(20).toList()) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                assertThat(s.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void aPortAListenerHoldsIsNotHandedOut() throws Exception {
        int port = FreePorts.next();
        try (ServerSocket held = new ServerSocket()) {
            held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            for (int i = 0; i < 500; i++) {
                assertThat(FreePorts.next()).isNotEqualTo(port);
            }
        }
    }
}
