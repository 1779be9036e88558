package dev.rtc.dissect;

import static dev.rtc.dissect.Fields.*;
import static dev.rtc.dissect.IpNumbers.*;

import java.util.HashMap;
import java.util.Map;

/**
 * Dissects frames into field values as Wireshark 4.0 does with its default preferences: link layer, IPv4/IPv6,
 * ICMP errors with the packet they quote, UDP, TCP, then STUN, classic STUN (RFC 3489) and TURN ChannelData, DNS by
 * port, RTCP by its heuristic, RTP on WebRTC flows (and wherever {@link DecodeOptions} ask), what TURN relays
 * dissected again ({@link TurnPayload}), the rest as data. State carries from frame to frame where Wireshark's does: stream indices, conversations
 * that carried STUN (so ChannelData on them is recognised), request/response matching, relative TCP sequence
 * numbers, time deltas. One dissector per capture, frames in order.
 */
public final class Dissector {
    /** The most a TCP direction holds back waiting for the end of a STUN message (its largest possible size). */
    private static final int MAX_HELD = 65_536 + 20;

    private long firstTime;
    private long previousTime;
    private long previousDisplayedTime;
    private boolean anyDisplayed;

    private final Transport transport = new Transport();
    private final Map<Endpoints, Integer> udpStreams = new HashMap<>();
    private final Map<Endpoints, TcpStream> tcpStreams = new HashMap<>();
    private final LongPairTable udpStreams4 = new LongPairTable();
    private int udpStreamCount;
    /** UDP conversations a heuristic claimed for its protocol: IPv4 ones by number, IPv6 ones by key. */
    private final LongPairTable udpClaims4 = new LongPairTable();
    private final Map<Endpoints, Payload> udpClaims = new HashMap<>();
    private final Fragments fragments = new Fragments();
    private final Handoff handoff;

    /** A dissector with tshark 4.0's default decoding. */
    public Dissector() {
        this(DecodeOptions.DEFAULT);
    }

    /** A dissector that also decodes what the options ask for (tshark's heuristics and Decode As). */
    public Dissector(DecodeOptions options) {
        this.handoff = handoff(options);
    }

    /** What UDP and TCP hand their payloads to; each capture has its own, since the dissectors keep state. */
    private static Handoff handoff(DecodeOptions options) {
        MediaFlows media = new MediaFlows();
        StunDissector stun = new StunDissector(media);
        DnsDissector dns = new DnsDissector();
        Handoff h = new Handoff()
                .udpPort(StunDissector.PORT, stun).tcpPort(StunDissector.PORT, stun)
                .udpPort(DnsDissector.PORT, dns).tcpPort(DnsDissector.PORT, dns)
                .udpHeuristic(stun).udpHeuristic(new WireGuardDissector())
                .tcpHeuristic(stun);
        DtlsDissector dtls = tls(h, media);
        RtcpDissector rtcp = new RtcpDissector(media);
        RtpDissector rtp = new RtpDissector(options, media, rtcp);
        for (int port : options.rtpPorts()) {
            h.udpPort(port, rtp);
        }
        stun.relaying(new TurnPayload(stun, dtls, rtcp, rtp, media));
        // tshark tries its RTCP heuristic before its RTP one: RTCP feedback that starts a compound packet (PSFB)
        // is RTCP without RTP's detour
        return h.udpHeuristic(rtcp).udpHeuristic(rtp);
    }

    /** TLS on its TCP ports and by its heuristic; DTLS on its UDP ports and by its heuristic (returned). */
    private static DtlsDissector tls(Handoff h, MediaFlows media) {
        TlsDissector tls = new TlsDissector();
        for (int port : TlsDissector.PORTS) {
            h.tcpPort(port, tls);
        }
        h.tcpHeuristic(tls);
        DtlsDissector dtls = new DtlsDissector(media);
        for (int port : DtlsDissector.PORTS) {
            h.udpPort(port, dtls);
        }
        h.udpHeuristic(dtls);
        return dtls;
    }

    /** Dissects the frame just loaded (its number, time and bytes set), filling its field values. */
    public void dissect(Frame f) {
        long t = f.timeNanos();
        if (f.number() == 1) {
            firstTime = t;
            previousTime = t;
        }
        int cap = f.capturedLength();
        f.addProtocol(FRAME, 0, cap, cap);
        f.chain(FRAME);
        if (f.wantsAny(FRAME_NUMBER, FRAME_ENCAP_TYPE)) {
            f.addLong(FRAME_TIME, t);
            f.addLong(FRAME_TIME_EPOCH, t);
            f.addLong(FRAME_TIME_DELTA, t - previousTime);
            f.addLong(FRAME_TIME_DELTA_DISPLAYED, anyDisplayed ? t - previousDisplayedTime : 0);
            f.addLong(FRAME_TIME_RELATIVE, t - firstTime);
            f.addLong(FRAME_NUMBER, f.number());
            f.addLong(FRAME_LEN, f.wireLength());
            f.addLong(FRAME_CAP_LEN, cap);
            f.addChain(FRAME_PROTOCOLS);
            f.addLong(FRAME_ENCAP_TYPE, LinkType.encapsulation(f.linkType()));
        }
        previousTime = t;
        try {
            link(f, cap);
        } catch (RuntimeException e) {
            // A dissector bug must not stop a capture: what was dissected so far stays, as Wireshark's
            // "malformed packet" does.
            if (!(e instanceof IndexOutOfBoundsException)) {
                throw e;
            }
        }
    }

    /** Tells the dissector the frame was displayed (passed the filter), for {@code frame.time_delta_displayed}. */
    public void displayed(Frame f) {
        previousDisplayedTime = f.timeNanos();
        anyDisplayed = true;
    }

    private void link(Frame f, int end) {
        byte[] d = f.data();
        switch (f.linkType()) {
            case LinkType.ETHERNET -> ethernet(f, 0, end);
            case LinkType.SLL -> sll(f, end);
            case LinkType.SLL2 -> sll2(f, end);
            case LinkType.NULL, LinkType.LOOP -> {
                if (end < 4) {
                    return;
                }
                f.addProtocol(NULL, 0, 4, end);
                f.chain(NULL);
                long family = f.linkType() == LinkType.LOOP ? u32(d, 0)
                        : (d[0] == 0 && d[1] == 0) ? u32(d, 0) : Integer.toUnsignedLong(Integer.reverseBytes((int) u32(d, 0)));
                f.addLong(NULL_FAMILY, family);
                if (family == AF_INET) {
                    ipv4(f, 4, end, false);
                } else if (family == AF_INET6_LINUX || family == AF_INET6_BSD || family == AF_INET6_FREEBSD
                        || family == AF_INET6_DARWIN) {
                    ipv6(f, 4, end, false);
                } else {
                    data(f, 4, end);
                }
            }
            default -> {
                if (end < 1) {
                    return;
                }
                if (LinkType.rawIp(f.linkType())) {
                    f.addProtocol(RAW, 0, end, end);
                    f.chain(RAW);
                }
                int version = (d[0] & 0xFF) >> 4;
                if (version == 4) {
                    ipv4(f, 0, end, false);
                } else if (version == 6) {
                    ipv6(f, 0, end, false);
                } else {
                    data(f, 0, end);
                }
            }
        }
    }

    private void ethernet(Frame f, int off, int end) {
        if (end - off < 14) {
            return;
        }
        byte[] d = f.data();
        f.addProtocol(ETH, off, 14, end);
        f.chain(ETH);
        int type = u16(d, off + 12);
        if (f.wantsAny(ETH_DST, ETH_TYPE)) {
            f.addSlice(ETH_DST, off, 6);
            f.addSlice(ETH_ADDR, off, 6);
            f.addSlice(ETH_SRC, off + 6, 6);
            f.addSlice(ETH_ADDR, off + 6, 6);
            f.addLong(ETH_TYPE, type);
        }
        etherType(f, type, off + 14, end);
    }

    /** "ethertype" is in frame.protocols but, as in Wireshark, never a field: the filter "ethertype" matches nothing. */
    private void etherType(Frame f, int type, int off, int end) {
        byte[] d = f.data();
        if (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ) {
            if (end - off < 4) {
                return;
            }
            f.chain(ETHERTYPE);
            f.addProtocol(VLAN, off, 4, end);
            f.chain(VLAN);
            int tci = u16(d, off);
            f.addLong(VLAN_PRIORITY, tci >> 13);
            f.addLong(VLAN_ID, tci & 0xFFF);
            int inner = u16(d, off + 2);
            f.addLong(VLAN_ETYPE, inner);
            etherType(f, inner, off + 4, end);
            return;
        }
        if (type == ETHERTYPE_IPV4 || type == ETHERTYPE_IPV6) {
            f.chain(ETHERTYPE);
            if (type == ETHERTYPE_IPV4) {
                ipv4(f, off, end, false);
            } else {
                ipv6(f, off, end, false);
            }
        } else if (off < end) {
            f.chain(ETHERTYPE);
            if (type == ETHERTYPE_ARP) {
                f.addProtocol(ARP, off, end - off, end);
                f.chain(ARP);
            } else {
                data(f, off, end);
            }
        }
    }

    private void sll(Frame f, int end) {
        if (end < 16) {
            return;
        }
        byte[] d = f.data();
        f.addProtocol(SLL, 0, 16, end);
        f.chain(SLL);
        f.addLong(SLL_PKTTYPE, u16(d, 0));
        int hatype = u16(d, 2);
        f.addLong(SLL_HATYPE, hatype);
        int halen = u16(d, 4);
        f.addLong(SLL_HALEN, halen);
        if (halen == 6) {
            f.addSlice(SLL_SRC_ETH, 6, 6);
        }
        int protocol = u16(d, 14);
        if (protocol <= MAX_802_3_LENGTH) {
            f.addLong(SLL_LTYPE, protocol);
            data(f, 16, end);
        } else {
            f.addLong(SLL_ETYPE, protocol);
            etherType(f, protocol, 16, end);
        }
    }

    private void sll2(Frame f, int end) {
        if (end < 20) {
            return;
        }
        byte[] d = f.data();
        f.addProtocol(SLL, 0, 20, end);
        f.chain(SLL);
        int protocol = u16(d, 0);
        f.addLong(SLL_ETYPE, protocol);
        f.addLong(SLL_IFINDEX, u32(d, 4));
        f.addLong(SLL_HATYPE, u16(d, 8));
        f.addLong(SLL_PKTTYPE, d[10] & 0xFF);
        int halen = d[11] & 0xFF;
        f.addLong(SLL_HALEN, halen);
        if (halen == 6) {
            f.addSlice(SLL_SRC_ETH, 12, 6);
        }
        etherType(f, protocol, 20, end);
    }

    void ipv4(Frame f, int off, int end, boolean quoted) {
        byte[] d = f.data();
        if (end - off < 20) {
            // a cut-short header still shows what it has, as Wireshark does; the item's length is the header's
            if (end > off) {
                f.addProtocol(IP, off, (d[off] & 0x0F) * 4, end);
                f.chain(IP);
                f.addLong(IP_VERSION, (d[off] & 0xFF) >> 4);
                f.addLong(IP_HDR_LEN, (d[off] & 0x0F) * 4);
            }
            if (end - off > 1) {
                int ds = d[off + 1] & 0xFF;
                f.addLong(IP_DSFIELD, ds);
                f.addLong(IP_DSFIELD_DSCP, ds >> 2);
                f.addLong(IP_DSFIELD_ECN, ds & 3);
            }
            return;
        }
        int ihl = (d[off] & 0x0F) * 4;
        int total = u16(d, off + 2);
        int ip = f.addProtocol(IP, off, ihl, end);
        f.chain(IP);
        int flagsOffset = u16(d, off + 6);
        int fragmentOffset = (flagsOffset & 0x1FFF) * 8;
        int protocol = d[off + 9] & 0xFF;
        boolean fields = f.wantsAny(IP_VERSION, IP_ADDR);
        if (fields) {
            f.addLong(IP_VERSION, (d[off] & 0xFF) >> 4);
            f.addLong(IP_HDR_LEN, ihl);
            int ds = d[off + 1] & 0xFF;
            f.addLong(IP_DSFIELD, ds);
            f.addLong(IP_DSFIELD_DSCP, ds >> 2);
            f.addLong(IP_DSFIELD_ECN, ds & 3);
            f.addLong(IP_LEN, total);
            f.addLong(IP_ID, u16(d, off + 4));
            f.addLong(IP_FLAGS, flagsOffset >> 13);
            f.addLong(IP_FLAGS_RB, (flagsOffset >> 15) & 1);
            f.addLong(IP_FLAGS_DF, (flagsOffset >> 14) & 1);
            f.addLong(IP_FLAGS_MF, (flagsOffset >> 13) & 1);
            f.addLong(IP_FRAG_OFFSET, flagsOffset & 0x1FFF);
            f.addLong(IP_TTL, d[off + 8] & 0xFF);
            f.addLong(IP_PROTO, protocol);
            f.addLong(IP_CHECKSUM, u16(d, off + 10));
        }
        if (ihl < 20 || end - off < ihl) {
            return;
        }
        if (fields) {
            f.addLong(IP_SRC, u32(d, off + 12));
            f.addLong(IP_ADDR, u32(d, off + 12));
            f.addLong(IP_DST, u32(d, off + 16));
            f.addLong(IP_ADDR, u32(d, off + 16));
        }
        if (total < ihl) {
            return;
        }
        int payloadEnd = quoted ? end : Math.min(end, off + total);
        int payload = off + ihl;
        boolean fragment = (flagsOffset & 0x2000) != 0 || fragmentOffset != 0;
        f.setEnd(ip, payloadEnd); // what follows the datagram (Ethernet padding) is not the IP layer's
        if (fragment && !quoted) {
            int whole = fragments.add4(f, d, off, payload, payloadEnd, fragmentOffset, (flagsOffset & 0x2000) != 0);
            if (whole < 0) {
                data(f, payload, payloadEnd);
                return;
            }
            // the reassembled datagram was appended after the frame's captured bytes
            f.appended(f.capturedLength() + whole);
            transport(f, protocol, f.capturedLength(), f.capturedLength() + whole, off + 12, off + 16, 4, false);
            return;
        }
        if (fragment) {
            data(f, payload, payloadEnd);
            return;
        }
        transport(f, protocol, payload, payloadEnd, off + 12, off + 16, 4, quoted);
    }

    void ipv6(Frame f, int off, int end, boolean quoted) {
        byte[] d = f.data();
        if (end - off < 40) {
            return;
        }
        int plen = u16(d, off + 4);
        int payloadEnd = quoted ? end : Math.min(end, off + 40 + plen);
        f.addProtocol(IPV6, off, 40, payloadEnd);
        f.chain(IPV6);
        long first = u32(d, off);
        f.addLong(IP_VERSION, first >>> 28);
        f.addLong(IPV6_VERSION, first >>> 28);
        f.addLong(IPV6_TCLASS, (first >> 20) & 0xFF);
        f.addLong(IPV6_TCLASS_DSCP, (first >> 22) & 0x3F);
        f.addLong(IPV6_FLOW, first & 0xFFFFF);
        f.addLong(IPV6_PLEN, plen);
        int next = d[off + 6] & 0xFF;
        f.addLong(IPV6_NXT, next);
        f.addLong(IPV6_HLIM, d[off + 7] & 0xFF);
        f.addSlice(IPV6_SRC, off + 8, 16);
        f.addSlice(IPV6_ADDR, off + 8, 16);
        f.addSlice(IPV6_DST, off + 24, 16);
        f.addSlice(IPV6_ADDR, off + 24, 16);
        int p = off + 40;
        while (true) {
            if (next == IPPROTO_HOPOPTS || next == IPPROTO_ROUTING || next == IPPROTO_DSTOPTS) {
                if (payloadEnd - p < 8) {
                    return;
                }
                int len = ((d[p + 1] & 0xFF) + 1) * 8;
                Field proto = next == IPPROTO_HOPOPTS ? IPV6_HOPOPTS : next == IPPROTO_ROUTING ? IPV6_ROUTING : IPV6_DSTOPTS;
                f.addProtocol(proto, p, len, payloadEnd);
                f.chain(proto);
                next = d[p] & 0xFF;
                if (proto == IPV6_HOPOPTS) {
                    f.addLong(IPV6_HOPOPTS_NXT, next);
                }
                p += len;
            } else if (next == IPPROTO_FRAGMENT) {
                if (payloadEnd - p < 8) {
                    return;
                }
                f.addProtocol(IPV6_FRAGHDR, p, 8, payloadEnd);
                f.chain(IPV6_FRAGHDR);
                next = d[p] & 0xFF;
                f.addLong(IPV6_FRAGHDR_NXT, next);
                int offMore = u16(d, p + 2);
                f.addLong(IPV6_FRAGHDR_OFFSET, offMore >> 3);
                f.addLong(IPV6_FRAGHDR_MORE, offMore & 1);
                long identification = u32(d, p + 4);
                f.addLong(IPV6_FRAGHDR_IDENT, identification);
                p += 8;
                if ((offMore & 0xFFF9) != 0) {
                    int whole = quoted ? -1 : fragments.add6(f, d, off, identification, p, payloadEnd,
                            (offMore >> 3) * 8, (offMore & 1) != 0);
                    if (whole < 0) {
                        data(f, p, payloadEnd);
                        return;
                    }
                    // the reassembled datagram was appended after the frame's captured bytes
                    f.appended(f.capturedLength() + whole);
                    transport(f, next, f.capturedLength(), f.capturedLength() + whole, off + 8, off + 24, 16, false);
                    return;
                }
            } else {
                break;
            }
        }
        transport(f, next, p, payloadEnd, off + 8, off + 24, 16, quoted);
    }

    private void transport(Frame f, int protocol, int off, int end, int srcOff, int dstOff, int addrLen,
                           boolean quoted) {
        switch (protocol) {
            case IPPROTO_UDP -> udp(f, off, end, srcOff, dstOff, addrLen, quoted);
            case IPPROTO_TCP -> tcp(f, off, end, srcOff, dstOff, addrLen, quoted);
            case IPPROTO_ICMP -> icmp(f, off, end, false);
            case IPPROTO_ICMPV6 -> icmp(f, off, end, true);
            default -> data(f, off, end);
        }
    }

    private void icmp(Frame f, int off, int end, boolean v6) {
        if (end - off < 4) {
            return;
        }
        byte[] d = f.data();
        Field proto = v6 ? ICMPV6 : ICMP;
        f.addProtocol(proto, off, end - off, end);
        f.chain(proto);
        int type = d[off] & 0xFF;
        f.addLong(v6 ? ICMPV6_TYPE : ICMP_TYPE, type);
        f.addLong(v6 ? ICMPV6_CODE : ICMP_CODE, d[off + 1] & 0xFF);
        boolean quotesPacket = v6 ? icmpv6Quotes(type) : icmpQuotes(type);
        if (quotesPacket && end - off > 8) {
            if (v6) {
                ipv6(f, off + 8, end, true);
            } else {
                ipv4(f, off + 8, end, true);
            }
        }
    }

    private void udp(Frame f, int off, int end, int srcOff, int dstOff, int addrLen, boolean quoted) {
        if (end - off < 8) {
            return;
        }
        byte[] d = f.data();
        int sport = u16(d, off);
        int dport = u16(d, off + 2);
        int length = u16(d, off + 4);
        int udp = f.addProtocol(UDP, off, 8, end);
        f.chain(UDP);
        if (f.wantsAny(UDP_SRCPORT, UDP_CHECKSUM)) {
            f.addLong(UDP_SRCPORT, sport);
            f.addLong(UDP_DSTPORT, dport);
            f.addLong(UDP_PORT, sport);
            f.addLong(UDP_PORT, dport);
            f.addLong(UDP_LENGTH, length);
            f.addLong(UDP_CHECKSUM, u16(d, off + 6));
        }
        transport.set(IPPROTO_UDP, d, srcOff, dstOff, addrLen, sport, dport);
        // IPv4 conversations go through tables of (endpoint, endpoint) pairs, 48 bits each, without allocation;
        // IPv6 ones through Endpoints keys
        boolean v4 = addrLen == 4;
        if (f.wants(UDP_STREAM)) {
            int stream;
            if (v4) {
                long lo = transport.low4();
                long hi = transport.high4();
                stream = udpStreams4.get(lo, hi);
                if (stream < 0) {
                    stream = udpStreamCount++;
                    udpStreams4.put(lo, hi, stream);
                }
            } else {
                Integer known = udpStreams.get(transport.endpoints());
                if (known == null) {
                    known = udpStreamCount++;
                    udpStreams.put(transport.endpoints().copy(), known);
                }
                stream = known;
            }
            f.addLong(UDP_STREAM, stream);
        }
        // over IPv6 a length of 0 means "as long as the IPv6 payload" (RFC 2675), as Wireshark reads it
        int datagram = length == 0 && addrLen == 16 ? end - off : length;
        if (datagram < 8 || (!quoted && datagram > end - off)) {
            return;
        }
        int payloadEnd = Math.min(end, off + datagram);
        f.setEnd(udp, payloadEnd);
        int p = off + 8;
        if (payloadEnd > p) {
            f.addSlice(UDP_PAYLOAD, p, payloadEnd - p);
        } else {
            return;
        }
        Payload claimed = null;
        if (v4 ? !udpClaims4.isEmpty() : !udpClaims.isEmpty()) {
            int id = v4 ? udpClaims4.get(transport.low4(), transport.high4()) : -1;
            claimed = v4 ? (id >= 0 ? handoff.byId(id) : null) : udpClaims.get(transport.endpoints());
            if (claimed != null && claimed.datagram(f, p, payloadEnd, transport)) {
                return;
            }
        }
        Payload low = handoff.udp(transport.lowPort());
        if (low != null && low != claimed && low.datagram(f, p, payloadEnd, transport)) {
            return;
        }
        Payload high = handoff.udp(transport.highPort());
        if (high != null && high != low && high != claimed && high.datagram(f, p, payloadEnd, transport)) {
            return;
        }
        for (Payload h : handoff.udpHeuristics()) {
            if (h.datagramHeuristic(f, p, payloadEnd, transport)) {
                if (h.claimsConversation()) {
                    if (v4) {
                        udpClaims4.put(transport.low4(), transport.high4(), handoff.id(h));
                    } else {
                        udpClaims.put(transport.endpoints().copy(), h);
                    }
                }
                return;
            }
        }
        data(f, p, payloadEnd);
    }

    private void tcp(Frame f, int off, int end, int srcOff, int dstOff, int addrLen, boolean quoted) {
        if (end - off < 20) {
            return;
        }
        byte[] d = f.data();
        int sport = u16(d, off);
        int dport = u16(d, off + 2);
        int hdr = ((d[off + 12] & 0xFF) >> 4) * 4;
        // Wireshark's tcp item covers the segment, header and payload (the bytes len(tcp) and tcp[...] see)
        f.addProtocol(TCP, off, end - off, end);
        f.chain(TCP);
        f.addLong(TCP_SRCPORT, sport);
        f.addLong(TCP_DSTPORT, dport);
        f.addLong(TCP_PORT, sport);
        f.addLong(TCP_PORT, dport);
        transport.set(IPPROTO_TCP, d, srcOff, dstOff, addrLen, sport, dport);
        TcpStream stream = tcpStreams.get(transport.endpoints());
        if (stream == null) {
            stream = new TcpStream(tcpStreams.size());
            tcpStreams.put(transport.endpoints().copy(), stream);
        }
        f.addLong(TCP_STREAM, stream.index);
        int len = Math.max(0, end - off - hdr);
        if (hdr < 20) {
            return;
        }
        f.addLong(TCP_LEN, len);
        long seq = u32(d, off + 4);
        long ack = u32(d, off + 8);
        int flags = u16(d, off + 12) & 0xFFF;
        int dir = transport.forward() ? 0 : 1;
        boolean syn = (flags & 0x02) != 0;
        boolean fin = (flags & 0x01) != 0;
        if (!stream.baseSet[dir]) {
            stream.base[dir] = syn ? seq : seq - 1;
            stream.baseSet[dir] = true;
        }
        long relSeq = (seq - stream.base[dir]) & 0xFFFF_FFFFL;
        f.addLong(TCP_SEQ, relSeq);
        f.addLong(TCP_SEQ_RAW, seq);
        f.addLong(TCP_NXTSEQ, (relSeq + len + (syn ? 1 : 0) + (fin ? 1 : 0)) & 0xFFFF_FFFFL);
        int rev = 1 - dir;
        if ((flags & 0x10) != 0 && !stream.baseSet[rev]) {
            // Wireshark takes the first acknowledgement seen as relative 1 when it missed the other side's SYN
            stream.base[rev] = ack - 1;
            stream.baseSet[rev] = true;
        }
        long relAck = stream.baseSet[rev] && (flags & 0x10) != 0 ? (ack - stream.base[rev]) & 0xFFFF_FFFFL : ack;
        f.addLong(TCP_ACK, relAck);
        f.addLong(TCP_ACK_RAW, ack);
        f.addLong(TCP_HDR_LEN, hdr);
        f.addLong(TCP_FLAGS, flags);
        f.addLong(TCP_FLAGS_URG, (flags >> 5) & 1);
        f.addLong(TCP_FLAGS_ACK, (flags >> 4) & 1);
        f.addLong(TCP_FLAGS_PUSH, (flags >> 3) & 1);
        f.addLong(TCP_FLAGS_RESET, (flags >> 2) & 1);
        f.addLong(TCP_FLAGS_SYN, (flags >> 1) & 1);
        f.addLong(TCP_FLAGS_FIN, flags & 1);
        f.addLong(TCP_WINDOW_SIZE_VALUE, u16(d, off + 14));
        f.addLong(TCP_CHECKSUM, u16(d, off + 16));
        f.addLong(TCP_URGENT_POINTER, u16(d, off + 18));
        if (len == 0 || end - off < hdr) {
            return;
        }
        int p = off + hdr;
        f.addSlice(TCP_PAYLOAD, p, len);
        Payload claimed = stream.claimed;
        if (claimed != null && segment(f, claimed, stream, dir, seq, p, len)) {
            return;
        }
        Payload low = handoff.tcp(transport.lowPort());
        if (low != null && low != claimed && segment(f, low, stream, dir, seq, p, len)) {
            return;
        }
        Payload high = handoff.tcp(transport.highPort());
        if (high != null && high != low && high != claimed && segment(f, high, stream, dir, seq, p, len)) {
            return;
        }
        if (claimed == null) {
            for (Payload h : handoff.tcpHeuristics()) {
                if (h.streamStarts(f, p, p + len, transport)) {
                    stream.claimed = h;
                    if (segment(f, h, stream, dir, seq, p, len)) {
                        return;
                    }
                    break;
                }
                if (h.streamHeuristic(f, p, p + len, transport)) {
                    if (h.claimsConversation()) {
                        stream.claimed = h;
                    }
                    return;
                }
            }
        }
        data(f, p, p + len);
    }

    /**
     * Hands a segment's payload to a stream dissector. A PDU may end in a later segment: as Wireshark, the segment
     * that completes it shows it, and the bytes before wait in the stream's direction (at most {@link #MAX_HELD}).
     */
    private boolean segment(Frame f, Payload payload, TcpStream stream, int dir, long seq, int p, int len) {
        int from = p;
        int to = p + len;
        byte[] held = stream.pending[dir];
        stream.pending[dir] = null;
        if (held != null && seq == stream.pendingSeq[dir]) {
            int at = f.capturedLength();
            byte[] buf = f.buffer(at + held.length + len);
            System.arraycopy(held, 0, buf, at, held.length);
            System.arraycopy(buf, p, buf, at + held.length, len);
            from = at;
            to = at + held.length + len;
            f.appended(to);
        }
        int rest = payload.stream(f, from, to, from != p, transport);
        if (rest < 0) {
            return false;
        }
        if (rest < to && to - rest <= MAX_HELD) {
            stream.pending[dir] = java.util.Arrays.copyOfRange(f.data(), rest, to);
            stream.pendingSeq[dir] = (seq + len) & 0xFFFF_FFFFL;
        }
        return true;
    }

    static void data(Frame f, int off, int end) {
        if (end <= off) {
            return;
        }
        f.addProtocol(DATA, off, end - off, end);
        f.chain(DATA);
        f.addSlice(DATA_DATA, off, end - off);
        f.addLong(DATA_LEN, end - off);
    }

    static int u16(byte[] d, int off) {
        return ((d[off] & 0xFF) << 8) | (d[off + 1] & 0xFF);
    }

    static long u32(byte[] d, int off) {
        return ((long) (d[off] & 0xFF) << 24) | ((d[off + 1] & 0xFF) << 16) | ((d[off + 2] & 0xFF) << 8)
                | (d[off + 3] & 0xFF);
    }

    private static final class TcpStream {
        final int index;
        final long[] base = new long[2];
        final boolean[] baseSet = new boolean[2];
        final byte[][] pending = new byte[2][];
        final long[] pendingSeq = new long[2];
        /** The stream dissector a heuristic gave the connection to, or null. */
        Payload claimed;

        TcpStream(int index) {
            this.index = index;
        }
    }
}
