package dev.rtc.dissect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Crafted captures for dissection tests: packets built field by field (link layers, IPv4 with options and
 * fragments, IPv6 with extension headers, UDP, TCP, STUN, classic STUN, ChannelData, ICMP errors), written as
 * pcap so that tshark and rtc read the same bytes.
 */
final class TestPcaps {
    static final byte[] A = {10, 0, 0, 1};
    static final byte[] B = {10, 0, 0, 2};
    static final byte[] A6 = ipv6("2001:db8::1");
    static final byte[] B6 = ipv6("2001:db8::2");
    static final int COOKIE = 0x2112A442;

    private TestPcaps() {
    }

    /** One pcap: link type and frames. */
    static Path write(Path file, int linkType, List<byte[]> frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144)
                .putInt(linkType);
        out.write(h.array());
        int i = 0;
        for (byte[] f : frames) {
            ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            r.putInt(1_700_000_000 + i / 10).putInt((i % 10) * 1000 + 7).putInt(f.length).putInt(f.length);
            out.write(r.array());
            out.write(f);
            i++;
        }
        Files.write(file, out.toByteArray());
        return file;
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    static byte[] u32(long v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    static byte[] ipv6(String text) {
        try {
            return java.net.InetAddress.getByName(text).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static byte[] ethernet(int etherType, byte[] payload) {
        return cat(new byte[] {2, 0, 0, 0, 0, 2}, new byte[] {2, 0, 0, 0, 0, 1}, u16(etherType), payload);
    }

    static byte[] vlan(int id, int etherType, byte[] payload) {
        return cat(new byte[] {2, 0, 0, 0, 0, 2}, new byte[] {2, 0, 0, 0, 0, 1}, u16(0x8100),
                u16((3 << 13) | id), u16(etherType), payload);
    }

    static byte[] sll(int etherType, byte[] payload) {
        return cat(u16(0), u16(1), u16(6), new byte[] {2, 0, 0, 0, 0, 1, 0, 0}, u16(etherType), payload);
    }

    static byte[] sll2(int etherType, byte[] payload) {
        return cat(u16(etherType), u16(0), u32(3), u16(1), new byte[] {4, 6}, new byte[] {2, 0, 0, 0, 0, 1, 0, 0},
                payload);
    }

    static byte[] nullLink(int family, byte[] payload) {
        return cat(new byte[] {(byte) family, 0, 0, 0}, payload);
    }

    static byte[] ipv4(byte[] src, byte[] dst, int protocol, byte[] payload) {
        return ipv4(src, dst, protocol, payload, new byte[0], 0x4000, 0x1234);
    }

    static byte[] ipv4(byte[] src, byte[] dst, int protocol, byte[] payload, byte[] options, int flagsOffset,
                       int id) {
        int hl = 20 + options.length;
        byte[] h = cat(new byte[] {(byte) (0x40 | hl / 4), (byte) 0xB8}, u16(hl + payload.length), u16(id),
                u16(flagsOffset), new byte[] {64, (byte) protocol, 0, 0}, src, dst, options);
        int sum = 0;
        for (int i = 0; i < h.length; i += 2) {
            sum += ((h[i] & 0xFF) << 8) | (h[i + 1] & 0xFF);
        }
        sum = (sum >> 16) + (sum & 0xFFFF);
        sum = ~(sum + (sum >> 16)) & 0xFFFF;
        h[10] = (byte) (sum >> 8);
        h[11] = (byte) sum;
        return cat(h, payload);
    }

    static byte[] ipv6Packet(byte[] src, byte[] dst, int next, byte[] payload) {
        return cat(u32(0x6012_3456L), u16(payload.length), new byte[] {(byte) next, 64}, src, dst, payload);
    }

    /** An IPv6 fragment header: next header, offset in bytes (a multiple of 8), more fragments, identification. */
    static byte[] fragment(int next, int offset, boolean more, long identification) {
        return cat(new byte[] {(byte) next, 0}, u16(offset | (more ? 1 : 0)), u32(identification));
    }

    static byte[] udp(int sport, int dport, byte[] payload) {
        return cat(u16(sport), u16(dport), u16(8 + payload.length), u16(0), payload);
    }

    static byte[] tcp(int sport, int dport, long seq, long ack, int flags, byte[] payload) {
        return cat(u16(sport), u16(dport), u32(seq), u32(ack), u16((5 << 12) | flags), u16(65000), u16(0), u16(0),
                payload);
    }

    static byte[] txid(int seed) {
        byte[] t = new byte[12];
        for (int i = 0; i < 12; i++) {
            t[i] = (byte) (seed * 31 + i * 7);
        }
        return t;
    }

    /** A STUN message with its attributes (each already type-length-value, padded). */
    static byte[] stun(int type, byte[] txid, byte[]... attributes) {
        byte[] attrs = cat(attributes);
        return cat(u16(type), u16(attrs.length), u32(COOKIE), txid, attrs);
    }

    static byte[] attr(int type, byte[] value) {
        int pad = (4 - value.length % 4) % 4;
        return cat(u16(type), u16(value.length), value, new byte[pad]);
    }

    static byte[] xorAddress(int type, byte[] ip, int port, byte[] txid) {
        byte[] x = ip.clone();
        byte[] key = cat(u32(COOKIE), txid);
        for (int i = 0; i < x.length; i++) {
            x[i] ^= key[i];
        }
        return attr(type, cat(new byte[] {0, (byte) (ip.length == 4 ? 1 : 2)}, u16(port ^ 0x2112), x));
    }

    static byte[] address(int type, byte[] ip, int port) {
        return attr(type, cat(new byte[] {0, (byte) (ip.length == 4 ? 1 : 2)}, u16(port), ip));
    }

    static byte[] errorCode(int code, String reason) {
        return attr(0x0009, cat(new byte[] {0, 0, (byte) (code / 100), (byte) (code % 100)},
                reason.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    static byte[] text(int type, String s) {
        return attr(type, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Appends a FINGERPRINT computed over the message (length already covering it). */
    static byte[] withFingerprint(byte[] msg, boolean correct) {
        byte[] m = msg.clone();
        int len = ((m[2] & 0xFF) << 8 | (m[3] & 0xFF)) + 8;
        m[2] = (byte) (len >> 8);
        m[3] = (byte) len;
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(m);
        long v = (crc.getValue() ^ 0x5354554EL) + (correct ? 0 : 1);
        return cat(m, u16(0x8028), u16(4), u32(v));
    }

    static byte[] channelData(int channel, byte[] data) {
        return cat(u16(channel), u16(data.length), data);
    }

    /** Every crafted capture: name, link type, frames. */
    static List<Object[]> all() {
        List<Object[]> out = new ArrayList<>();
        byte[] t1 = txid(1);
        byte[] t2 = txid(2);
        byte[] t3 = txid(3);
        byte[] request = withFingerprint(stun(0x0001, t1, attr(0x0024, u32(0x6E7F1EFF)),
                attr(0x8029, new byte[8]), text(0x0006, "bob:alice"), attr(0x0003, u32(6))), true);
        byte[] response = stun(0x0101, t1, xorAddress(0x0020, new byte[] {(byte) 192, 0, 2, 1}, 32853, t1),
                address(0x0001, new byte[] {(byte) 192, 0, 2, 1}, 32853), address(0x802C, B, 3479),
                text(0x8022, "rtc test"));
        byte[] error = withFingerprint(stun(0x0113, t2, errorCode(401, "Unauthorized"), text(0x0014, "rtc.test"),
                text(0x0015, "abcdef"), attr(0x000A, cat(u16(0x0031), u16(0x0032)))), false);
        byte[] allocate = stun(0x0003, t2, attr(0x0019, new byte[] {17, 0, 0, 0}), attr(0x000D, u32(600)),
                attr(0x0018, new byte[] {(byte) 0x80}), attr(0x0031, u32(7)));
        byte[] bind = stun(0x0009, t3, attr(0x000C, cat(u16(0x4001), u16(0))),
                xorAddress(0x0012, A6, 5000, t3), attr(0x0008, new byte[20]));
        byte[] send = stun(0x0016, t3, xorAddress(0x0012, B, 6000, t3), attr(0x0013, new byte[] {1, 2, 3}));
        byte[] classic = cat(u16(0x0001), u16(8), new byte[16], u16(0x0003), u16(4), u32(6));
        byte[] classicResponse = cat(u16(0x0101), u16(12), new byte[16], u16(0x0001), u16(8), new byte[] {0, 1},
                u16(4000), new byte[] {(byte) 192, 0, 2, 9});
        List<byte[]> udpFrames = List.of(
                ethernet(0x0800, ipv4(A, B, 17, udp(40000, 3478, request))),
                ethernet(0x0800, ipv4(B, A, 17, udp(3478, 40000, response))),
                ethernet(0x0800, ipv4(B, A, 17, udp(3478, 40000, error))),
                ethernet(0x0800, ipv4(A, B, 17, udp(40000, 3478, allocate))),
                ethernet(0x0800, ipv4(A, B, 17, udp(40000, 3478, bind))),
                ethernet(0x0800, ipv4(A, B, 17, udp(40000, 3478, send))),
                ethernet(0x0800, ipv4(A, B, 17, udp(40000, 3478, channelData(0x4001, new byte[] {9, 9, 9})))),
                ethernet(0x0800, ipv4(A, B, 17, udp(40000, 3478, channelData(0x4002, new byte[0])))),
                // STUN on another port, found by the heuristic; then ChannelData on that conversation
                ethernet(0x0800, ipv4(A, B, 17, udp(50000, 50001, stun(0x0001, txid(9))))),
                ethernet(0x0800, ipv4(A, B, 17, udp(50000, 50001, channelData(0x4000, new byte[] {1, 2, 3, 4})))),
                ethernet(0x0800, ipv4(B, A, 17, udp(50001, 50000, stun(0x0101, txid(9),
                        xorAddress(0x0020, A, 50000, txid(9)))))),
                // not STUN: wrong length for the heuristic, RTP, DNS
                ethernet(0x0800, ipv4(A, B, 17, udp(50002, 50003, cat(stun(0x0001, txid(5)), new byte[4])))),
                ethernet(0x0800, ipv4(A, B, 17, udp(5004, 5006, cat(new byte[] {(byte) 0x80, 111, 0, 1},
                        new byte[40])))),
                ethernet(0x0800, ipv4(A, B, 17, udp(53001, 53, new byte[] {0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0}))),
                // classic STUN (RFC 3489)
                ethernet(0x0800, ipv4(A, B, 17, udp(40001, 3478, classic))),
                ethernet(0x0800, ipv4(B, A, 17, udp(3478, 40001, classicResponse))),
                // IPv4 with options, a fragment, a truncated UDP header
                ethernet(0x0800, ipv4(A, B, 17, udp(40000, 3478, request), new byte[] {1, 1, 1, 0}, 0x4000, 7)),
                ethernet(0x0800, ipv4(A, B, 17, java.util.Arrays.copyOfRange(udp(40000, 3478, request), 0, 16),
                        new byte[0], 0x2000, 8)),
                ethernet(0x0800, ipv4(A, B, 17, java.util.Arrays.copyOfRange(udp(40000, 3478, request), 16,
                        8 + request.length), new byte[0], 0x0002, 8)),
                // ICMP port unreachable quoting a STUN request
                ethernet(0x0800, ipv4(B, A, 1, cat(new byte[] {3, 3, 0, 0, 0, 0, 0, 0},
                        ipv4(A, B, 17, udp(40000, 3478, request))))),
                // VLAN, IPv6 with a hop-by-hop header, a truncated frame
                vlan(42, 0x0800, ipv4(A, B, 17, udp(40000, 3478, request))),
                ethernet(0x86DD, ipv6Packet(A6, B6, 0, cat(new byte[] {17, 0, 1, 4, 0, 0, 0, 0},
                        udp(40000, 3478, response)))),
                ethernet(0x86DD, ipv6Packet(A6, B6, 17, udp(40000, 3478, bind))),
                // IPv6 UDP with length 0: the payload runs to the end of the IPv6 payload (RFC 2675)
                ethernet(0x86DD, ipv6Packet(A6, B6, 17, cat(u16(40000), u16(3478), u16(0), u16(0), bind))),
                // ICMPv6 port unreachable quoting an IPv6 STUN request
                ethernet(0x86DD, ipv6Packet(B6, A6, 58, cat(new byte[] {1, 4, 0, 0, 0, 0, 0, 0},
                        ipv6Packet(A6, B6, 17, udp(40000, 3478, bind))))),
                ethernet(0x0800, new byte[] {0x45, 0}),
                ethernet(0x0806, new byte[28]));
        out.add(new Object[] {"udp-ethernet.pcap", 1, udpFrames});
        byte[] two = cat(withFingerprint(stun(0x0003, txid(20), attr(0x0019, new byte[] {17, 0, 0, 0})), true),
                channelData(0x4001, new byte[] {1, 2, 3, 4, 5}), new byte[3]);
        List<byte[]> tcpFrames = List.of(
                ethernet(0x0800, ipv4(A, B, 6, tcp(40100, 3478, 1000, 0, 0x02, new byte[0]))),
                ethernet(0x0800, ipv4(B, A, 6, tcp(3478, 40100, 5000, 1001, 0x12, new byte[0]))),
                ethernet(0x0800, ipv4(A, B, 6, tcp(40100, 3478, 1001, 5001, 0x10, new byte[0]))),
                ethernet(0x0800, ipv4(A, B, 6, tcp(40100, 3478, 1001, 5001, 0x18, two))),
                ethernet(0x0800, ipv4(B, A, 6, tcp(3478, 40100, 5001, 1001 + two.length, 0x18,
                        stun(0x0113, txid(20), errorCode(438, "Stale Nonce"))))),
                ethernet(0x0800, ipv4(A, B, 6, tcp(40200, 40300, 77, 0, 0x18,
                        cat(u16(20), stun(0x0001, txid(21))))))
                ,
                ethernet(0x0800, ipv4(A, B, 6, tcp(40100, 3478, 1001 + two.length, 5033, 0x11, new byte[0]))));
        out.add(new Object[] {"tcp-ethernet.pcap", 1, tcpFrames});
        // messages split across segments: Wireshark shows each in the segment that completes it
        byte[] a = withFingerprint(stun(0x0003, txid(30), attr(0x0019, new byte[] {17, 0, 0, 0}),
                text(0x0006, "alice")), true);
        byte[] cd = channelData(0x4003, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        byte[] b = stun(0x0004, txid(31), attr(0x000D, u32(0)));
        byte[] all = cat(a, cd, b);
        int cut1 = 30;
        int cut2 = a.length + cd.length + 10;
        byte[] s1 = java.util.Arrays.copyOfRange(all, 0, cut1);
        byte[] s2 = java.util.Arrays.copyOfRange(all, cut1, cut2);
        byte[] s3 = java.util.Arrays.copyOfRange(all, cut2, all.length);
        byte[] answers = cat(stun(0x0103, txid(30), attr(0x000D, u32(600))), stun(0x0104, txid(31),
                attr(0x000D, u32(0))));
        out.add(new Object[] {"tcp-split.pcap", 1, List.of(
                ethernet(0x0800, ipv4(A, B, 6, tcp(40400, 3478, 7000, 0, 0x02, new byte[0]))),
                ethernet(0x0800, ipv4(B, A, 6, tcp(3478, 40400, 9000, 7001, 0x12, new byte[0]))),
                ethernet(0x0800, ipv4(A, B, 6, tcp(40400, 3478, 7001, 9001, 0x18, s1))),
                ethernet(0x0800, ipv4(A, B, 6, tcp(40400, 3478, 7001 + cut1, 9001, 0x18, s2))),
                ethernet(0x0800, ipv4(A, B, 6, tcp(40400, 3478, 7001 + cut2, 9001, 0x18, s3))),
                ethernet(0x0800, ipv4(B, A, 6, tcp(3478, 40400, 9001, 7001 + all.length, 0x18, answers))))});
        // IPv6 fragments: a STUN request in three, out of order, and a datagram whose last fragment never comes
        byte[] big = withFingerprint(stun(0x0001, txid(40), text(0x8022, "rtc fragments ".repeat(12)),
                text(0x0006, "alice")), true);
        byte[] datagram = udp(40000, 3478, big);
        out.add(new Object[] {"ipv6-fragments.pcap", 1, List.of(
                ethernet(0x86DD, ipv6Packet(A6, B6, 44, cat(fragment(17, 0, true, 0x1234L),
                        java.util.Arrays.copyOfRange(datagram, 0, 64)))),
                ethernet(0x86DD, ipv6Packet(A6, B6, 44, cat(fragment(17, 128, false, 0x1234L),
                        java.util.Arrays.copyOfRange(datagram, 128, datagram.length)))),
                ethernet(0x86DD, ipv6Packet(A6, B6, 44, cat(fragment(17, 64, true, 0x1234L),
                        java.util.Arrays.copyOfRange(datagram, 64, 128)))),
                ethernet(0x86DD, ipv6Packet(B6, A6, 44, cat(fragment(17, 0, true, 0x99L),
                        java.util.Arrays.copyOfRange(datagram, 0, 64)))),
                ethernet(0x86DD, ipv6Packet(A6, B6, 17, udp(40000, 3478, response))))});
        out.add(new Object[] {"sll.pcap", 113, List.of(sll(0x0800, ipv4(A, B, 17, udp(40000, 3478, request))),
                sll(0x86DD, ipv6Packet(A6, B6, 17, udp(3478, 40000, response))))});
        out.add(new Object[] {"sll2.pcap", 276, List.of(sll2(0x0800, ipv4(A, B, 17, udp(40000, 3478, request))))});
        out.add(new Object[] {"null.pcap", 0, List.of(nullLink(2, ipv4(A, B, 17, udp(40000, 3478, request))),
                nullLink(2, ipv4(B, A, 17, udp(3478, 40000, response))))});
        out.add(new Object[] {"raw.pcap", 101, List.of(ipv4(A, B, 17, udp(40000, 3478, request)),
                ipv6Packet(A6, B6, 17, udp(40000, 3478, allocate)))});
        return out;
    }
}
