package dev.rtc.dissect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IPv4 reassembly as Wireshark does it by default: fragments are kept by (source, destination, protocol, id); the
 * fragment that completes a datagram carries the reassembled payload, which is dissected in that frame. Bounded:
 * the oldest unfinished datagrams are forgotten past a limit.
 */
final class Fragments {
    private static final int MAX_PENDING = 4096;

    private record Key(long addresses, int protocolAndId) {
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

    /**
     * Adds a fragment. When it completes its datagram, appends the whole payload after the frame's captured bytes
     * and returns its length; otherwise returns -1.
     */
    int add(Frame f, byte[] d, int ipOff, int payload, int end, int offset, boolean more) {
        Key key = new Key(Dissector.u32(d, ipOff + 12) << 32 | Dissector.u32(d, ipOff + 16),
                (d[ipOff + 9] & 0xFF) << 16 | Dissector.u16(d, ipOff + 4));
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
