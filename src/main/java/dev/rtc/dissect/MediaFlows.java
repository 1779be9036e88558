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
    /** Conversations (UDP, or TCP to a TURN server) whose DTLS handshake chose an SRTP profile. */
    private final Map<Endpoints, Srtp> srtp = new HashMap<>();

    /**
     * What a DTLS-SRTP handshake set up on a conversation (RFC 5764): the profile its ServerHello chose, which says
     * how long the authentication tag of each SRTP and SRTCP packet is, the MKI length, and the frame it was in.
     */
    record Srtp(int profile, int tagLength, int mkiLength, long frame) {
    }

    /**
     * The authentication tag's length for an SRTP protection profile (RFC 5764 section 4.1.2, RFC 7714 section 14.2):
     * 80-bit HMAC-SHA1 tags for AES_CM_128_HMAC_SHA1_80 and NULL_HMAC_SHA1_80, 32-bit for the _32 profiles, 16-byte
     * GCM tags for the AEAD profiles; -1 for a profile rtc does not know.
     */
    static int tagLength(int profile) {
        return switch (profile) {
            case 0x0001, 0x0005 -> 10;
            case 0x0002, 0x0006 -> 4;
            case 0x0007, 0x0008 -> 16;
            default -> -1;
        };
    }

    /** Notes that the conversation's DTLS ServerHello (in {@code frame}) chose an SRTP profile. */
    void srtp(Transport t, long frame, int profile, int mkiLength) {
        int tag = tagLength(profile);
        if (tag < 0) {
            return;
        }
        if (srtp.size() >= 1 << 16) {
            srtp.clear();
        }
        srtp.putIfAbsent(t.endpoints().copy(), new Srtp(profile, tag, mkiLength, frame));
    }

    /** The SRTP set up on the packet's conversation, or null when its media is not known to be SRTP. */
    Srtp srtp(Transport t) {
        return srtp.isEmpty() ? null : srtp.get(t.endpoints());
    }

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
