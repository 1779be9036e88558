package dev.rtc.nat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How one round probes: the server's primary address, the local address to send from (null: the one the route
 * to the server uses), the first retransmission timeout, and the window a test gets before its silence counts.
 */
public record ProbeSettings(InetSocketAddress server, InetAddress localAddress, Duration rto, Duration window) {
    public ProbeSettings {
        Objects.requireNonNull(server, "server");
        if (rto.isNegative() || rto.isZero()) {
            throw new IllegalArgumentException("the retransmission timeout must be positive");
        }
        if (window.compareTo(rto) < 0) {
            throw new IllegalArgumentException("the timeout must be at least the retransmission timeout");
        }
    }
}
