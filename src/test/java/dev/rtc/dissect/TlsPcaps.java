package dev.rtc.dissect;

import static dev.rtc.dissect.TestPcaps.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Crafted TLS and DTLS captures for the tshark comparison: records split across TCP segments, several records and
 * a partial one in a segment, DTLS on a conversation that carried STUN checks, records cut short or overrunning
 * their datagram. Built byte by byte (RFC 8446 §4.1, RFC 6347 §4.3) so that tshark and rtc read the same packets.
 */
final class TlsPcaps {
    static final int TLS12 = 0x0303;
    static final int DTLS12 = 0xFEFD;

    private TlsPcaps() {
    }

    static byte[] u24(int v) {
        return new byte[] {(byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    static byte[] record(int type, int version, byte[] body) {
        return cat(new byte[] {(byte) type}, u16(version), u16(body.length), body);
    }

    static byte[] dtlsRecord(int type, int epoch, long seq, byte[] body) {
        return cat(new byte[] {(byte) type}, u16(DTLS12), u16(epoch), u16((int) (seq >> 32)), u32(seq),
                u16(body.length), body);
    }

    static byte[] handshake(int type, byte[] body) {
        return cat(new byte[] {(byte) type}, u24(body.length), body);
    }

    static byte[] dtlsHandshake(int type, int messageSeq, byte[] body) {
        return cat(new byte[] {(byte) type}, u24(body.length), u16(messageSeq), u24(0), u24(body.length), body);
    }

    static byte[] extension(int type, byte[] value) {
        return cat(u16(type), u16(value.length), value);
    }

    static byte[] sni(String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        return extension(0, cat(u16(n.length + 3), new byte[] {0}, u16(n.length), n));
    }

    static byte[] useSrtp(int... profiles) {
        byte[] list = new byte[0];
        for (int p : profiles) {
            list = cat(list, u16(p));
        }
        return extension(14, cat(u16(list.length), list, new byte[] {0}));
    }

    /** A ClientHello body; {@code dtls} adds the (empty) cookie. */
    static byte[] clientHello(boolean dtls, int version, int[] suites, byte[]... extensions) {
        byte[] s = new byte[0];
        for (int c : suites) {
            s = cat(s, u16(c));
        }
        byte[] ext = cat(extensions);
        return cat(u16(version), new byte[32], new byte[] {0}, dtls ? new byte[] {0} : new byte[0],
                u16(s.length), s, new byte[] {1, 0}, u16(ext.length), ext);
    }

    static byte[] serverHello(int version, int suite, byte[]... extensions) {
        byte[] ext = cat(extensions);
        return cat(u16(version), new byte[32], new byte[] {0}, u16(suite), new byte[] {0}, u16(ext.length), ext);
    }

    static List<Object[]> all() {
        List<Object[]> out = new ArrayList<>();
        int[] suites = {0x1301, 0xC02B, 0x00FF};
        // TLS on a port of its own (the heuristic): a ClientHello in two segments, then a ChangeCipherSpec, an
        // encrypted handshake record and the first bytes of an alert in one segment, the alert's end in the next
        byte[] hello = record(22, 0x0301, handshake(1, clientHello(false, TLS12, suites, sni("turn.rtc.test"),
                extension(43, new byte[] {4, 3, 4, 3, 3}), extension(10, new byte[] {0, 2, 0, 29}))));
        byte[] ccs = record(20, TLS12, new byte[] {1});
        byte[] finished = record(22, TLS12, new byte[40]);
        byte[] alert = record(21, TLS12, new byte[] {2, 46});
        byte[] tail = cat(ccs, finished, Arrays.copyOfRange(alert, 0, 3));
        byte[] serverFlight = cat(record(22, TLS12, cat(handshake(2, serverHello(TLS12, 0xC02B,
                extension(0xFF01, new byte[] {0}))), handshake(14, new byte[0]))), record(21, TLS12, new byte[] {1, 0}));
        int cut = 40;
        long c = 1001;
        long s = 5001;
        out.add(new Object[] {"tls-split.pcap", 1, List.of(
                ethernet(0x0800, ipv4(A, B, 6, tcp(40500, 45349, 1000, 0, 0x02, new byte[0]))),
                ethernet(0x0800, ipv4(B, A, 6, tcp(45349, 40500, 5000, 1001, 0x12, new byte[0]))),
                ethernet(0x0800, ipv4(A, B, 6, tcp(40500, 45349, c, s, 0x18, Arrays.copyOfRange(hello, 0, cut)))),
                ethernet(0x0800, ipv4(A, B, 6, tcp(40500, 45349, c + cut, s, 0x18,
                        Arrays.copyOfRange(hello, cut, hello.length)))),
                ethernet(0x0800, ipv4(B, A, 6, tcp(45349, 40500, s, c + hello.length, 0x18, serverFlight))),
                ethernet(0x0800, ipv4(A, B, 6, tcp(40500, 45349, c + hello.length, s + serverFlight.length, 0x18,
                        tail))),
                ethernet(0x0800, ipv4(A, B, 6, tcp(40500, 45349, c + hello.length + tail.length,
                        s + serverFlight.length, 0x18, Arrays.copyOfRange(alert, 3, alert.length)))),
                // TLS on its port (443): a ServerHello first, a record whose length overruns what follows
                ethernet(0x0800, ipv4(B, A, 6, tcp(443, 40600, 7000, 9000, 0x18, cat(record(22, TLS12,
                        handshake(2, serverHello(0x0303, 0x1301, extension(43, u16(0x0304))))),
                        record(23, TLS12, new byte[] {1, 2, 3, 4, 5}))))))});
        // DTLS after STUN checks on one conversation, on the DTLS port, and malformed
        byte[] dtlsHello = dtlsRecord(22, 0, 0, dtlsHandshake(1, 0, clientHello(true, DTLS12, new int[] {0xC02B},
                sni("media.rtc.test"), useSrtp(1, 2), extension(43, new byte[] {2, (byte) 0xFE, (byte) 0xFD}))));
        byte[] dtlsServer = cat(dtlsRecord(22, 0, 1, dtlsHandshake(2, 0, serverHello(DTLS12, 0xC02B, useSrtp(1)))),
                dtlsRecord(22, 0, 2, dtlsHandshake(14, 1, new byte[0])));
        byte[] fragment = dtlsRecord(22, 0, 3, cat(new byte[] {11}, u24(500), u16(2), u24(0), u24(20), new byte[20]));
        byte[] encrypted = cat(dtlsRecord(20, 0, 4, new byte[] {1}), dtlsRecord(22, 1, 0, new byte[48]),
                dtlsRecord(21, 1, 1, new byte[] {2, 40}));
        out.add(new Object[] {"dtls-crafted.pcap", 1, List.of(
                ethernet(0x0800, ipv4(A, B, 17, udp(50000, 50001, stun(0x0001, txid(50))))),
                ethernet(0x0800, ipv4(B, A, 17, udp(50001, 50000, stun(0x0101, txid(50),
                        xorAddress(0x0020, A, 50000, txid(50)))))),
                ethernet(0x0800, ipv4(A, B, 17, udp(50000, 50001, dtlsHello))),
                ethernet(0x0800, ipv4(B, A, 17, udp(50001, 50000, cat(dtlsServer, fragment)))),
                ethernet(0x0800, ipv4(A, B, 17, udp(50000, 50001, encrypted))),
                ethernet(0x0800, ipv4(A, B, 17, udp(50000, 50001, dtlsRecord(21, 0, 5, new byte[] {2, 48})))),
                ethernet(0x0800, ipv4(A, B, 17, udp(50000, 50001, dtlsRecord(23, 1, 2, new byte[] {9, 9, 9})))),
                // not DTLS for the heuristic: a record overrunning the datagram, and one followed by stray bytes
                ethernet(0x0800, ipv4(A, B, 17, udp(50002, 50003,
                        Arrays.copyOfRange(dtlsHello, 0, dtlsHello.length - 5)))),
                ethernet(0x0800, ipv4(A, B, 17, udp(50002, 50003, cat(dtlsHello, new byte[] {7, 7})))),
                // on the DTLS port (5684) the same cut-short record is DTLS: its header shows
                ethernet(0x0800, ipv4(A, B, 17, udp(40700, 5684,
                        Arrays.copyOfRange(dtlsHello, 0, dtlsHello.length - 5)))))});
        return out;
    }
}
