package dev.rtc.nat;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The two addresses of a NAT-discovery STUN server: the primary one the client was given, and the alternate one
 * the server names in OTHER-ADDRESS (or CHANGED-ADDRESS). RFC 5780 Table 1 is {@link #replySource}.
 */
public record ServerAddresses(InetSocketAddress primary, InetSocketAddress alternate) {
    public ServerAddresses {
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(alternate, "alternate");
    }

    /** (alternate IP, primary port): where RFC 5780's second mapping test goes. */
    public InetSocketAddress alternateIpPrimaryPort() {
        return new InetSocketAddress(alternate.getAddress(), primary.getPort());
    }

    /**
     * Where a reply must come from when a request sent to {@code destination} carries these CHANGE-REQUEST flags
     * (RFC 5780 Table 1): a changed IP is the other of the two addresses, a changed port the other of the two ports.
     */
    public InetSocketAddress replySource(InetSocketAddress destination, boolean changeIp, boolean changePort) {
        var ip = destination.getAddress();
        int port = destination.getPort();
        if (changeIp) {
            ip = ip.equals(primary.getAddress()) ? alternate.getAddress() : primary.getAddress();
        }
        if (changePort) {
            port = port == primary.getPort() ? alternate.getPort() : primary.getPort();
        }
        return new InetSocketAddress(ip, port);
    }
}
