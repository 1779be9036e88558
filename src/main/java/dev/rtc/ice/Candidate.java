package dev.rtc.ice;

import dev.rtc.net.Addresses;
import java.net.InetSocketAddress;

/**
 * One gathered candidate: what the trickle-ice table shows and what goes into an {@code a=candidate} line.
 *
 * @param elapsedMillis when it arrived, in milliseconds since the gathering started
 * @param component     1 (RTP, or everything with rtcp-mux) or 2 (RTCP)
 * @param protocol      the candidate's transport (relays are always UDP towards peers)
 * @param address       the candidate's transport address
 * @param related       the related address (base for srflx, mapped address for relays), or null for hosts
 * @param url           the server URI it came from, or null for host candidates
 * @param relayHop      for relays, the transport to the TURN server; null otherwise
 */
public record Candidate(long elapsedMillis, int component, CandidateType type, String foundation,
                        IceServerUri.Transport protocol, InetSocketAddress address, InetSocketAddress related,
                        long priority, String url, IceServerUri.Transport relayHop) {

    /** The SDP attribute value (RFC 8839), without the "a=" prefix. */
    public String sdp() {
        StringBuilder sb = new StringBuilder("candidate:")
                .append(foundation).append(' ')
                .append(component).append(' ')
                .append(protocol.lower()).append(' ')
                .append(priority).append(' ')
                .append(Addresses.formatHost(address.getAddress())).append(' ')
                .append(address.getPort())
                .append(" typ ").append(type.sdpName());
        if (related != null) {
            sb.append(" raddr ").append(Addresses.formatHost(related.getAddress()))
                    .append(" rport ").append(related.getPort());
        }
        if (protocol == IceServerUri.Transport.TCP) {
            sb.append(" tcptype active");
        }
        sb.append(" generation 0");
        return sb.toString();
    }
}
