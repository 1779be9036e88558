package dev.rtc.dissect;

import java.util.HashMap;
import java.util.Map;

/**
 * The UDP conversations that are WebRTC flows: they carried a STUN Binding (an ICE connectivity check or its answer)
 * or DTLS. On such a 5-tuple RFC 7983 tells the protocols apart by the first byte, so a packet starting with
 * 128-191 is RTP or RTCP whatever its ports. Remembers the frame that made each flow one, for {@code -V}.
 */
final class MediaFlows {
    /** Why a conversation is a WebRTC flow. */
    enum Evidence {
        STUN_BINDING("a STUN Binding"), DTLS("DTLS");

        final String text;

        Evidence(String text) {
            this.text = text;
        }
    }

    /** Frame number and evidence in one int: frame * EVIDENCE_KINDS + evidence. */
    private static final int EVIDENCE_KINDS = 4;

    private final LongPairTable flows4 = new LongPairTable();
    private final Map<Endpoints, Integer> flows6 = new HashMap<>();

    /** Marks the packet's UDP conversation a WebRTC flow (the first evidence is kept). */
    void mark(Transport t, long frame, Evidence why) {
        if (!t.udp() || frame > Integer.MAX_VALUE / EVIDENCE_KINDS) {
            return;
        }
        int value = (int) frame * EVIDENCE_KINDS + why.ordinal();
        if (t.ipv4()) {
            if (flows4.get(t.low4(), t.high4()) < 0) {
                flows4.put(t.low4(), t.high4(), value);
            }
        } else {
            flows6.putIfAbsent(t.endpoints().copy(), value);
        }
    }

    /** How the packet's conversation became a WebRTC flow, as "a STUN Binding in frame 3", or null when it is none. */
    String evidence(Transport t) {
        int value;
        if (t.ipv4()) {
            if (flows4.isEmpty()) {
                return null;
            }
            value = flows4.get(t.low4(), t.high4());
        } else {
            Integer v = flows6.isEmpty() ? null : flows6.get(t.endpoints());
            value = v == null ? -1 : v;
        }
        if (value < 0) {
            return null;
        }
        return Evidence.values()[value % EVIDENCE_KINDS].text + " in frame " + value / EVIDENCE_KINDS;
    }
}
