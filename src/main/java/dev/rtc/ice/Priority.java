package dev.rtc.ice;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Candidate priority per RFC 8445 section 5.1.2.1, {@code (2^24) type + (2^8) local + (256 - component)}, with
 * the preferences libwebrtc uses so that rtc's numbers equal Chrome's for the same candidates.
 *
 * <p>Type preferences: host UDP 126, srflx 100, host TCP 90; relays by their first hop, UDP 3, TCP 1, TLS 0
 * (Chromium 156 emits the UDP relay one step above libwebrtc's historical 2: {@code 3 | 32544 | 255}).
 * The local preference is {@code (network << 8 | address precedence) + URL preference}: network is 127 for the
 * first network and one less per following network, the address precedence follows RFC 6724's policy table as
 * libwebrtc applies it (IPv4 30, IPv6 global 40, ...), and the URL preference gives TURN URLs a bonus from their
 * order: the first of N URLs gets N, the last 1; host and srflx candidates get 0.
 */
public final class Priority {
    public static final int HOST_UDP = 126;
    public static final int SRFLX = 100;
    /** Peer-reflexive candidates (RFC 8445 section 5.1.2.2 recommends 110). */
    public static final int PRFLX = 110;
    public static final int HOST_TCP = 90;
    public static final int RELAY_UDP = 3;
    public static final int RELAY_TCP = 1;
    public static final int RELAY_TLS = 0;
    /** Network preference of the first network; each following network gets one less. */
    public static final int FIRST_NETWORK = 127;

    private Priority() {
    }

    /** The type preference of a candidate. {@code relayHop} matters only for relays. */
    public static int typePreference(CandidateType type, IceServerUri.Transport protocol,
                                     IceServerUri.Transport relayHop) {
        return switch (type) {
            case HOST -> protocol == IceServerUri.Transport.UDP ? HOST_UDP : HOST_TCP;
            case SERVER_REFLEXIVE -> SRFLX;
            case PEER_REFLEXIVE -> PRFLX;
            case RELAY -> switch (relayHop) {
                case UDP -> RELAY_UDP;
                case TCP -> RELAY_TCP;
                case TLS -> RELAY_TLS;
            };
        };
    }

    /** Local preference: network order, address precedence of the base address, and the TURN URL bonus. */
    public static int localPreference(int networkIndex, InetAddress address, int urlPreference) {
        int network = Math.max(0, FIRST_NETWORK - networkIndex);
        return ((network << 8) | addressPrecedence(address)) + urlPreference;
    }

    /** The 32-bit priority, as an unsigned value in a long. */
    public static long of(int typePreference, int localPreference, int component) {
        return ((long) typePreference << 24) + ((long) localPreference << 8) + (256 - component);
    }

    /** The three parts as the trickle-ice page shows them: "type | local | 256-component". */
    public static String parts(long priority) {
        return (priority >>> 24) + " | " + ((priority >>> 8) & 0xFFFF) + " | " + (priority & 0xFF);
    }

    /**
     * Address precedence (RFC 6724's default policy table, as libwebrtc applies it): IPv4 30, ::1 60,
     * IPv4-mapped 30, 6to4 (2002::/16) 30, Teredo (2001::/32) 5, ULA (fc00::/7) 3, site-local 1, 6bone and
     * IPv4-compatible 1, other IPv6 40.
     */
    public static int addressPrecedence(InetAddress address) {
        if (address instanceof Inet4Address) {
            return 30;
        }
        if (!(address instanceof Inet6Address)) {
            return 0;
        }
        byte[] b = address.getAddress();
        if (address.isLoopbackAddress()) {
            return 60;
        }
        int b0 = b[0] & 0xFF;
        int b1 = b[1] & 0xFF;
        if (b0 == 0x20 && b1 == 0x02) {
            return 30;
        }
        if (b0 == 0x20 && b1 == 0x01 && b[2] == 0 && b[3] == 0) {
            return 5;
        }
        if ((b0 & 0xFE) == 0xFC) {
            return 3;
        }
        if (address.isSiteLocalAddress()) {
            return 1;
        }
        if (b0 == 0x3F && b1 == 0xFE) {
            return 1;
        }
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        if (firstTenZero && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
            return 30;
        }
        if (firstTenZero && b[10] == 0 && b[11] == 0) {
            return 1;
        }
        return 40;
    }
}
