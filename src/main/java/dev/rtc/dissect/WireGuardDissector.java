package dev.rtc.dissect;

import static dev.rtc.dissect.Fields.WG;
import static dev.rtc.dissect.Fields.WG_TYPE;

/**
 * Wireshark's WireGuard heuristic, enabled by default: a message type 1-4, three zero bytes, and the length that
 * type has. TURN relays carry arbitrary payloads, which it sometimes claims; rtc does the same so that
 * {@code data} and {@code frame.protocols} agree with tshark.
 */
final class WireGuardDissector implements Payload {
    @Override
    public boolean datagramHeuristic(Frame f, int p, int end, Transport t) {
        byte[] d = f.data();
        int len = end - p;
        if (len < 4 || d[p + 1] != 0 || d[p + 2] != 0 || d[p + 3] != 0) {
            return false;
        }
        int type = d[p] & 0xFF;
        boolean fits = switch (type) {
            case 1 -> len == 148;
            case 2 -> len == 92;
            case 3 -> len == 64;
            case 4 -> len >= 32;
            default -> false;
        };
        if (!fits) {
            return false;
        }
        f.addProtocol(WG, p, len, end);
        f.chain(WG);
        f.addLong(WG_TYPE, type);
        return true;
    }
}
