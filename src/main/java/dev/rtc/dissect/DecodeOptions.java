package dev.rtc.dissect;

import java.util.Set;

/**
 * What the user asked the dissector to decode beyond its defaults, in tshark's terms: {@code rtpHeuristic} is
 * {@code --enable-heuristic rtp_udp} (RTP recognised by its header anywhere, not only on WebRTC flows), and
 * {@code rtpPorts} are the UDP ports of {@code -d udp.port==N,rtp} (Decode As).
 */
public record DecodeOptions(boolean rtpHeuristic, Set<Integer> rtpPorts) {
    /** tshark 4.0's defaults: RTCP by its heuristic, RTP only on WebRTC flows. */
    public static final DecodeOptions DEFAULT = new DecodeOptions(false, Set.of());

    public DecodeOptions {
        rtpPorts = Set.copyOf(rtpPorts);
        for (int port : rtpPorts) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not 1-65535");
            }
        }
    }
}
