package dev.rtc.dissect;

import static dev.rtc.dissect.Dissector.u16;
import static dev.rtc.dissect.Dissector.u32;
import static dev.rtc.dissect.Fields.*;

/**
 * RTCP compound packets (RFC 3550 section 6, RFC 4585 feedback): SR, RR, SDES, BYE, APP, RTPFB (NACK) and PSFB
 * (PLI, FIR, REMB), each packet a layer of its own as in Wireshark. Found on its own by tshark 4.0's rtcp_udp
 * heuristic, which is on by default: version 2, a first packet that is SR, RR, BYE, APP or PSFB, a datagram length
 * that is a multiple of 4; or handed over by {@link RtpDissector} for RTCP payload types. A packet whose fields run
 * past the captured bytes ends the dissection where they do (Wireshark's "malformed packet"); the length check at
 * the end says whether the packets' lengths add up to the datagram.
 */
final class RtcpDissector implements Payload {
    static final int SR = 200;
    static final int RR = 201;
    static final int SDES = 202;
    static final int BYE = 203;
    static final int APP = 204;
    static final int RTPFB = 205;
    static final int PSFB = 206;

    /** NTP's era 0 starts 70 years (and 17 leap days) before the Unix epoch. */
    private static final long NTP_TO_UNIX_SECONDS = 2_208_988_800L;

    /** Where a conversation's DTLS-SRTP profile is known, which makes its RTCP SRTCP. */
    private final MediaFlows flows;

    RtcpDissector(MediaFlows flows) {
        this.flows = flows;
    }

    @Override
    public boolean datagramHeuristic(Frame f, int p, int end, Transport t) {
        if (!looksLikeRtcp(f.data(), p, end)) {
            return false;
        }
        dissect(f, p, end, t, "RTCP heuristic (rtcp_udp, on by default)");
        return true;
    }

    /** tshark's rtcp_udp test: version 2, a first packet that is SR, RR, BYE, APP or PSFB, a multiple of 4 bytes. */
    static boolean looksLikeRtcp(byte[] d, int p, int end) {
        if (end - p < 2 || (d[p] & 0xC0) != 0x80 || (end - p) % 4 != 0) {
            return false;
        }
        int type = d[p + 1] & 0xFF;
        return type == SR || type == RR || type == BYE || type == APP || type == PSFB;
    }

    /** A compound packet, SRTCP where the conversation's DTLS handshake chose an SRTP profile. */
    void dissect(Frame f, int p, int end, Transport t, String why) {
        MediaFlows.Srtp srtp = flows.srtp(t);
        if (srtp != null) {
            srtcp(f, p, end, t, why, srtp);
        } else {
            compound(f, p, end, why);
        }
    }

    /** Dissects the compound packet at [p, end); {@code why} says how it was recognised. */
    static void compound(Frame f, int p, int end, String why) {
        byte[] d = f.data();
        f.chain(RTCP);
        int q = p;
        boolean first = true;
        while (end - q >= 4 && (d[q] & 0xC0) == 0x80) {
            int type = d[q + 1] & 0xFF;
            int words = u16(d, q + 2);
            int next = q + 4 * (words + 1);
            int layer = f.addProtocol(RTCP, q, next - q, Math.min(next, end));
            if (first && why != null) {
                f.note(layer, why);
                first = false;
            }
            int count = d[q] & 0x1F;
            header(f, q, type, count, words);
            Body b = new Body(f, q + 4, next, end);
            boolean whole = switch (type) {
                case SR -> b.senderReport(count);
                case RR -> b.ssrc(RTCP_SENDERSSRC) && b.reportBlocks(count);
                case SDES -> b.sourceDescription(count);
                case BYE -> b.goodbye(count);
                case APP -> b.application();
                case RTPFB -> b.transportFeedback(count);
                case PSFB -> b.payloadFeedback(count);
                default -> true;
            };
            if (!whole) {
                return;
            }
            q = next;
        }
        f.addLong(RTCP_LENGTH_CHECK, q == end ? 1 : 0);
    }

    /** The fields of a packet's first four bytes. */
    private static void header(Frame f, int q, int type, int count, int words) {
        f.addLong(RTCP_VERSION, 2);
        f.addLong(RTCP_PADDING, (f.data()[q] >> 5) & 1);
        f.addLong(switch (type) {
            case SDES, BYE -> RTCP_SC;
            case RTPFB -> RTCP_RTPFB_FMT;
            case PSFB -> RTCP_PSFB_FMT;
            case APP -> RTCP_APP_SUBTYPE;
            default -> RTCP_RC;
        }, count);
        f.addLong(RTCP_PT, type);
        f.addLong(RTCP_LENGTH, words);
    }

    /**
     * An SRTCP packet at [p, end) (RFC 3711 section 3.4) on a conversation whose DTLS handshake set up SRTP: the
     * compound packet, the E flag with the 31-bit SRTCP index, the MKI if the handshake announced one, and the
     * authentication tag: 80 bits after the index for the HMAC-SHA1 profiles (the _32 ones too, RFC 5764 section
     * 4.1.2), 16 bytes at the end of the ciphertext, before the index, for AEAD (RFC 7714 section 17). Where DTLS 1.3
     * hid the profile the packet's length tells the two layouts apart ({@link MediaFlows.Srtp#aeadSrtcp}). With E set
     * only the first packet's header and sender SSRC are in clear and the rest is {@code srtcp.encrypted_payload};
     * without it the compound is dissected as RTCP. A datagram too short for the trailer is read as plain RTCP.
     */
    void srtcp(Frame f, int p, int end, Transport t, String why, MediaFlows.Srtp srtp) {
        byte[] d = f.data();
        boolean aead = srtp.aeadSrtcp(end - p);
        int afterIndex = srtp.mkiLength() + (aead ? 0 : 10);
        int beforeIndex = aead ? 16 : 0;
        int tail = end - 4 - afterIndex;
        if (tail - beforeIndex - p < 8 || (d[p] & 0xC0) != 0x80) {
            compound(f, p, end, why);
            return;
        }
        if (aead && !srtp.known()) {
            flows.learnAead(t, srtp);
        }
        boolean encrypted = (d[tail] & 0x80) != 0;
        String how = why;
        if (why != null && f.keepsAll()) {
            how = why + "; SRTCP (DTLS-SRTP in frame " + srtp.frame() + (srtp.known() ? ")"
                    : ", DTLS 1.3: the profile is encrypted, the " + (aead ? "AEAD" : "HMAC-SHA1")
                      + " layout is read from the packet's length)");
        }
        if (encrypted) {
            f.chain(RTCP);
            int layer = f.addProtocol(RTCP, p, end - p, end);
            if (how != null) {
                f.note(layer, how);
            }
            header(f, p, d[p + 1] & 0xFF, d[p] & 0x1F, u16(d, p + 2));
            f.addLong(RTCP_SENDERSSRC, u32(d, p + 4));
            if (tail - beforeIndex > p + 8) {
                f.addSlice(SRTCP_ENCRYPTED_PAYLOAD, p + 8, tail - beforeIndex - p - 8);
            }
        } else {
            compound(f, p, tail - beforeIndex, how);
        }
        f.addLong(SRTCP_E, encrypted ? 1 : 0);
        f.addLong(SRTCP_INDEX, u32(d, tail) & 0x7FFF_FFFFL);
        int q = tail + 4;
        if (srtp.mkiLength() > 0) {
            f.addSlice(SRTCP_MKI, q, srtp.mkiLength());
            q += srtp.mkiLength();
        }
        if (aead) {
            f.addSlice(SRTCP_AUTH_TAG, tail - beforeIndex, beforeIndex);
        } else {
            f.addSlice(SRTCP_AUTH_TAG, q, 10);
        }
    }

    /** One packet's body at [q, next) of which the bytes before {@code end} were captured. */
    private static final class Body {
        private final Frame f;
        private final byte[] d;
        private int q;
        private final int next;
        private final int end;

        Body(Frame f, int q, int next, int end) {
            this.f = f;
            this.d = f.data();
            this.q = q;
            this.next = next;
            this.end = end;
        }

        private boolean has(int n) {
            return end - q >= n;
        }

        /** A 32-bit field; false when it was not captured. */
        boolean ssrc(Field field) {
            if (!has(4)) {
                return false;
            }
            f.addLong(field, u32(d, q));
            q += 4;
            return true;
        }

        boolean senderReport(int blocks) {
            if (!ssrc(RTCP_SENDERSSRC) || !has(8)) {
                return false;
            }
            long msw = u32(d, q);
            long lsw = u32(d, q + 4);
            f.addLong(RTCP_TIMESTAMP_NTP_MSW, msw);
            f.addLong(RTCP_TIMESTAMP_NTP_LSW, lsw);
            f.addLong(RTCP_TIMESTAMP_NTP, (msw - NTP_TO_UNIX_SECONDS) * 1_000_000_000L
                    + ((lsw * 1_000_000_000L) >>> 32));
            q += 8;
            return ssrc(RTCP_TIMESTAMP_RTP) && ssrc(RTCP_SENDER_PACKETCOUNT) && ssrc(RTCP_SENDER_OCTETCOUNT)
                    && reportBlocks(blocks);
        }

        /** Report blocks (24 bytes each), then profile-specific extensions up to the packet's end. */
        boolean reportBlocks(int blocks) {
            for (int i = 0; i < blocks; i++) {
                if (!has(24)) {
                    return false;
                }
                f.addLong(RTCP_SSRC_IDENTIFIER, u32(d, q));
                f.addLong(RTCP_SSRC_FRACTION, d[q + 4] & 0xFF);
                int lost = (int) (u32(d, q + 4) & 0xFFFFFF);
                f.addLong(RTCP_SSRC_CUM_NR, (lost << 8) >> 8);
                f.addLong(RTCP_SSRC_EXT_HIGH, u32(d, q + 8));
                f.addLong(RTCP_SSRC_HIGH_CYCLES, u16(d, q + 8));
                f.addLong(RTCP_SSRC_HIGH_SEQ, u16(d, q + 10));
                f.addLong(RTCP_SSRC_JITTER, u32(d, q + 12));
                f.addLong(RTCP_SSRC_LSR, u32(d, q + 16));
                f.addLong(RTCP_SSRC_DLSR, u32(d, q + 20));
                q += 24;
            }
            while (q < next) {
                if (!has(4)) {
                    return false;
                }
                int words = u16(d, q + 2);
                f.addLong(RTCP_PSE_TYPE, u16(d, q));
                f.addLong(RTCP_PSE_LENGTH, words);
                int len = Math.max(0, 4 * words - 4);
                if (words == 0 || !has(4 + len)) {
                    // an extension of length 0 cannot end: Wireshark gives up on the packet there
                    if (words == 0) {
                        f.addSlice(RTCP_PSE, q + 4, 0);
                    }
                    return false;
                }
                f.addSlice(RTCP_PSE, q + 4, len);
                q += 4 + len;
            }
            return true;
        }

        boolean sourceDescription(int chunks) {
            for (int c = 0; c < chunks && q < next; c++) {
                if (!ssrc(RTCP_SSRC_IDENTIFIER)) {
                    return false;
                }
                int chunkStart = q;
                while (true) {
                    if (!has(1)) {
                        return false;
                    }
                    int type = d[q] & 0xFF;
                    f.addLong(RTCP_SDES_TYPE, type);
                    if (type == 0) {
                        // the item list ends with a null octet and padding to the next 32-bit boundary
                        q = chunkStart + ((q - chunkStart) / 4 + 1) * 4;
                        break;
                    }
                    if (!has(2)) {
                        return false;
                    }
                    int len = d[q + 1] & 0xFF;
                    f.addLong(RTCP_SDES_LENGTH, len);
                    q += 2;
                    if (!has(len)) {
                        return false;
                    }
                    int text = q;
                    int textLen = len;
                    if (type == 8 && len > 0) {
                        int prefix = d[q] & 0xFF;
                        f.addLong(RTCP_SDES_PREFIX_LENGTH, prefix);
                        if (prefix + 1 > len) {
                            return false;
                        }
                        f.addSlice(RTCP_SDES_PREFIX_STRING, q + 1, prefix);
                        text = q + 1 + prefix;
                        textLen = len - 1 - prefix;
                    }
                    f.addSlice(RTCP_SDES_TEXT, text, textLen);
                    q += len;
                }
            }
            return true;
        }

        boolean goodbye(int sources) {
            for (int i = 0; i < sources; i++) {
                if (!ssrc(RTCP_SSRC_IDENTIFIER)) {
                    return false;
                }
            }
            if (q < next) {
                if (!has(1)) {
                    return false;
                }
                int len = d[q] & 0xFF;
                f.addLong(RTCP_SDES_LENGTH, len);
                if (!has(1 + len)) {
                    return false;
                }
                f.addSlice(RTCP_SDES_TEXT, q + 1, len);
            }
            return true;
        }

        boolean application() {
            if (!ssrc(RTCP_SSRC_IDENTIFIER) || !has(4)) {
                return false;
            }
            f.addSlice(RTCP_APP_NAME, q, 4);
            q += 4;
            if (q < next) {
                if (next > end) {
                    return false;
                }
                f.addSlice(RTCP_APP_DATA, q, next - q);
            }
            return true;
        }

        boolean transportFeedback(int fmt) {
            if (!ssrc(RTCP_SENDERSSRC) || !ssrc(RTCP_MEDIASSRC)) {
                return false;
            }
            if (fmt != 1) {
                return feedbackControl();
            }
            // Generic NACK (RFC 4585 6.2.1): a lost packet id and a bitmask of the 16 that follow
            while (q < next) {
                if (!has(4)) {
                    return false;
                }
                int pid = u16(d, q);
                int blp = u16(d, q + 2);
                f.addLong(RTCP_RTPFB_NACK_PID, pid);
                f.addLong(RTCP_RTPFB_NACK_BLP, blp);
                for (int bit = 0; bit < 16; bit++) {
                    if ((blp & (1 << bit)) != 0) {
                        f.addLong(RTCP_RTPFB_NACK_PID, pid + bit + 1);
                    }
                }
                q += 4;
            }
            return true;
        }

        boolean payloadFeedback(int fmt) {
            if (!ssrc(RTCP_SENDERSSRC) || !ssrc(RTCP_MEDIASSRC)) {
                return false;
            }
            if (fmt == 1) {
                return true; // PLI has no feedback control information
            }
            if (fmt == 4) {
                // FIR (RFC 5104 4.3.1): SSRC, command sequence number, three reserved bytes per entry
                while (q < next) {
                    if (!has(8)) {
                        return false;
                    }
                    f.addLong(RTCP_PSFB_FIR_FCI_SSRC, u32(d, q));
                    f.addLong(RTCP_PSFB_FIR_FCI_CSN, d[q + 4] & 0xFF);
                    f.addLong(RTCP_PSFB_FIR_FCI_RESERVED, u32(d, q + 4) & 0xFFFFFF);
                    q += 8;
                }
                return true;
            }
            if (fmt == 15 && has(4) && u32(d, q) == 0x52454D42L) {
                // REMB (draft-alvestrand-rmcat-remb): "REMB", the SSRC count, a 6-bit exponent and an 18-bit
                // mantissa of the bit rate, then the SSRCs it applies to
                f.addSlice(RTCP_PSFB_REMB_IDENTIFIER, q, 4);
                q += 4;
                if (!has(4)) {
                    return false;
                }
                int ssrcs = d[q] & 0xFF;
                f.addLong(RTCP_PSFB_REMB_NUMBER_SSRCS, ssrcs);
                f.addLong(RTCP_PSFB_REMB_BR_EXP, (d[q + 1] & 0xFF) >> 2);
                f.addLong(RTCP_PSFB_REMB_BR_MANTISSA, u32(d, q) & 0x3FFFF);
                f.addSlice(RTCP_PSFB_REMB_BITRATE, q, 0);
                q += 4;
                for (int i = 0; i < ssrcs; i++) {
                    if (!ssrc(RTCP_PSFB_REMB_SSRC)) {
                        return false;
                    }
                }
                return true;
            }
            return feedbackControl();
        }

        /** Feedback control information rtc does not decode, as bytes. */
        private boolean feedbackControl() {
            if (q < next) {
                if (next > end) {
                    return false;
                }
                f.addSlice(RTCP_FCI, q, next - q);
            }
            return true;
        }
    }
}
