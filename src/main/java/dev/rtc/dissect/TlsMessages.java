package dev.rtc.dissect;

import static dev.rtc.dissect.Dissector.u16;

/**
 * The parts of TLS (RFC 8446, RFC 5246) and DTLS (RFC 9147, RFC 6347) that both carry: alerts and the hello
 * messages with their extensions (server_name, supported_versions, RFC 5764's use_srtp). Every read is bounded by
 * the end it is given; a message cut short shows the fields before the cut, as Wireshark's "malformed" does.
 */
final class TlsMessages {
    static final int CHANGE_CIPHER_SPEC = 20;
    static final int ALERT = 21;
    static final int HANDSHAKE = 22;
    static final int APPLICATION_DATA = 23;
    static final int HEARTBEAT = 24;
    /** RFC 9146's record with a connection id (DTLS 1.2). */
    static final int TLS12_CID = 25;

    static final int CLIENT_HELLO = 1;
    static final int SERVER_HELLO = 2;
    static final int HELLO_VERIFY_REQUEST = 3;

    static final int TLS13 = 0x0304;

    private static final int EXT_SERVER_NAME = 0;
    private static final int EXT_USE_SRTP = 14;
    private static final int EXT_SUPPORTED_VERSIONS = 43;

    private TlsMessages() {
    }

    static int u24(byte[] d, int off) {
        return ((d[off] & 0xFF) << 16) | ((d[off + 1] & 0xFF) << 8) | (d[off + 2] & 0xFF);
    }

    /** Whether a record type byte is one TLS and DTLS records carry (20-25). */
    static boolean knownContentType(int type) {
        return type >= CHANGE_CIPHER_SPEC && type <= TLS12_CID;
    }

    /**
     * An alert record's body at p, its bytes read up to {@code limit} (the end of the datagram or segment, as
     * Wireshark reads them). A level (1 warning, 2 fatal) and a description that both have names make a plaintext
     * alert; anything else is an encrypted alert, which shows no fields.
     */
    static void alert(Frame f, TlsFields x, int p, int limit) {
        byte[] d = f.data();
        if (limit - p < 2) {
            return;
        }
        int level = d[p] & 0xFF;
        int desc = d[p + 1] & 0xFF;
        if ((level == 1 || level == 2) && x.alertDescription().valueNames().containsKey((long) desc)) {
            f.addLong(x.alertLevel(), level);
            f.addLong(x.alertDescription(), desc);
        }
    }

    /** Whether a handshake message type has a name (an unknown one means an encrypted handshake record). */
    static boolean knownHandshakeType(TlsFields x, int type) {
        return x.handshakeType().valueNames().containsKey((long) type);
    }

    /**
     * A whole handshake message's body [p, end) of the given type. Returns the protocol version a ServerHello
     * chose (its supported_versions extension, else its version field), -1 for other messages.
     */
    static int body(Frame f, TlsFields x, int type, int p, int end) {
        return switch (type) {
            case CLIENT_HELLO -> {
                clientHello(f, x, p, end);
                yield -1;
            }
            case SERVER_HELLO -> serverHello(f, x, p, end);
            case HELLO_VERIFY_REQUEST -> {
                if (x.datagram() && end - p >= 3) {
                    f.addLong(x.handshakeVersion(), u16(f.data(), p));
                    f.addLong(x.cookieLength(), f.data()[p + 2] & 0xFF);
                }
                yield -1;
            }
            default -> -1;
        };
    }

    private static void clientHello(Frame f, TlsFields x, int p, int end) {
        byte[] d = f.data();
        if (end - p < 2) {
            return;
        }
        f.addLong(x.handshakeVersion(), u16(d, p));
        int q = sessionId(f, x, p + 2, end);
        if (q < 0) {
            return;
        }
        if (x.datagram()) {
            if (end - q < 1) {
                return;
            }
            int cookie = d[q] & 0xFF;
            f.addLong(x.cookieLength(), cookie);
            q += 1 + cookie;
        }
        if (end - q < 2) {
            return;
        }
        int suites = u16(d, q);
        f.addLong(x.cipherSuitesLength(), suites);
        q += 2;
        int suitesEnd = q + suites;
        for (; q + 2 <= Math.min(end, suitesEnd); q += 2) {
            f.addLong(x.cipherSuite(), u16(d, q));
        }
        q = suitesEnd;
        if (end - q < 1) {
            return;
        }
        q += 1 + (d[q] & 0xFF); // compression methods
        extensions(f, x, q, end, true);
    }

    private static int serverHello(Frame f, TlsFields x, int p, int end) {
        byte[] d = f.data();
        if (end - p < 2) {
            return -1;
        }
        int version = u16(d, p);
        f.addLong(x.handshakeVersion(), version);
        int q = sessionId(f, x, p + 2, end);
        if (q < 0 || end - q < 2) {
            return version;
        }
        f.addLong(x.cipherSuite(), u16(d, q));
        q += 3; // the suite and the compression method
        int chosen = extensions(f, x, q, end, false);
        return chosen >= 0 ? chosen : version;
    }

    /** Skips the random and reads the session id's length; returns where what follows starts, -1 past the end. */
    private static int sessionId(Frame f, TlsFields x, int p, int end) {
        int q = p + 32;
        if (end - q < 1) {
            return -1;
        }
        int len = f.data()[q] & 0xFF;
        f.addLong(x.sessionIdLength(), len);
        return q + 1 + len;
    }

    /** The extensions block at p; returns the version a ServerHello's supported_versions names, else -1. */
    private static int extensions(Frame f, TlsFields x, int p, int end, boolean client) {
        byte[] d = f.data();
        if (end - p < 2) {
            return -1;
        }
        int total = u16(d, p);
        f.addLong(x.extensionsLength(), total);
        int q = p + 2;
        int limit = Math.min(end, q + total);
        int chosen = -1;
        while (limit - q >= 4) {
            int type = u16(d, q);
            int len = u16(d, q + 2);
            f.addLong(x.extensionType(), type);
            f.addLong(x.extensionLength(), len);
            int v = q + 4;
            int vEnd = v + len;
            if (vEnd > limit) {
                break;
            }
            switch (type) {
                case EXT_SERVER_NAME -> serverNames(f, x, v, vEnd);
                case EXT_SUPPORTED_VERSIONS -> {
                    if (client) {
                        if (len >= 1) {
                            for (int k = v + 1; k + 2 <= Math.min(vEnd, v + 1 + (d[v] & 0xFF)); k += 2) {
                                f.addLong(x.supportedVersion(), u16(d, k));
                            }
                        }
                    } else if (len >= 2) {
                        chosen = u16(d, v);
                        f.addLong(x.supportedVersion(), chosen);
                    }
                }
                case EXT_USE_SRTP -> useSrtp(f, x, v, vEnd);
                default -> {
                }
            }
            q = vEnd;
        }
        return chosen;
    }

    private static void serverNames(Frame f, TlsFields x, int p, int end) {
        byte[] d = f.data();
        if (end - p < 2) {
            return;
        }
        int q = p + 2;
        int limit = Math.min(end, q + u16(d, p));
        while (limit - q >= 3) {
            int len = u16(d, q + 1);
            if (q + 3 + len > limit) {
                return;
            }
            if (d[q] == 0) {
                f.addSlice(x.serverName(), q + 3, len);
            }
            q += 3 + len;
        }
    }

    private static void useSrtp(Frame f, TlsFields x, int p, int end) {
        if (x.srtpProfile() == null || end - p < 2) {
            return;
        }
        byte[] d = f.data();
        int len = u16(d, p);
        f.addLong(x.srtpProfilesLength(), len);
        int q = p + 2;
        for (; q + 2 <= Math.min(end, p + 2 + len); q += 2) {
            f.addLong(x.srtpProfile(), u16(d, q));
        }
        q = p + 2 + len;
        if (end - q < 1) {
            return;
        }
        int mki = d[q] & 0xFF;
        f.addLong(x.srtpMkiLength(), mki);
        if (mki > 0 && q + 1 + mki <= end) {
            f.addSlice(x.srtpMki(), q + 1, mki);
        }
    }

    /**
     * The SRTP profile a ServerHello's body [p, end) chose in its use_srtp extension (RFC 5764 section 4.1.1) and the
     * MKI length it announced, as {@code profile << 8 | mkiLength}; -1 when it has none. Reads the bytes only, so the
     * conversation learns it whatever fields the frame keeps.
     */
    static int chosenSrtpProfile(byte[] d, int p, int end) {
        int q = p + 34;
        if (end - q < 1) {
            return -1;
        }
        q += 1 + (d[q] & 0xFF) + 3;
        if (end - q < 2) {
            return -1;
        }
        int extEnd = Math.min(end, q + 2 + u16(d, q));
        q += 2;
        while (extEnd - q >= 4) {
            int type = u16(d, q);
            int len = u16(d, q + 2);
            int v = q + 4;
            if (len > extEnd - v) {
                return -1;
            }
            if (type == EXT_USE_SRTP && len >= 4 && u16(d, v) >= 2) {
                int mkiAt = v + 2 + u16(d, v);
                int mki = mkiAt < v + len ? d[mkiAt] & 0xFF : 0;
                return u16(d, v + 2) << 8 | mki;
            }
            q = v + len;
        }
        return -1;
    }
}
