package dev.rtc.dissect;

import static dev.rtc.dissect.Dissector.u16;
import static dev.rtc.dissect.TlsMessages.*;

import java.util.HashMap;
import java.util.Map;

/**
 * TLS over TCP (turns:, STUN over TLS, HTTPS): records back to back in each direction of the byte stream, a
 * record split across segments shown in the segment that completes it. Found on the TCP ports Wireshark 4.0 gives
 * TLS and, anywhere else, by a connection that opens with a ClientHello or ServerHello record (its "tls_tcp"
 * heuristic), which makes the connection TLS's. Handshake records after their direction's ChangeCipherSpec are
 * encrypted and show only their record header; alerts show when their two bytes read as one, as in Wireshark;
 * once a ServerHello chose TLS 1.3, application-data records are opaque ({@code tls.record.opaque_type}: their
 * real type is inside the encryption).
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
        if (end - p >= 3 && !looksLikeRecord(d, p)) {
            return -1;
        }
        // Wireshark names the protocol in a segment that holds only the start of a record too
        int item = f.addProtocol(Fields.TLS, p, end - p, end);
        f.chain(Fields.TLS);
        Session session = session(t);
        while (p < end) {
            if (end - p < HEADER) {
                return p;
            }
            if (!looksLikeRecord(d, p)) {
                return end; // not a record boundary: the rest is not readable as records
            }
            int len = u16(d, p + 3);
            if (HEADER + len > end - p) {
                return p;
            }
            record(f, session, t, d[p] & 0xFF, u16(d, p + 1), p + HEADER, len, end);
            p += HEADER + len;
            f.setEnd(item, p);
        }
        return p;
    }

    private static boolean looksLikeRecord(byte[] d, int p) {
        return knownContentType(d[p] & 0xFF) && d[p + 1] == 3;
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

    /** One record's fields; {@code limit} is where the segment's bytes end. */
    private static void record(Frame f, Session s, Transport t, int type, int version, int p, int len, int limit) {
        TlsFields x = TlsFields.TLS_FIELDS;
        boolean opaque = s.tls13 && type == APPLICATION_DATA;
        f.addLong(opaque ? x.opaqueType() : x.contentType(), type);
        f.addLong(x.version(), version);
        f.addLong(x.length(), len);
        int dir = t.forward() ? 0 : 1;
        switch (type) {
            case CHANGE_CIPHER_SPEC -> s.changedCipher[dir] = true;
            case ALERT -> alert(f, x, p, limit);
            case HANDSHAKE -> {
                if (!s.changedCipher[dir]) {
                    handshakes(f, s, p, p + len);
                }
            }
            case APPLICATION_DATA -> f.addSlice(x.appData(), p, len);
            default -> {
            }
        }
    }

    /**
     * The handshake messages of one plaintext record (before its direction's ChangeCipherSpec). A message whose
     * type has no name, or that would run past the record, ends them.
     */
    private static void handshakes(Frame f, Session s, int p, int end) {
        TlsFields x = TlsFields.TLS_FIELDS;
        byte[] d = f.data();
        while (end - p >= 4) {
            int type = d[p] & 0xFF;
            int len = u24(d, p + 1);
            if (!knownHandshakeType(x, type) || len > end - p - 4) {
                return;
            }
            f.addLong(x.handshakeType(), type);
            f.addLong(x.handshakeLength(), len);
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
