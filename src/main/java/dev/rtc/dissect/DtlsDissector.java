package dev.rtc.dissect;

import static dev.rtc.dissect.Dissector.u16;
import static dev.rtc.dissect.Dissector.u32;
import static dev.rtc.dissect.Fields.*;
import static dev.rtc.dissect.TlsMessages.*;

import java.util.HashSet;
import java.util.Set;

/**
 * DTLS over UDP (the DTLS-SRTP handshake of a WebRTC call): records back to back in a datagram. Found on the UDP
 * ports Wireshark 4.0 gives DTLS and, anywhere else, as its "dtls_udp" heuristic (on by default) finds it: records
 * with a known content type and a DTLS version (1.0, 1.2, or OpenSSL's pre-standard 0x0100) that fill the datagram
 * exactly. Records of epoch 1 and later are encrypted: their bytes show as handshake messages or alerts only when
 * they happen to read as such, as in Wireshark.
 *
 * <p>DTLS 1.3 (RFC 9147 §4) encrypts its records under a unified header, first byte {@code 001CSLEE}, which
 * Wireshark 4.0 cannot read: rtc reads it after a plaintext record in the same datagram or on a conversation that
 * already carried DTLS. {@code dtls.record.epoch} is then the epoch's low two bits (EE), and
 * {@code dtls.record.sequence_number} the sequence number's low 8 or 16 bits as sent, which RFC 9147 §4.2.3
 * encrypts; the body is {@code dtls.enc_content}. With a connection id (C) the header's length is not in the
 * record, so only the epoch bits show.
 */
final class DtlsDissector implements Payload {
    /** The UDP ports Wireshark 4.0 decodes as DTLS ({@code tshark -G decodes}: udp.port ... dtls). */
    static final int[] PORTS = {853, 2221, 5684, 5868};

    private static final int HEADER = 13;
    private static final int DTLS_1_0 = 0xFEFF;
    private static final int DTLS_1_2 = 0xFEFD;
    private static final int DTLS_1_3 = 0xFEFC;
    private static final int DTLS_OPENSSL_PRE_STANDARD = 0x0100;
    /** Conversations remembered; past this many the set starts afresh, so memory stays flat on long captures. */
    private static final int MAX_CONVERSATIONS = 1 << 16;

    /** The largest handshake message put together from fragments (a ClientHello with many extensions fits). */
    private static final int MAX_REASSEMBLED = 1 << 16;

    /** The handshake message being put together from fragments in one datagram: its sequence, type and length. */
    private int pendingSeq = -1;
    private int pendingType;
    private int pendingLength;
    /** How many of its bytes are in, from its start, at pendingAt in the frame's buffer. */
    private int pendingHave;
    private int pendingAt;
    /**
     * Where the next reassembled message may go in the frame's buffer: past the datagram and everything the
     * dissector appended before (a reassembled IP datagram, TCP segments held back for ChannelData after it).
     */
    private int appendAt;

    /** UDP conversations that carried a DTLS record: unified-header records on them are DTLS 1.3. */
    private final Set<Endpoints> conversations = new HashSet<>();
    /** Where a DTLS conversation is noted as a WebRTC flow (RTP and RTCP follow on it), or null. */
    private final MediaFlows media;

    DtlsDissector(MediaFlows media) {
        this.media = media;
    }

    @Override
    public boolean datagram(Frame f, int p, int end, Transport t) {
        if (end - p < HEADER || !plaintext(f.data(), p)) {
            return false;
        }
        records(f, p, end, t);
        return true;
    }

    @Override
    public boolean datagramHeuristic(Frame f, int p, int end, Transport t) {
        if (!fills(f.data(), p, end, t)) {
            return false;
        }
        records(f, p, end, t);
        return true;
    }

    /** Whether the datagram is records back to back, exactly. */
    private boolean fills(byte[] d, int p, int end, Transport t) {
        boolean plaintextFirst = end - p >= HEADER && plaintext(d, p);
        boolean known = false;
        boolean asked = false;
        while (p < end) {
            if (end - p >= HEADER && plaintext(d, p)) {
                p += HEADER + u16(d, p + 11);
                continue;
            }
            if ((d[p] & 0xE0) != 0x20) {
                return false;
            }
            if (!plaintextFirst) {
                if (!asked) {
                    known = !conversations.isEmpty() && conversations.contains(t.endpoints());
                    asked = true;
                }
                if (!known) {
                    return false;
                }
            }
            int len = unifiedLength(d, p, end);
            if (len < 0) {
                return false;
            }
            p += len;
        }
        return p == end;
    }

    private static boolean plaintext(byte[] d, int p) {
        int version = u16(d, p + 1);
        return knownContentType(d[p] & 0xFF)
                && (version == DTLS_1_0 || version == DTLS_1_2 || version == DTLS_OPENSSL_PRE_STANDARD);
    }

    /** A unified-header record's whole length (header and body), -1 when its header is cut short. */
    private static int unifiedLength(byte[] d, int p, int end) {
        int b0 = d[p] & 0xFF;
        if ((b0 & 0x10) != 0) {
            return end - p; // a connection id of a length the record does not say: the rest of the datagram
        }
        int header = 1 + ((b0 & 0x08) != 0 ? 2 : 1);
        if ((b0 & 0x04) == 0) {
            return end - p >= header ? end - p : -1;
        }
        if (end - p < header + 2) {
            return -1;
        }
        return header + 2 + u16(d, p + header);
    }

    private void records(Frame f, int p, int end, Transport t) {
        pendingSeq = -1;
        appendAt = Math.max(f.appendAt(), end);
        if (media != null) {
            media.mark(t, f.number(), MediaFlows.Evidence.DTLS);
        }
        byte[] d = f.data();
        f.addProtocol(DTLS, p, end - p, end);
        f.chain(DTLS);
        if (conversations.size() >= MAX_CONVERSATIONS) {
            conversations.clear();
        }
        if (!conversations.contains(t.endpoints())) {
            conversations.add(t.endpoints().copy());
        }
        TlsFields x = TlsFields.DTLS_FIELDS;
        while (end - p >= 1) {
            if ((d[p] & 0xE0) == 0x20) {
                p = unified(f, p, end);
                continue;
            }
            if (end - p < HEADER || !plaintext(d, p)) {
                return;
            }
            int type = d[p] & 0xFF;
            int len = u16(d, p + 11);
            f.addLong(x.contentType(), type);
            f.addLong(x.version(), u16(d, p + 1));
            f.addLong(DTLS_RECORD_EPOCH, u16(d, p + 3));
            f.addLong(DTLS_RECORD_SEQUENCE_NUMBER, (long) u16(d, p + 5) << 32 | u32(d, p + 7));
            f.addLong(x.length(), len);
            int body = p + HEADER;
            // a record longer than the datagram is read as far as its bytes go, and is the last
            int bodyEnd = Math.min(end, body + len);
            switch (type) {
                case ALERT -> alert(f, x, body, end);
                case HANDSHAKE -> {
                    int srtp = handshakes(f, body, bodyEnd);
                    if (srtp >= 0 && media != null) {
                        media.srtp(t, f.number(), srtp >> 8, srtp & 0xFF);
                    }
                }
                case APPLICATION_DATA -> f.addSlice(x.appData(), body, bodyEnd - body);
                default -> {
                }
            }
            p = bodyEnd;
        }
    }

    /** A DTLS 1.3 unified-header record at p; returns where the next record starts. */
    private static int unified(Frame f, int p, int end) {
        byte[] d = f.data();
        int b0 = d[p] & 0xFF;
        f.addLong(DTLS_RECORD_EPOCH, b0 & 0x03);
        if ((b0 & 0x10) != 0) {
            return end;
        }
        int q = p + 1;
        boolean longSeq = (b0 & 0x08) != 0;
        if (end - q < (longSeq ? 2 : 1)) {
            return end;
        }
        f.addLong(DTLS_RECORD_SEQUENCE_NUMBER, longSeq ? u16(d, q) : d[q] & 0xFF);
        q += longSeq ? 2 : 1;
        int bodyEnd = end;
        if ((b0 & 0x04) != 0) {
            if (end - q < 2) {
                return end;
            }
            int len = u16(d, q);
            f.addLong(DTLS_RECORD_LENGTH, len);
            q += 2;
            if (len > end - q) {
                return end;
            }
            bodyEnd = q + len;
        }
        if (bodyEnd > q) {
            f.addSlice(DTLS_ENC_CONTENT, q, bodyEnd - q);
        }
        return bodyEnd;
    }

    /**
     * The handshake messages of one record, each with its DTLS fragment header. The first message's type must have
     * a name and its fragment fit the record, else the record is an encrypted handshake message (epoch 1's Finished)
     * and shows no handshake fields; later messages end the record the same way. A message's body is read when the
     * record holds all of it (fragment offset 0, fragment length the message's length). Returns the SRTP profile a
     * ServerHello chose, as {@link TlsMessages#chosenSrtpProfile} gives it, or -1.
     */
    private int handshakes(Frame f, int p, int end) {
        TlsFields x = TlsFields.DTLS_FIELDS;
        byte[] d = f.data();
        boolean named = false;
        int srtp = -1;
        while (end - p >= 12) {
            int type = d[p] & 0xFF;
            int len = u24(d, p + 1);
            int fragmentOffset = u24(d, p + 6);
            int fragmentLength = u24(d, p + 9);
            // the fit is checked from the message's start, and a name found for an earlier message stays
            if (fragmentLength <= end - p) {
                named = knownHandshakeType(x, type);
            }
            if (!named) {
                return srtp;
            }
            f.addLong(x.handshakeType(), type);
            f.addLong(x.handshakeLength(), len);
            f.addLong(DTLS_HANDSHAKE_MESSAGE_SEQ, u16(d, p + 4));
            f.addLong(DTLS_HANDSHAKE_FRAGMENT_OFFSET, fragmentOffset);
            f.addLong(DTLS_HANDSHAKE_FRAGMENT_LENGTH, fragmentLength);
            int body = p + 12;
            if (fragmentLength > end - body) {
                return srtp;
            }
            int whole = -1;
            if (fragmentOffset == 0 && fragmentLength >= len) {
                whole = body;
            } else {
                whole = fragment(f, type, u16(d, p + 4), len, fragmentOffset, body, fragmentLength);
                d = f.data();
            }
            if (whole >= 0) {
                int version = body(f, x, type, whole, whole + len);
                if (type == SERVER_HELLO) {
                    srtp = chosenSrtpProfile(d, whole, whole + len);
                    // DTLS 1.3 moves use_srtp into the encrypted extensions: the media is SRTP, its profile unseen
                    if (srtp < 0 && version == DTLS_1_3) {
                        srtp = MediaFlows.ENCRYPTED_PROFILE << 8;
                    }
                }
            }
            p = body + fragmentLength;
        }
        return srtp;
    }

    /**
     * A fragment of a handshake message (RFC 6347 section 4.2.3) in the datagram being dissected: fragments that
     * follow each other in order within one datagram (a ClientHello larger than the path's MTU allows for one record)
     * are put together after the frame's bytes. Returns where the whole message's body starts once the last fragment
     * is in, else -1. Fragments spread over several datagrams are not reassembled.
     */
    private int fragment(Frame f, int type, int seq, int len, int offset, int body, int length) {
        if (offset == 0) {
            pendingSeq = seq;
            pendingType = type;
            pendingLength = len;
            pendingHave = 0;
            pendingAt = appendAt;
        }
        if (seq != pendingSeq || type != pendingType || len != pendingLength || offset != pendingHave
                || length > len - offset || len > MAX_REASSEMBLED) {
            pendingSeq = -1;
            return -1;
        }
        byte[] d = f.buffer(pendingAt + len);
        System.arraycopy(d, body, d, pendingAt + offset, length);
        pendingHave += length;
        if (pendingHave < len) {
            return -1;
        }
        pendingSeq = -1;
        appendAt = pendingAt + len;
        f.appended(appendAt);
        return pendingAt;
    }
}
