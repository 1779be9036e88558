package dev.rtc.dissect;

import java.util.Arrays;

/**
 * A transport conversation without direction (two addresses, two ports, the protocol), the key of stream indices
 * and of STUN conversations. Mutable so that a lookup needs no allocation: the dissector fills one probe and stores
 * {@link #copy()}s.
 */
final class Endpoints {
    private final long[] a = new long[4];
    private final long[] b = new long[4];
    private int portA;
    private int portB;
    private int protocol;
    private int hash;

    /** Sets the probe from one packet's addresses (4 or 16 bytes at the offsets) and ports, ordered canonically. */
    private final long[] scratchSource = new long[4];
    private final long[] scratchDestination = new long[4];

    Endpoints set(int protocol, byte[] data, int srcOff, int dstOff, int addrLen, int srcPort, int dstPort) {
        long[] s = scratchSource;
        long[] d = scratchDestination;
        java.util.Arrays.fill(s, 0);
        java.util.Arrays.fill(d, 0);
        read(data, srcOff, addrLen, s);
        read(data, dstOff, addrLen, d);
        return set(protocol, s, d, srcPort, dstPort);
    }

    private Endpoints set(int protocol, long[] s, long[] d, int srcPort, int dstPort) {
        this.protocol = protocol;
        int c = compare(s, srcPort, d, dstPort);
        if (c <= 0) {
            System.arraycopy(s, 0, a, 0, 4);
            System.arraycopy(d, 0, b, 0, 4);
            portA = srcPort;
            portB = dstPort;
        } else {
            System.arraycopy(d, 0, a, 0, 4);
            System.arraycopy(s, 0, b, 0, 4);
            portA = dstPort;
            portB = srcPort;
        }
        hash = 31 * (31 * (31 * Arrays.hashCode(a) + Arrays.hashCode(b)) + portA * 65537 + portB) + protocol;
        return this;
    }

    /** True when the packet's source is the canonical first endpoint (the direction inside a conversation). */
    static boolean sourceFirst(byte[] data, int srcOff, int dstOff, int addrLen, int srcPort, int dstPort) {
        long[] s = {0, 0, 0, 0};
        long[] d = {0, 0, 0, 0};
        read(data, srcOff, addrLen, s);
        read(data, dstOff, addrLen, d);
        return compare(s, srcPort, d, dstPort) <= 0;
    }

    private static void read(byte[] data, int off, int len, long[] out) {
        out[0] = len;
        for (int i = 0; i < len; i++) {
            int word = 1 + i / 8;
            out[word] = (out[word] << 8) | (data[off + i] & 0xFF);
        }
    }

    private static int compare(long[] s, int sp, long[] d, int dp) {
        for (int i = 0; i < 4; i++) {
            if (s[i] != d[i]) {
                return Long.compareUnsigned(s[i], d[i]) < 0 ? -1 : 1;
            }
        }
        return Integer.compare(sp, dp);
    }

    Endpoints copy() {
        Endpoints e = new Endpoints();
        System.arraycopy(a, 0, e.a, 0, 4);
        System.arraycopy(b, 0, e.b, 0, 4);
        e.portA = portA;
        e.portB = portB;
        e.protocol = protocol;
        e.hash = hash;
        return e;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoints e && e.hash == hash && e.portA == portA && e.portB == portB
                && e.protocol == protocol && Arrays.equals(e.a, a) && Arrays.equals(e.b, b);
    }
}
