package dev.rtc.ice;

import dev.rtc.net.Addresses;
import dev.rtc.signal.RemoteCandidate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A UDP candidate as the ICE agent uses it. For a local candidate {@code base} is the socket address its checks
 * leave from (RFC 8445's base: the host address itself for host candidates, the host behind a srflx or prflx);
 * for a remote candidate the base is unknown and equals the address.
 *
 * @param related       the related address (raddr/rport), or null
 * @param relayProtocol for a local relay candidate, how rtc reaches the TURN server (udp, tcp, tls); else null
 * @param relayServer   for a local relay candidate, the TURN URI it was allocated on; else null
 */
public record IceCandidate(CandidateType type, String foundation, int component, InetSocketAddress address,
                           InetSocketAddress base, long priority, InetSocketAddress related,
                           IceServerUri.Transport relayProtocol, String relayServer) {
    public IceCandidate {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(foundation, "foundation");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(base, "base");
    }

    /** A candidate that is not a local relay candidate. */
    public IceCandidate(CandidateType type, String foundation, int component, InetSocketAddress address,
                        InetSocketAddress base, long priority, InetSocketAddress related) {
        this(type, foundation, component, address, base, priority, related, null, null);
    }

    /** A local host candidate: its own base. */
    public static IceCandidate host(InetSocketAddress address, int networkIndex, int component) {
        InetAddress a = address.getAddress();
        return new IceCandidate(CandidateType.HOST,
                Foundation.of(CandidateType.HOST, a, IceServerUri.Transport.UDP, null, null), component, address,
                address, Priority.of(Priority.HOST_UDP, Priority.localPreference(networkIndex, a, 0), component),
                null);
    }

    /** A local server-reflexive candidate learnt from {@code server} for the host candidate {@code host}. */
    public static IceCandidate serverReflexive(IceCandidate host, InetSocketAddress mapped, String server,
                                               int networkIndex) {
        InetAddress b = host.base().getAddress();
        return new IceCandidate(CandidateType.SERVER_REFLEXIVE,
                Foundation.of(CandidateType.SERVER_REFLEXIVE, b, IceServerUri.Transport.UDP, null, server),
                host.component(), mapped, host.base(),
                Priority.of(Priority.SRFLX, Priority.localPreference(networkIndex, b, 0), host.component()),
                host.base());
    }

    /**
     * A local relay candidate: the relayed address of an allocation on {@code uri}'s server, made from the local
     * address {@code local} (the candidate's base is the relayed address itself; RFC 8445 section 5.1.1.2). TURN
     * URIs earlier in the list ({@code urlPreference} higher) and UDP before TCP before TLS rank higher.
     */
    public static IceCandidate relay(InetSocketAddress relayed, InetSocketAddress mapped, InetAddress local,
                                     IceServerUri uri, int networkIndex, int urlPreference) {
        int typePreference = Priority.typePreference(CandidateType.RELAY, IceServerUri.Transport.UDP, uri.transport());
        return new IceCandidate(CandidateType.RELAY,
                Foundation.of(CandidateType.RELAY, local, IceServerUri.Transport.UDP, uri.transport(), uri.host()),
                1, relayed, relayed,
                Priority.of(typePreference, Priority.localPreference(networkIndex, local, urlPreference), 1),
                mapped, uri.transport(), uri.text());
    }

    /**
     * A remote candidate from a peer's description, or null when the agent cannot use it: not UDP, or its address
     * is a host name (an mDNS {@code .local} name, which rtc does not resolve) rather than an address.
     */
    public static IceCandidate remote(RemoteCandidate c) {
        CandidateType type = CandidateType.ofSdpName(c.type());
        if (!c.transport().equals("udp") || type == null || c.port() == 0) {
            return null;
        }
        InetAddress a = literal(c.address());
        if (a == null) {
            return null;
        }
        InetSocketAddress address = new InetSocketAddress(a, c.port());
        InetAddress r = c.related() == null ? null : literal(c.related());
        InetSocketAddress related = r == null || c.relatedPort() < 0 ? null : new InetSocketAddress(r, c.relatedPort());
        return new IceCandidate(type, c.foundation(), c.component(), address, address, c.priority(), related);
    }

    /** The candidate as an SDP attribute value without "a=" (RFC 8839), for the description rtc sends. */
    public RemoteCandidate sdp() {
        return new RemoteCandidate(foundation, component, "udp", priority, Addresses.formatHost(address.getAddress()),
                address.getPort(), type.sdpName(), related == null ? null : Addresses.formatHost(related.getAddress()),
                related == null ? -1 : related.getPort(), null, java.util.List.of());
    }

    /** "host 192.0.2.1:5000". */
    public String label() {
        return type.sdpName() + " " + Addresses.format(address);
    }

    private static InetAddress literal(String text) {
        boolean v4 = text.chars().allMatch(ch -> ch == '.' || ch >= '0' && ch <= '9');
        boolean v6 = text.indexOf(':') >= 0;
        if (!v4 && !v6) {
            return null;
        }
        try {
            // a literal: getByName parses it and asks no resolver
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
