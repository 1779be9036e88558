package dev.rtc.stun;

/**
 * Tells the protocols that share a 5-tuple apart by their first byte (RFC 7983), and frames STUN and ChannelData
 * in a byte stream (RFC 8489 section 6.2.2, RFC 8656 section 12.5).
 */
public final class Demux {
    /** What a packet starting with a given byte is. */
    public enum Kind {
        STUN, ZRTP, DTLS, TURN_CHANNEL, RTP_RTCP, UNKNOWN
    }

    private Demux() {
    }

    /**
     * RFC 7983: 0-3 STUN, 16-19 ZRTP, 20-63 DTLS, 64-79 TURN ChannelData, 128-191 RTP/RTCP, anything else unknown.
     * rtc also counts 80-127 as ChannelData: RFC 7983's 64-79 matches RFC 8656's channels 0x4000-0x4FFF, but RFC
     * 5766 servers (coturn among them) still hand out channels up to 0x7FFF, and real captures carry them.
     */
    public static Kind classify(int firstByte) {
        int b = firstByte & 0xFF;
        if (b <= 3) {
            return Kind.STUN;
        }
        if (b >= 16 && b <= 19) {
            return Kind.ZRTP;
        }
        if (b >= 20 && b <= 63) {
            return Kind.DTLS;
        }
        if (b >= 64 && b <= 127) {
            return Kind.TURN_CHANNEL;
        }
        if (b >= 128 && b <= 191) {
            return Kind.RTP_RTCP;
        }
        return Kind.UNKNOWN;
    }

    /**
     * The length of the STUN message or ChannelData frame (with its padding to 4) that starts at {@code off} in a
     * stream, or -1 when fewer than 4 bytes are available to tell. Throws when the bytes start neither.
     */
    public static int streamFrameLength(byte[] buf, int off, int available) {
        if (available < 4) {
            return -1;
        }
        int first = buf[off] & 0xFF;
        int length = Bytes.u16(buf, off + 2);
        Kind kind = classify(first);
        if (kind == Kind.STUN) {
            return StunMessage.HEADER_LENGTH + length;
        }
        if (kind == Kind.TURN_CHANNEL) {
            return ChannelData.HEADER_LENGTH + Bytes.pad4(length);
        }
        throw new StunParseException(String.format(
                "stream byte 0x%02x at offset %d starts neither a STUN message nor ChannelData", first, off));
    }
}
