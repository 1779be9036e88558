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
     * The profile noted for a DTLS 1.3 handshake (RFC 9147), whose ServerHello carries use_srtp in the encrypted
     * extensions: the media is SRTP (RFC 8827 allows no other), the profile is not on the wire. 0 is no assigned
     * profile.
     */
    static final int ENCRYPTED_PROFILE = 0;

    /**
     * What a DTLS-SRTP handshake set up on a conversation (RFC 5764): the profile its ServerHello chose, the length
     * of each SRTP packet's authentication tag (-1 while a DTLS 1.3 handshake hides it), the MKI length, and the frame
     * it was in.
     */
    record Srtp(int profile, int tagLength, int mkiLength, long frame) {
        /** The handshake named its profile (DTLS 1.2 and earlier). */
        boolean known() {
            return profile != ENCRYPTED_PROFILE;
        }

        /**
         * Whether an SRTCP packet of {@code length} bytes is laid out as AEAD's (RFC 7714 section 17: the 16-byte
         * tag ends the ciphertext, then E and the index) rather than HMAC-SHA1's (E and the index, then an 80-bit
         * tag for every HMAC-SHA1 profile, RFC 5764 section 4.1.2). A hidden profile is told by the length: a
         * compound RTCP packet is a multiple of 4 bytes, so 4 bytes of index and a 10-byte tag leave 2 over.
         */
        boolean aeadSrtcp(int length) {
            if (known()) {
                return profile == 0x0007 || profile == 0x0008;
            }
            return length % 4 == 0;
        }
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

    /**
     * Notes that the conversation's DTLS ServerHello (in {@code frame}) chose an SRTP profile, or hid it
     * ({@link #ENCRYPTED_PROFILE}).
     */
    void srtp(Transport t, long frame, int profile, int mkiLength) {
        int tag = tagLength(profile);
        if (tag < 0 && profile != ENCRYPTED_PROFILE) {
            return;
        }
        if (srtp.size() >= 1 << 16) {
            srtp.clear();
        }
        srtp.putIfAbsent(t.endpoints().copy(), new Srtp(profile, tag, mkiLength, frame));
    }

    /**
     * Learns from an AEAD-shaped SRTCP packet that a hidden profile is AEAD_AES_128_GCM or _256_GCM, whose SRTP
     * tags are 16 bytes too.
     */
    void learnAead(Transport t, Srtp hidden) {
        if (hidden.tagLength() < 0) {
            srtp.put(t.endpoints().copy(), new Srtp(ENCRYPTED_PROFILE, 16, 0, hidden.frame()));
        }
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
