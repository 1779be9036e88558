package dev.rtc.capture;

import dev.rtc.dissect.Frame;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes classic pcap (little-endian, microsecond or nanosecond timestamps) through its own buffers, which a
 * second thread writes out ({@link WriteBehind}). What is handed over is always whole records, so a file closed
 * after Ctrl-C is complete.
 */
public final class PcapWriter implements Closeable, Flushable {
    /** Holds any record whole (its 16-byte header and the largest frame). */
    private static final int BUFFER = 1 << 19;

    private final WriteBehind out;
    private final boolean nanos;
    private final int linkType;
    private byte[] buf = new byte[BUFFER];
    private int used;
    private long written;

    public PcapWriter(OutputStream out, int linkType, int snapLength, boolean nanos) throws IOException {
        this.out = new WriteBehind(out, BUFFER);
        this.nanos = nanos;
        this.linkType = linkType;
        put32(nanos ? 0xA1B23C4D : 0xA1B2C3D4);
        put16(2);
        put16(4);
        put32(0);
        put32(0);
        put32(snapLength);
        put32(linkType);
        flush();
    }

    public int linkType() {
        return linkType;
    }

    /** Appends the frame's record. */
    public void write(Frame f) throws IOException {
        int len = f.capturedLength();
        if (buf.length - used < 16 + len) {
            drain();
        }
        long t = f.timeNanos();
        put32((int) Math.floorDiv(t, 1_000_000_000L));
        long frac = Math.floorMod(t, 1_000_000_000L);
        put32((int) (nanos ? frac : frac / 1000));
        put32(len);
        put32(f.wireLength());
        System.arraycopy(f.data(), 0, buf, used, len);
        used += len;
        written++;
    }

    /** How many records were written. */
    public long written() {
        return written;
    }

    private void drain() throws IOException {
        if (used > 0) {
            buf = out.swap(buf, used);
            used = 0;
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }

    private void put32(int v) {
        buf[used++] = (byte) v;
        buf[used++] = (byte) (v >> 8);
        buf[used++] = (byte) (v >> 16);
        buf[used++] = (byte) (v >> 24);
    }

    private void put16(int v) {
        buf[used++] = (byte) v;
        buf[used++] = (byte) (v >> 8);
    }
}
