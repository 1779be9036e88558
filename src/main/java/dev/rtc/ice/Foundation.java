package dev.rtc.ice;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Candidate foundations per RFC 8445 section 5.1.1.3: equal for candidates of the same type, base IP address,
 * transport and (for srflx and relay) server. As libwebrtc does, the foundation is the decimal CRC-32 of those
 * facts written one after the other.
 */
public final class Foundation {
    private Foundation() {
    }

    /**
     * The foundation. {@code server} is the STUN/TURN server's host for srflx and relay candidates, null for host
     * candidates; {@code relayHop} only counts for relays.
     */
    public static String of(CandidateType type, InetAddress base, IceServerUri.Transport protocol,
                            IceServerUri.Transport relayHop, String server) {
        StringBuilder sb = new StringBuilder();
        sb.append(type.sdpName()).append(base.getHostAddress()).append(protocol.lower());
        if (type == CandidateType.RELAY && relayHop != null) {
            sb.append(relayHop.lower());
        }
        if (type != CandidateType.HOST && server != null) {
            sb.append(server);
        }
        CRC32 crc = new CRC32();
        crc.update(sb.toString().getBytes(StandardCharsets.UTF_8));
        return Long.toString(crc.getValue());
    }
}
