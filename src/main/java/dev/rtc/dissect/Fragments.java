package dev.rtc.dissect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IPv4 and IPv6 reassembly as Wireshark does it by default: fragments are kept by source, destination, protocol
 * (IPv4) and identification; the fragment that completes a datagram carries the reassembled payload, which is
 * dissected in that frame. Bounded: the oldest unfinished datagrams are forgotten past a limit.
 */
final class Fragments {
    private static final int MAX_PENDING = 4096;

    /** Addresses (IPv4: both in a; IPv6: a-d) and, in e, the version, protocol and identification. */
    private record Key(long a, long b, long c, long d, long e) {
    }

    private record Piece(int offset, byte[] bytes) {
    }

    private static final class Pending {
        final List<Piece> pieces = new ArrayList<>();
        int total = -1;
    }

    private final Map<Key, Pending> pending = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Pending> eldest) {
            return size() > MAX_PENDING;
        }
    };

    /** An IPv4 fragment (the header at ipOff); see {@link #add(Frame, Key, byte[], int, int, int, boolean)}. */
    int add4(Frame f, byte[] d, int ipOff, int payload, int end, int offset, boolean more) {
        Key key = new Key(Dissector.u32(d, ipOff + 12) << 32 | Dissector.u32(d, ipOff + 16), 0, 0, 0,
                (long) (d[ipOff + 9] & 0xFF) << 16 | Dissector.u16(d, ipOff + 4));
        return add(f, key, d, payload, end, offset, more);
    }

    /** An IPv6 fragment (the fixed header at ipOff, the fragment header's identification given). */
    int add6(Frame f, byte[] d, int ipOff, long identification, int payload, int end, int offset, boolean more) {
        int s = ipOff + 8;
        Key key = new Key(Dissector.u32(d, s) << 32 | Dissector.u32(d, s + 4),
                Dissector.u32(d, s + 8) << 32 | Dissector.u32(d, s + 12),
                Dissector.u32(d, s + 16) << 32 | Dissector.u32(d, s + 20),
                Dissector.u32(d, s + 24) << 32 | Dissector.u32(d, s + 28), 1L << 40 | identification);
        return add(f, key, d, payload, end, offset, more);
    }

    /**
     * Adds a fragment. When it completes its datagram, appends the whole payload after the frame's captured bytes
     * and returns its length; otherwise returns -1.
     */
    private int add(Frame f, Key key, byte[] d, int payload, int end, int offset, boolean more) {
        Pending p = pending.computeIfAbsent(key, k -> new Pending());
        p.pieces.add(new Piece(offset, Arrays.copyOfRange(d, payload, end)));
        if (!more) {
            p.total = offset + (end - payload);
        }
        if (p.total < 0) {
            return -1;
        }
        byte[] whole = new byte[p.total];
        boolean[] have = new boolean[p.total];
        for (Piece piece : p.pieces) {
            int n = Math.min(piece.bytes().length, p.total - piece.offset());
            if (n <= 0) {
                continue;
            }
            System.arraycopy(piece.bytes(), 0, whole, piece.offset(), n);
            Arrays.fill(have, piece.offset(), piece.offset() + n, true);
        }
        for (boolean h : have) {
            if (!h) {
                return -1;
            }
        }
        pending.remove(key);
        int at = f.capturedLength();
        byte[] buf = f.buffer(at + whole.length);
        System.arraycopy(whole, 0, buf, at, whole.length);
        return whole.length;
    }
}
