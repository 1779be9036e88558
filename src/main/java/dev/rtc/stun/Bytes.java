package dev.rtc.stun;

/** Big-endian reads and writes on byte arrays; callers check bounds first. */
final class Bytes {
    private Bytes() {
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    static int getInt(byte[] b, int off) {
        return (u16(b, off) << 16) | u16(b, off + 2);
    }

    static long u32(byte[] b, int off) {
        return getInt(b, off) & 0xFFFFFFFFL;
    }

    static long u64(byte[] b, int off) {
        return (u32(b, off) << 32) | u32(b, off + 4);
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static void put32(byte[] b, int off, long v) {
        put16(b, off, (int) (v >>> 16));
        put16(b, off + 2, (int) v);
    }

    static void put64(byte[] b, int off, long v) {
        put32(b, off, v >>> 32);
        put32(b, off + 4, v);
    }

    static int pad4(int n) {
        return (n + 3) & ~3;
    }
}
