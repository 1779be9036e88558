package dev.rtc.dissect;

import static dev.rtc.dissect.Dissector.u16;
import static dev.rtc.dissect.TlsMessages.*;

import java.util.HashMap;
import java.util.Map;

/**
 * TLS over TCP (turns:, STUN over TLS, HTTPS): records back to back in each direction of the byte stream, a
 * record split across segments shown in the segment that completes it. Found on the TCP ports Wireshark 4.0 gives
 * TLS and, anywhere else, by a connection that opens with a ClientHello or ServerHello record (its "tls_tcp"
 * heuristic), which makes the connection TLS's. Records after a direction's ChangeCipherSpec are encrypted and
 * show only their record header; once a ServerHello chose TLS 1.3, application-data records are opaque
 * ({@code tls.record.opaque_type}: their real type is inside the encryption).
 */
final class TlsDissector implements Payload {
    /** The TCP ports Wireshark 4.0 decodes as TLS ({@code tshark -G decodes}: tcp.port ... tls). */
    static final int[] PORTS = {324, 443, 465, 636, 802, 853, 993, 995, 1300, 2221, 2443, 3249, 3250, 3251, 3252,
            3496, 5061, 5671, 5684, 5868, 8883, 11207, 19999, 27017};

    private static final int HEADER = 5;
    /** RFC 8446 §5.2: a record's body is at most 2^14 + 256 bytes (RFC 5246 allows 2^14 + 2048). */
    private static final int MAX_RECORD = (1 << 14) + 2048;
    /** Connections remembered; past this many the table starts afresh, so memory stays flat on long captures. */
    private static final int MAX_SESSIONS = 1 << 16;

    private final Map<Endpoints, Session> sessions = new HashMap<>();

    @Override
    public int stream(Frame f, int p, int end, boolean reassembled, Transport t) {
        byte[] d = f.data();
        int start = p;
        Session session = null;
        int dir = t.forward() ? 0 : 1;
        int item = -1;
        while (p < end) {
            if (end - p < HEADER) {
                return p;
            }
            int type = d[p] & 0xFF;
            int version = u16(d, p + 1);
            int len = u16(d, p + 3);
            if (!knownContentType(type) || (version >> 8) != 3) {
                if (p == start) {
                    return -1;
                }
                return end; // not a record boundary: the rest is not readable as records
            }
            if (HEADER + len > end - p) {
                return p;
            }
            if (session == null) {
                session = session(t);
                item = f.addProtocol(Fields.TLS, p, end - p, end);
                f.chain(Fields.TLS);
            }
            record(f, session, dir, type, version, p + HEADER, len);
            p += HEADER + len;
            f.setEnd(item, p);
        }
        return p;
    }

    /** A segment elsewhere that opens with a ClientHello or ServerHello record. */
    @Override
    public boolean streamStarts(Frame f, int p, int end, Transport t) {
        byte[] d = f.data();
        if (end - p < HEADER + 4 || d[p] != HANDSHAKE || d[p + 1] != 3 || (d[p + 2] & 0xFF) > 4) {
            return false;
        }
        int len = u16(d, p + 3);
        int hs = d[p + 5] & 0xFF;
        return len >= 4 && len <= MAX_RECORD && (hs == CLIENT_HELLO || hs == SERVER_HELLO);
    }

    @Override
    public boolean claimsConversation() {
        return true;
    }

    private Session session(Transport t) {
        Session s = sessions.get(t.endpoints());
        if (s == null) {
            if (sessions.size() >= MAX_SESSIONS) {
                sessions.clear();
            }
            s = new Session();
            sessions.put(t.endpoints().copy(), s);
        }
        return s;
    }

    private static void record(Frame f, Session s, int dir, int type, int version, int p, int len) {
        TlsFields x = TlsFields.TLS_FIELDS;
        boolean opaque = s.tls13 && type == APPLICATION_DATA;
        f.addLong(opaque ? x.opaqueType() : x.contentType(), type);
        f.addLong(x.version(), version);
        f.addLong(x.length(), len);
        boolean encrypted = s.changedCipher[dir];
        switch (type) {
            case CHANGE_CIPHER_SPEC -> s.changedCipher[dir] = true;
            case ALERT -> {
                if (!encrypted) {
                    alert(f, x, p, len);
                }
            }
            case HANDSHAKE -> {
                if (!encrypted) {
                    handshakes(f, s, p, p + len);
                }
            }
            case APPLICATION_DATA -> f.addSlice(x.appData(), p, len);
            default -> {
            }
        }
    }

    /** The handshake messages of one record; a message that continues in the next record shows its header only. */
    private static void handshakes(Frame f, Session s, int p, int end) {
        TlsFields x = TlsFields.TLS_FIELDS;
        byte[] d = f.data();
        while (end - p >= 4) {
            int type = d[p] & 0xFF;
            int len = u24(d, p + 1);
            f.addLong(x.handshakeType(), type);
            f.addLong(x.handshakeLength(), len);
            if (len > end - p - 4) {
                return;
            }
            int chosen = body(f, x, type, p + 4, p + 4 + len);
            if (type == SERVER_HELLO && chosen == TLS13) {
                s.tls13 = true;
            }
            p += 4 + len;
        }
    }

    /** What a connection's earlier records decided: which directions changed cipher, whether it is TLS 1.3. */
    private static final class Session {
        final boolean[] changedCipher = new boolean[2];
        boolean tls13;
    }
}
