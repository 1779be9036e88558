package dev.rtc.dissect;

import static dev.rtc.dissect.Dissector.u16;
import static dev.rtc.dissect.Dissector.u32;
import static dev.rtc.dissect.Fields.*;

import java.util.HashMap;
import java.util.Map;

/**
 * RTP (RFC 3550) over UDP, with header extensions in RFC 8285's one-byte and two-byte forms. A datagram is taken as
 * RTP in three ways, each named in {@code -V}: on a WebRTC flow ({@link MediaFlows}) when its first byte is in RFC
 * 7983's RTP/RTCP range 128-191; on a Decode As port; or anywhere by tshark's {@code rtp_udp} heuristic when it is
 * switched on (version 2, not an RTCP payload type 72-76, the CSRCs, extension and padding inside the datagram).
 * Payload types 64-95 are RTCP (RFC 5761 section 4), handed to {@link RtcpDissector}; Wireshark 4.0 then lists
 * "rtp" in frame.protocols without an rtp layer, and so does rtc, except for 72-76 (SR, RR, SDES, BYE, APP with the
 * marker bit) on a WebRTC flow, which tshark's own RTCP heuristic takes.
 */
final class RtpDissector implements Payload {
    private static final int ONE_BYTE_PROFILE = 0xBEDE;

    private final boolean heuristic;
    private final java.util.Set<Integer> ports;
    private final MediaFlows flows;
    /** The extended sequence number last seen per direction of a conversation (IPv4: by endpoint numbers). */
    private final LongPairTable extended4 = new LongPairTable();
    private final Map<Direction, Integer> extended6 = new HashMap<>();

    private record Direction(Endpoints conversation, boolean forward) {
    }

    /** Hands RTCP payload types over, SRTCP on DTLS-SRTP conversations. */
    private final RtcpDissector rtcp;

    RtpDissector(DecodeOptions options, MediaFlows flows, RtcpDissector rtcp) {
        this.heuristic = options.rtpHeuristic();
        this.ports = options.rtpPorts();
        this.flows = flows;
        this.rtcp = rtcp;
    }

    /** A Decode As port: RTP whenever the version is 2. */
    @Override
    public boolean datagram(Frame f, int p, int end, Transport t) {
        if (end - p < 2 || (f.data()[p] & 0xC0) != 0x80) {
            return false;
        }
        int port = ports.contains(t.dstPort()) ? t.dstPort() : t.srcPort();
        dissect(f, p, end, t, "Decode As (-d udp.port==" + port + ",rtp)", true);
        return true;
    }

    @Override
    public boolean datagramHeuristic(Frame f, int p, int end, Transport t) {
        if (end - p < 2) {
            return false;
        }
        int b0 = f.data()[p] & 0xFF;
        if (b0 >= 128 && b0 <= 191) {
            String evidence = flows.evidence(t);
            if (evidence != null) {
                String why = "WebRTC flow: first byte " + b0 + " is RTP/RTCP (RFC 7983), the 5-tuple carried "
                        + evidence;
                int pt = f.data()[p + 1] & 0x7F;
                if (pt >= 72 && pt <= 76) {
                    // SR, RR, SDES, BYE, APP: RTCP itself, as tshark's RTCP heuristic takes them
                    rtcp.dissect(f, p, end, t, why);
                } else {
                    dissect(f, p, end, t, why, false);
                }
                return true;
            }
        }
        if (heuristic && looksLikeRtp(f.data(), p, end)) {
            dissect(f, p, end, t, "RTP heuristic (--enable-heuristic rtp_udp)", false);
            return true;
        }
        return false;
    }

    /**
     * RTP or RTCP inside TURN (a ChannelData message or a Send/Data indication's DATA), taken as tshark takes it with
     * its rtp_stun heuristic on, without the user asking: the same test as rtp_udp's. {@code why} names the relay.
     */
    boolean relayed(Frame f, int p, int end, Transport t, String why) {
        if (end - p < 2 || !looksLikeRtp(f.data(), p, end)) {
            return false;
        }
        dissect(f, p, end, t, why, false);
        return true;
    }

    /** tshark's rtp_udp test: version 2, no RTCP payload type, the header's parts inside the datagram. */
    static boolean looksLikeRtp(byte[] d, int p, int end) {
        int b0 = d[p] & 0xFF;
        int pt = d[p + 1] & 0x7F;
        if (b0 >> 6 != 2 || (pt >= 72 && pt <= 76)) {
            return false;
        }
        int q = p + 12 + 4 * (b0 & 0x0F);
        if ((b0 & 0x10) != 0) {
            if (end - q < 4) {
                return false;
            }
            q += 4 + 4 * u16(d, q + 2);
        }
        if (q > end) {
            return false;
        }
        if ((b0 & 0x20) != 0) {
            int padding = d[end - 1] & 0xFF;
            return padding != 0 && padding <= end - q;
        }
        return true;
    }

    private void dissect(Frame f, int p, int end, Transport t, String why, boolean decodeAs) {
        byte[] d = f.data();
        int b0 = d[p] & 0xFF;
        int b1 = d[p + 1] & 0xFF;
        int pt = b1 & 0x7F;
        if (pt >= 64 && pt <= 95) {
            f.chain(RTP);
            rtcp.dissect(f, p, end, t, why);
            return;
        }
        int rtp = f.addProtocol(RTP, p, end - p, end);
        f.chain(RTP);
        MediaFlows.Srtp srtp = flows.srtp(t);
        if (why != null) {
            f.note(rtp, srtp == null || !f.keepsAll() ? why : why + "; SRTP (DTLS-SRTP in frame " + srtp.frame()
                    + (srtp.tagLength() >= 0 ? ")" : ", DTLS 1.3: the profile is encrypted, so the tag stays in"
                       + " srtp.enc_payload)"));
        }
        f.addLong(RTP_VERSION, b0 >> 6);
        f.addLong(RTP_PADDING, (b0 >> 5) & 1);
        f.addLong(RTP_EXT, (b0 >> 4) & 1);
        f.addLong(RTP_CC, b0 & 0x0F);
        f.addLong(RTP_MARKER, b1 >> 7);
        f.addLong(RTP_P_TYPE, pt);
        if (end - p < 4) {
            return;
        }
        int seq = u16(d, p + 2);
        f.addLong(RTP_SEQ, seq);
        f.addLong(RTP_EXTSEQ, extend(t, seq, decodeAs));
        if (end - p < 8) {
            return;
        }
        f.addLong(RTP_TIMESTAMP, u32(d, p + 4));
        if (end - p < 12) {
            return;
        }
        f.addLong(RTP_SSRC, u32(d, p + 8));
        int q = p + 12;
        int cc = b0 & 0x0F;
        if (cc > 0) {
            f.addLong(RTP_CSRC_ITEMS, 1);
            for (int i = 0; i < cc; i++) {
                if (end - q < 4) {
                    return;
                }
                f.addLong(RTP_CSRC_ITEM, u32(d, q));
                q += 4;
            }
        }
        if ((b0 & 0x10) != 0) {
            if (end - q < 4) {
                return;
            }
            int profile = u16(d, q);
            int words = u16(d, q + 2);
            f.addLong(RTP_EXT_PROFILE, profile);
            f.addLong(RTP_EXT_LEN, words);
            q += 4;
            int extEnd = q + 4 * words;
            f.addLong(RTP_HDR_EXTS, 1);
            if (!extension(f, profile, q, Math.min(extEnd, end)) || extEnd > end) {
                return;
            }
            q = extEnd;
        }
        if (srtp != null) {
            srtpPayload(f, q, end, srtp);
            return;
        }
        if ((b0 & 0x20) != 0 && end > q) {
            int count = d[end - 1] & 0xFF;
            int padStart = count <= end - q ? end - count : q;
            if (padStart > q) {
                f.addSlice(RTP_PAYLOAD, q, padStart - q);
            }
            if (end - 1 > padStart) {
                f.addSlice(RTP_PADDING_DATA, padStart, end - 1 - padStart);
            }
            f.addLong(RTP_PADDING_COUNT, count);
            return;
        }
        if (end > q) {
            f.addSlice(RTP_PAYLOAD, q, end - q);
        }
    }

    /**
     * An SRTP packet's payload [q, end) (RFC 3711 section 3.1): the encrypted payload, the MKI if the DTLS handshake
     * announced one, and the authentication tag of the chosen profile's length. Padding is encrypted with the payload,
     * so its count cannot be read. A payload too short for MKI and tag, or one whose profile DTLS 1.3 hid (the tag is
     * 4, 10 or 16 bytes), shows as encrypted payload only.
     */
    private static void srtpPayload(Frame f, int q, int end, MediaFlows.Srtp srtp) {
        int trailer = srtp.mkiLength() + srtp.tagLength();
        if (srtp.tagLength() < 0 || end - q < trailer) {
            if (end > q) {
                f.addSlice(SRTP_ENC_PAYLOAD, q, end - q);
            }
            return;
        }
        int tag = end - srtp.tagLength();
        int mki = tag - srtp.mkiLength();
        if (mki > q) {
            f.addSlice(SRTP_ENC_PAYLOAD, q, mki - q);
        }
        if (srtp.mkiLength() > 0) {
            f.addSlice(SRTP_MKI, mki, srtp.mkiLength());
        }
        f.addSlice(SRTP_AUTH_TAG, tag, srtp.tagLength());
    }

    /**
     * The elements of a header extension at [q, end): RFC 8285's one-byte (profile 0xBEDE) or two-byte (0x100X)
     * form, else 32-bit words of another profile. False when an element runs past the captured bytes.
     */
    private static boolean extension(Frame f, int profile, int q, int end) {
        byte[] d = f.data();
        boolean twoByte = (profile & 0xFFF0) == 0x1000;
        if (profile != ONE_BYTE_PROFILE && !twoByte) {
            for (; end - q >= 4; q += 4) {
                f.addLong(RTP_HDR_EXT, u32(d, q));
            }
            return q == end;
        }
        while (q < end) {
            int id = d[q] & 0xFF;
            if (twoByte) {
                if (id == 0) {
                    q++;
                    continue;
                }
                if (end - q < 2) {
                    return false;
                }
                int len = d[q + 1] & 0xFF;
                f.addLong(RTP_EXT_RFC5285_APPBITS, profile & 0x0F);
                f.addLong(RTP_EXT_RFC5285_ID, id);
                f.addLong(RTP_EXT_RFC5285_LEN, len);
                q += 2;
                if (len > end - q) {
                    return false;
                }
                if (len > 0) {
                    f.addSlice(RTP_EXT_RFC5285_DATA, q, len);
                }
                q += len;
            } else {
                int element = id >> 4;
                if (element == 0) {
                    q++;
                    continue;
                }
                if (element == 15) {
                    return true;
                }
                int len = (id & 0x0F) + 1;
                f.addLong(RTP_EXT_RFC5285_ID, element);
                f.addLong(RTP_EXT_RFC5285_LEN, len);
                q++;
                if (len > end - q) {
                    return false;
                }
                f.addSlice(RTP_EXT_RFC5285_DATA, q, len);
                q += len;
            }
        }
        return true;
    }

    /**
     * The sequence number extended by its wraps, per direction of the conversation, as Wireshark 4.0 counts it: the
     * count starts at 0x10000 and follows the nearest value; the first packet of a Decode As stream shows the start.
     */
    private int extend(Transport t, int seq, boolean decodeAs) {
        int previous;
        long a = 0;
        long b = 0;
        Direction key = null;
        if (t.ipv4()) {
            a = t.src4();
            b = t.dst4();
            previous = extended4.get(a, b);
        } else {
            key = new Direction(t.endpoints().copy(), t.forward());
            Integer known = extended6.get(key);
            previous = known == null ? -1 : known;
        }
        int value;
        if (previous < 0 && decodeAs) {
            value = 0x10000;
        } else {
            int base = previous < 0 ? 0x10000 : previous;
            value = (base & 0xFFFF0000) | seq;
            if (value + 0x8000 < base) {
                value += 0x10000;
            } else if (base + 0x8000 < value) {
                value -= 0x10000;
            }
        }
        if (t.ipv4()) {
            extended4.put(a, b, value);
        } else {
            extended6.put(key, value);
        }
        return value;
    }
}
