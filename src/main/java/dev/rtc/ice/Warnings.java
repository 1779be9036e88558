package dev.rtc.ice;

import dev.rtc.net.Addresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The warnings a TURN operator needs, derived from the verdicts alone (a pure function). */
public final class Warnings {
    /** LIFETIME below this is too short for a call to survive a missed refresh. */
    public static final long SHORT_LIFETIME_SECONDS = 120;

    private Warnings() {
    }

    /**
     * The warnings for a set of verdicts. {@code ipv6Servers} tells which URLs were reached over IPv6 (so a
     * failure there next to IPv4 successes is worth saying).
     */
    public static List<String> of(List<ServerVerdict> verdicts, Set<String> ipv6Servers) {
        List<String> out = new ArrayList<>();
        for (ServerVerdict v : verdicts) {
            if (v.relayed() != null && isPrivate(v.relayed().getAddress())) {
                out.add(v.url() + ": relay address " + Addresses.format(v.relayed())
                        + " is in a private range; peers cannot reach it (is coturn's external-ip missing?)");
            }
            if (v.mapped() != null && isPrivate(v.mapped().getAddress()) && v.relayed() == null) {
                out.add(v.url() + ": mapped address " + Addresses.format(v.mapped())
                        + " is in a private range; the server sits behind the same NAT or is misconfigured");
            }
            if (v.lifetimeSeconds() != null && v.lifetimeSeconds() < SHORT_LIFETIME_SECONDS) {
                out.add(v.url() + ": LIFETIME " + v.lifetimeSeconds() + " s is under " + SHORT_LIFETIME_SECONDS
                        + " s; allocations will expire if one refresh is lost");
            }
            if (v.ok() && v.relayed() != null && (v.realm() == null || v.realm().isEmpty())) {
                out.add(v.url() + ": the server sent no REALM");
            }
        }
        // Requests over UDP from one local socket: different mapped addresses mean the NAT maps per destination.
        java.util.Map<InetSocketAddress, Set<String>> mappedByBase = new java.util.LinkedHashMap<>();
        for (ServerVerdict v : verdicts) {
            if (v.mapped() != null && v.base() != null && udp(v.url()) && !isLocal(v.mapped())) {
                mappedByBase.computeIfAbsent(v.base(), b -> new LinkedHashSet<>()).add(Addresses.format(v.mapped()));
            }
        }
        for (Set<String> mapped : mappedByBase.values()) {
            if (mapped.size() > 1) {
                out.add("server-reflexive addresses differ between servers (" + String.join(", ", mapped)
                        + "): the NAT maps per destination (symmetric); peers will need TURN");
            }
        }
        boolean v4ok = verdicts.stream().anyMatch(v -> v.ok() && !ipv6Servers.contains(v.url()));
        List<String> v6failed = verdicts.stream()
                .filter(v -> !v.ok() && v.outcome() != Outcome.SKIPPED && ipv6Servers.contains(v.url()))
                .map(ServerVerdict::url).toList();
        if (v4ok && !v6failed.isEmpty()) {
            out.add("IPv6 fails where IPv4 works: " + String.join(", ", v6failed));
        }
        return out;
    }

    /** RFC 1918, shared address space (RFC 6598), IPv6 ULA and link-local: not reachable from the Internet. */
    public static boolean isPrivate(InetAddress a) {
        if (a.isSiteLocalAddress() || a.isLinkLocalAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return (b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64;
        }
        return a instanceof Inet6Address && (b[0] & 0xFE) == 0xFC;
    }

    private static boolean udp(String url) {
        try {
            return IceServerUri.parse(url).transport() == IceServerUri.Transport.UDP;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isLocal(InetSocketAddress a) {
        return a.getAddress().isLoopbackAddress();
    }
}
