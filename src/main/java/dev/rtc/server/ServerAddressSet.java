package dev.rtc.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The four (address, port) pairs a NAT-discovery server listens on, numbered so that RFC 5780 Table 1 is bit
 * arithmetic: bit 1 picks the IP (0 primary, 1 alternate), bit 0 the port (0 primary, 1 alternate). Changing the
 * IP flips bit 1, changing the port flips bit 0. Each pair also has the address the server tells clients about
 * (its public one when it sits behind a 1:1 NAT).
 */
public record ServerAddressSet(InetSocketAddress primary, InetSocketAddress alternate,
                               InetSocketAddress advertisedPrimary, InetSocketAddress advertisedAlternate) {
    public static final int PRIMARY = 0;
    public static final int ALTERNATE = 3;

    public ServerAddressSet {
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(alternate, "alternate");
        advertisedPrimary = advertisedPrimary == null ? primary : advertisedPrimary;
        advertisedAlternate = advertisedAlternate == null ? alternate : advertisedAlternate;
    }

    /** The local address socket {@code index} (0..3) binds. */
    public InetSocketAddress local(int index) {
        return pick(index, primary, alternate);
    }

    /** The address socket {@code index} (0..3) is known by to clients. */
    public InetSocketAddress advertised(int index) {
        return pick(index, advertisedPrimary, advertisedAlternate);
    }

    /** The socket RFC 5780 Table 1 names for a reply to a request received on {@code receivedOn}. */
    public static int replySocket(int receivedOn, boolean changeIp, boolean changePort) {
        return receivedOn ^ (changeIp ? 2 : 0) ^ (changePort ? 1 : 0);
    }

    /** OTHER-ADDRESS / CHANGED-ADDRESS for a request received on {@code receivedOn}: other IP and other port. */
    public static int otherSocket(int receivedOn) {
        return receivedOn ^ 3;
    }

    private static InetSocketAddress pick(int index, InetSocketAddress p, InetSocketAddress a) {
        InetAddress ip = (index & 2) == 0 ? p.getAddress() : a.getAddress();
        int port = (index & 1) == 0 ? p.getPort() : a.getPort();
        return new InetSocketAddress(ip, port);
    }
}
