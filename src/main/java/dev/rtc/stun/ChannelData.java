package dev.rtc.stun;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A TURN ChannelData message (RFC 8656 section 12.4): channel number 0x4000-0x7FFF, length, application data.
 * Over UDP the data may end unpadded; over TCP and TLS the frame is padded to a multiple of 4.
 */
public record ChannelData(int channel, byte[] data) {
    public static final int HEADER_LENGTH = 4;

    public ChannelData {
        if (!validChannel(channel)) {
            throw new IllegalArgumentException(String.format("channel 0x%04x is outside 0x4000-0x7FFF", channel));
        }
        if (data.length > 0xFFFF) {
            throw new IllegalArgumentException("ChannelData carries at most 65535 bytes, not " + data.length);
        }
        data = data.clone();
    }

    public static boolean validChannel(int channel) {
        return channel >= 0x4000 && channel <= 0x7FFF;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /**
     * True when the slice looks like exactly one ChannelData message: a channel number 0x4000-0x7FFF and a length
     * that the slice holds exactly or with padding to 4. Cheap; used to demultiplex.
     */
    public static boolean looksLikeChannelData(byte[] buf, int off, int len) {
        if (off < 0 || len < HEADER_LENGTH || off > buf.length - len) {
            return false;
        }
        int length = Bytes.u16(buf, off + 2);
        return validChannel(Bytes.u16(buf, off))
                && (len == HEADER_LENGTH + length || len == HEADER_LENGTH + Bytes.pad4(length));
    }

    /** Decodes a whole datagram. */
    public static ChannelData decode(byte[] buf) {
        return decode(buf, 0, buf.length);
    }

    /**
     * Decodes the slice {@code buf[off, off+len)}, which holds one ChannelData message, either exactly (UDP) or
     * padded to a multiple of 4 (stream transports).
     */
    public static ChannelData decode(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new StunParseException(String.format(
                    "slice at offset %d of length %d lies outside a buffer of %d bytes", off, len, buf.length));
        }
        if (len < HEADER_LENGTH) {
            throw new StunParseException(String.format(
                    "ChannelData header needs 4 bytes but only %d are present", len));
        }
        int channel = Bytes.u16(buf, off);
        if (!validChannel(channel)) {
            throw new StunParseException(String.format(
                    "channel number 0x%04x at offset 0 is outside 0x4000-0x7FFF", channel));
        }
        int length = Bytes.u16(buf, off + 2);
        if (length > len - HEADER_LENGTH) {
            throw new StunParseException(String.format(
                    "ChannelData length %d at offset 2 overruns the message: only %d bytes follow the header",
                    length, len - HEADER_LENGTH));
        }
        if (len != HEADER_LENGTH + length && len != HEADER_LENGTH + Bytes.pad4(length)) {
            throw new StunParseException(String.format(
                    "ChannelData length %d at offset 2 leaves %d bytes after the data; only padding to a multiple "
                            + "of 4 (%d bytes) may follow", length, len - HEADER_LENGTH - length,
                    Bytes.pad4(length) - length));
        }
        return new ChannelData(channel, Arrays.copyOfRange(buf, off + HEADER_LENGTH, off + HEADER_LENGTH + length));
    }

    /** The frame, padded with zeros to a multiple of 4 when {@code padToFour} (TCP, TLS). */
    public byte[] encode(boolean padToFour) {
        byte[] out = new byte[HEADER_LENGTH + (padToFour ? Bytes.pad4(data.length) : data.length)];
        Bytes.put16(out, 0, channel);
        Bytes.put16(out, 2, data.length);
        System.arraycopy(data, 0, out, HEADER_LENGTH, data.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelData c && c.channel == channel && Arrays.equals(c.data, data);
    }

    @Override
    public int hashCode() {
        return channel * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return String.format("ChannelData[0x%04x, %s]", channel, HexFormat.of().formatHex(data));
    }
}
