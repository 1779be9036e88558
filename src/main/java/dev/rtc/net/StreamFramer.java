package dev.rtc.net;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a TCP/TLS byte stream into whole STUN messages and ChannelData frames (RFC 8489 section 6.2.2,
 * RFC 8656 section 12.5). A STUN message is its 20-byte header plus the header's length; a ChannelData frame
 * (first byte 0x40-0x7F) is its 4-byte header plus the data padded to a multiple of 4, padding included in the
 * frame delivered. Bytes may arrive split or merged in any way; each whole frame is delivered once.
 */
public final class StreamFramer {
    private static final int STUN_HEADER = 20;
    private static final int CHANNEL_HEADER = 4;

    private final Consumer<byte[]> sink;
    private byte[] buf = new byte[2048];
    private int len;
    private long offset;

    /** A framer handing each whole frame (a fresh array) to {@code sink}. */
    public StreamFramer(Consumer<byte[]> sink) {
        this.sink = sink;
    }

    /**
     * Adds bytes read from the stream and delivers every frame they complete.
     *
     * @throws IOException when the stream holds something that is neither STUN nor ChannelData: framing is lost
     *                     and the connection cannot be read further
     */
    public void feed(byte[] data, int off, int n) throws IOException {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
        System.arraycopy(data, off, buf, len, n);
        len += n;
        int start = 0;
        while (true) {
            int size = frameSize(buf, start, len - start);
            if (size < 0 || len - start < size) {
                break;
            }
            sink.accept(Arrays.copyOfRange(buf, start, start + size));
            start += size;
        }
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, len - start);
            len -= start;
            offset += start;
        }
    }

    /** Bytes held that do not make a whole frame yet. */
    public int pending() {
        return len;
    }

    /**
     * The size of the frame starting at {@code off}, or -1 when not enough of its header is there yet.
     */
    private int frameSize(byte[] b, int off, int avail) throws IOException {
        if (avail < 1) {
            return -1;
        }
        int first = b[off] & 0xFF;
        if (first < 0x40) {
            if (avail < STUN_HEADER) {
                return -1;
            }
            int length = ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
            if (length % 4 != 0) {
                throw new IOException("stream out of step at byte " + (offset + off)
                        + ": STUN message length " + length + " is not a multiple of 4");
            }
            return STUN_HEADER + length;
        }
        if (first < 0x80) {
            if (avail < CHANNEL_HEADER) {
                return -1;
            }
            int length = ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
            return CHANNEL_HEADER + ((length + 3) & ~3);
        }
        throw new IOException(String.format("stream out of step at byte %d: first byte 0x%02x is neither STUN"
                + " nor ChannelData", offset + off, first));
    }
}
