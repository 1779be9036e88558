package dev.rtc.dissect;

import static dev.rtc.dissect.Dissector.u16;
import static dev.rtc.dissect.Dissector.u32;
import static dev.rtc.dissect.Fields.*;

import dev.rtc.stun.AttributeType;
import dev.rtc.stun.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * STUN (RFC 8489), classic STUN (RFC 3489) and TURN ChannelData, decided as Wireshark 4.0 decides: on port 3478 a
 * message or ChannelData by its first byte; elsewhere only a message that passes the heuristic (top two bits 00,
 * the magic cookie, a length that exactly fills the datagram). Requests are remembered by transaction id so that
 * responses carry {@code stun.response-to} and {@code stun.time}.
 */
final class StunDissector implements Payload {
    static final int PORT = 3478;

    static final long MAGIC_COOKIE = 0x2112A442L;
    /** TURN's methods (RFC 8656 section 17) whose messages carry relayed data or bind channels. */
    private static final int SEND = Method.SEND.code();
    private static final int DATA_METHOD = Method.DATA.code();
    private static final int CHANNEL_BIND = Method.CHANNEL_BIND.code();
    private static final long FINGERPRINT_XOR = 0x5354554EL;

    /** The attribute types Wireshark 4.0 knows; others show only a length and a value. */
    private static final java.util.BitSet KNOWN = known("0001-001e 0020 0022 0024-0028 002a 0030 8000-8004 8006 8008"
            + " 8020 8022-8023 8025 8027-802e 8030 8032 8037 8039 8050 8054-8062 8068 8070 8090 8095 c000-c002"
            + " c057-c05d c060 ff04-ff05");

    /** Each attribute type's layout as Wireshark 4.0's STUN dissector reads it, indexed by type. */
    private static final byte[] SHAPES = new byte[65536];
    /** The same for RFC 3489's classic STUN, which knows fewer types and reads everything else as a value. */
    private static final byte[] CLASSIC_SHAPES = new byte[65536];

    static {
        shape(Layout.ADDRESS, AttributeType.MAPPED_ADDRESS, AttributeType.RESPONSE_ADDRESS, AttributeType.SOURCE_ADDRESS,
                AttributeType.CHANGED_ADDRESS, AttributeType.REFLECTED_FROM, AttributeType.ALTERNATE_SERVER,
                AttributeType.RESPONSE_ORIGIN, AttributeType.OTHER_ADDRESS);
        // MS-TURN's and other vendors' address attributes, which Wireshark also decodes as addresses
        shape(Layout.ADDRESS, 0x000E, 0x0011, 0x8090);
        shape(Layout.XOR_ADDRESS, AttributeType.XOR_PEER_ADDRESS, AttributeType.XOR_RELAYED_ADDRESS,
                AttributeType.XOR_MAPPED_ADDRESS);
        // Wireshark 4.0 reads these as XOR addresses too: RESPONSE-PORT, 0x0028, the XOR-MAPPED-ADDRESS code of
        // the RFC's drafts (0x8020) and vendor attributes
        shape(Layout.XOR_ADDRESS, AttributeType.RESPONSE_PORT.code(), 0x0028, 0x8020, 0x8059, 0x805A, 0x805B, 0x805C);
        shape(Layout.FAMILY, AttributeType.REQUESTED_ADDRESS_FAMILY);
        shape(Layout.DATA, AttributeType.DATA);
        shape(Layout.OPAQUE, AttributeType.DONT_FRAGMENT, AttributeType.ACCESS_TOKEN,
                AttributeType.MESSAGE_INTEGRITY_SHA256, AttributeType.USERHASH, AttributeType.USE_CANDIDATE,
                AttributeType.CONNECTION_ID, AttributeType.ADDITIONAL_ADDRESS_FAMILY,
                AttributeType.ADDRESS_ERROR_CODE, AttributeType.ALTERNATE_DOMAIN,
                AttributeType.TRANSACTION_TRANSMIT_COUNTER, AttributeType.ECN_CHECK,
                AttributeType.THIRD_PARTY_AUTHORIZATION, AttributeType.MOBILITY_TICKET);
        // vendor attributes Wireshark shows as a plain value (Cisco, Citrix, Google, Microsoft ranges)
        shape(Layout.OPAQUE, 0x8032, 0x8037, 0x8039, 0xC000, 0xC001, 0xC002, 0xC058, 0xC059, 0xC05A, 0xC05B, 0xC05C, 0xC05D,
                0xC060, 0xFF04, 0xFF05);
        shape(Layout.USERNAME, AttributeType.USERNAME);
        shape(Layout.REALM, AttributeType.REALM);
        shape(Layout.NONCE, AttributeType.NONCE);
        shape(Layout.SOFTWARE, AttributeType.SOFTWARE);
        shape(Layout.ERROR, AttributeType.ERROR_CODE);
        shape(Layout.LIFETIME, AttributeType.LIFETIME);
        shape(Layout.CHANNEL, AttributeType.CHANNEL_NUMBER);
        shape(Layout.TRANSPORT, AttributeType.REQUESTED_TRANSPORT);
        shape(Layout.PRIORITY, AttributeType.PRIORITY);
        shape(Layout.TIE_BREAKER, AttributeType.ICE_CONTROLLED, AttributeType.ICE_CONTROLLING);
        shape(Layout.HMAC, AttributeType.MESSAGE_INTEGRITY);
        shape(Layout.FINGERPRINT, AttributeType.FINGERPRINT);
        shape(Layout.CHANGE, AttributeType.CHANGE_REQUEST);
        shape(Layout.EVEN_PORT, AttributeType.EVEN_PORT);
        shape(Layout.UNKNOWN_LIST, AttributeType.UNKNOWN_ATTRIBUTES);

        classicShape(Layout.CLASSIC_ADDRESS, AttributeType.MAPPED_ADDRESS, AttributeType.RESPONSE_ADDRESS,
                AttributeType.SOURCE_ADDRESS, AttributeType.CHANGED_ADDRESS, AttributeType.REFLECTED_FROM,
                AttributeType.XOR_PEER_ADDRESS, AttributeType.XOR_RELAYED_ADDRESS);
        classicShape(Layout.CHANGE, AttributeType.CHANGE_REQUEST);
        classicShape(Layout.ERROR, AttributeType.ERROR_CODE);
        classicShape(Layout.UNKNOWN_LIST, AttributeType.UNKNOWN_ATTRIBUTES);
        classicShape(Layout.SOFTWARE, AttributeType.SOFTWARE);
        classicShape(Layout.LIFETIME, AttributeType.LIFETIME);
        classicShape(Layout.DATA, AttributeType.DATA);
    }

    private static void shape(byte shape, AttributeType... types) {
        for (AttributeType t : types) {
            shape(shape, t.code());
        }
    }

    private static void shape(byte shape, int... codes) {
        for (int c : codes) {
            SHAPES[c] = shape;
        }
    }

    private static void classicShape(byte shape, AttributeType... types) {
        for (AttributeType t : types) {
            CLASSIC_SHAPES[t.code()] = shape;
        }
    }

    /**
     * Requests remembered for matching; past this many the table starts afresh, so memory stays flat on long
     * captures (a response more than this many requests late loses its stun.response-to).
     */
    private static final int MAX_TRANSACTIONS = 1 << 20;

    private final Map<TransactionKey, long[]> requests = new HashMap<>();
    private final Map<TransactionKey, long[]> classicRequests = new HashMap<>();
    private final CRC32 crc = new CRC32();
    /** Where a Binding over UDP makes its conversation a WebRTC flow. */
    private final MediaFlows media;
    /** The transport of the message being dissected: requests and responses match within its conversation. */
    private Transport transport;

    /** Dissects what ChannelData and DATA attributes carry; null until {@link #relaying} sets it. */
    private TurnPayload turn;
    /** How deep inside TURN the message being dissected is: what a relayed message relays is data. */
    private int depth;
    /** The peer each channel was bound to (ChannelBind requests), per conversation with the TURN server. */
    private final Map<ChannelKey, Peer> channels = new HashMap<>();

    StunDissector(MediaFlows media) {
        this.media = media;
    }

    /** Has the payloads relayed by TURN dissected by {@code payload}. */
    void relaying(TurnPayload payload) {
        this.turn = payload;
    }

    /**
     * A STUN message relayed inside TURN at [p, end), as tshark's stun_turn heuristic takes it: the magic cookie and
     * a length that fills the relayed bytes exactly. False, having added nothing, for anything else.
     */
    boolean relayedMessage(Frame f, int p, int end) {
        byte[] d = f.data();
        if (end - p < 20 || (d[p] & 0xC0) != 0 || u32(d, p + 4) != MAGIC_COOKIE || 20 + u16(d, p + 2) != end - p) {
            return false;
        }
        message(f, p, p, end, end, f.timeNanos(), true);
        return true;
    }

    /**
     * Hands relayed bytes to {@link TurnPayload}, once: inside the relay they are data. {@code relay} describes the
     * relay for {@code -V}, null when the frame keeps only some fields (no detail view).
     */
    private void relayed(Frame f, int p, int end, String relay) {
        if (turn == null || depth > 0) {
            Dissector.data(f, p, end);
            return;
        }
        depth++;
        try {
            turn.dissect(f, p, end, transport, relay);
        } finally {
            depth--;
        }
    }

    @Override
    public boolean datagram(Frame f, int p, int end, Transport t) {
        transport = t;
        return datagram(f, p, end, f.timeNanos());
    }

    @Override
    public boolean datagramHeuristic(Frame f, int p, int end, Transport t) {
        transport = t;
        return heuristic(f, p, end, f.timeNanos());
    }

    @Override
    public int stream(Frame f, int p, int end, boolean reassembled, Transport t) {
        transport = t;
        return stream(f, p, end, f.timeNanos(), reassembled);
    }

    @Override
    public boolean streamHeuristic(Frame f, int p, int end, Transport t) {
        transport = t;
        return streamHeuristic(f, p, end, f.timeNanos());
    }

    @Override
    public boolean claimsConversation() {
        return true;
    }

    /** A datagram on the STUN port or on a conversation that carried STUN. False when it is neither. */
    private boolean datagram(Frame f, int p, int end, long time) {
        byte[] d = f.data();
        int len = end - p;
        if (len < 4) {
            return false;
        }
        int b0 = d[p] & 0xFF;
        if (b0 < 0x40) {
            if (len < 20) {
                return false;
            }
            int msgLen = u16(d, p + 2);
            if (u32(d, p + 4) != MAGIC_COOKIE) {
                return classicHeuristic(f, p, end, time);
            }
            if (20 + msgLen > len) {
                return false;
            }
            message(f, p, p, p + 20 + msgLen, end, time, true);
            return true;
        }
        if (b0 < 0x80) {
            int dataLen = u16(d, p + 2);
            if (4 + dataLen > len) {
                return false;
            }
            channelData(f, p, dataLen, end, true);
            return true;
        }
        return false;
    }

    /** A datagram anywhere else: STUN only when it passes the heuristic (classic STUN's too). */
    private boolean heuristic(Frame f, int p, int end, long time) {
        byte[] d = f.data();
        int len = end - p;
        if (len < 20 || (d[p] & 0xC0) != 0 || u16(d, p + 2) + 20 != len) {
            return false;
        }
        if (u32(d, p + 4) == MAGIC_COOKIE) {
            message(f, p, p, end, end, time, true);
            return true;
        }
        return classicHeuristic(f, p, end, time);
    }

    /**
     * TCP bytes on the STUN port (a segment, or what earlier segments left plus this one): messages and ChannelData
     * back to back (ChannelData padded to 4 bytes), or with RFC 4571's two-byte length before each, several per
     * segment. Returns where the bytes not yet dissected start: {@code end} when all were, the start of a message
     * that continues in a later segment, or -1 when the bytes start with neither (not STUN).
     */
    private int stream(Frame f, int p, int end, long time) {
        return stream(f, p, end, time, false);
    }

    /**
     * @param reassembled the bytes start with a message begun in earlier segments; Wireshark lists "stun" in
     *                    frame.protocols for it and again for the first message that lies in this segment alone
     */
    private int stream(Frame f, int p, int end, long time, boolean reassembled) {
        byte[] d = f.data();
        int start = p;
        boolean any = false;
        int chained = 0;
        int chainLimit = reassembled ? 2 : 1;
        while (p < end) {
            if (end - p < 4) {
                return p;
            }
            int b0 = d[p] & 0xFF;
            if (b0 < 0x40 && (end - p < 8 || u32(d, p + 4) == MAGIC_COOKIE)) {
                int total = 20 + u16(d, p + 2);
                if (total > end - p) {
                    return p;
                }
                message(f, p, p, p + total, p + total, time, chained++ < chainLimit);
                p += total;
            } else if (b0 >= 0x40 && b0 < 0x80) {
                int dataLen = u16(d, p + 2);
                if (4 + dataLen > end - p) {
                    return p;
                }
                int pdu = Math.min(end, p + ((4 + dataLen + 3) & ~3));
                channelData(f, p, dataLen, pdu, chained++ < chainLimit);
                p = pdu;
            } else if (end - p >= 8 && u32(d, p + 6) == MAGIC_COOKIE && (d[p + 2] & 0xC0) == 0
                    && u16(d, p) == 20 + u16(d, p + 4)) {
                int total = u16(d, p);
                if (total > end - p - 2) {
                    return p;
                }
                message(f, p, p + 2, p + 2 + total, p + 2 + total, time, chained++ < chainLimit);
                p += 2 + total;
            } else {
                if (!any) {
                    return -1;
                }
                Dissector.data(f, p, end);
                return end;
            }
            any = true;
        }
        return start == end ? -1 : p;
    }

    /** A TCP segment elsewhere: STUN when it starts with a whole message that passes the heuristic. */
    private boolean streamHeuristic(Frame f, int p, int end, long time) {
        byte[] d = f.data();
        boolean plain = end - p >= 20 && (d[p] & 0xC0) == 0 && u32(d, p + 4) == MAGIC_COOKIE
                && 20 + u16(d, p + 2) <= end - p;
        boolean framed = end - p >= 22 && (d[p + 2] & 0xC0) == 0 && u32(d, p + 6) == MAGIC_COOKIE
                && u16(d, p) == 20 + u16(d, p + 4) && u16(d, p) <= end - p - 2;
        if (!plain && !framed) {
            return false;
        }
        return stream(f, p, end, time) >= 0;
    }

    /**
     * @param extent where the datagram, or the PDU over TCP (padding included), ends
     * @param chain  whether to add "stun" to frame.protocols (once per TCP segment, as Wireshark)
     */
    private void channelData(Frame f, int p, int dataLen, int extent, boolean chain) {
        byte[] d = f.data();
        f.addProtocol(STUN, p, 4, extent); // Wireshark's item covers the header; the data is a layer of its own
        if (chain) {
            f.chain(STUN);
        }
        int channel = u16(d, p);
        f.addLong(STUN_CHANNEL, channel);
        f.addLong(STUN_LENGTH, dataLen);
        if (depth > 0 || turn == null) {
            Dissector.data(f, p + 4, p + 4 + dataLen);
            return;
        }
        relayed(f, p + 4, p + 4 + dataLen, f.keepsAll() ? channelText(channel) : null);
    }

    /** How ChannelData on the channel is relayed, for {@code -V}: the peer its ChannelBind named. */
    private String channelText(int channel) {
        Peer peer = channels.isEmpty() ? null : channels.get(new ChannelKey(transport.endpoints(), channel));
        String hex = Integer.toHexString(channel);
        return "TURN ChannelData 0x" + "0000".substring(hex.length()) + hex + " ("
                + (peer == null ? "no ChannelBind for it seen" : "peer " + peer.address + ", bound in frame "
                + peer.frame) + ")";
    }

    /** How a DATA attribute of the message at msg is relayed, for {@code -V}: its XOR-PEER-ADDRESS. */
    private static String dataText(byte[] d, int msg) {
        int method = u16(d, msg) & 0x3EEF;
        String peer = peerOf(d, msg, Math.min(d.length, msg + 20 + u16(d, msg + 2)));
        String kind = method == SEND ? "Send indication" : method == DATA_METHOD ? "Data indication"
                : String.format("DATA of a 0x%04x message", u16(d, msg));
        return "TURN " + kind + (peer == null ? "" : " (peer " + peer + ")");
    }

    /** Remembers the peer a ChannelBind request binds its channel to, from its attributes' bytes. */
    private void channelBind(byte[] d, int p, int end, long frame) {
        int channel = -1;
        String peer = null;
        for (int q = p + 20; end - q >= 4; ) {
            int type = u16(d, q);
            int len = u16(d, q + 2);
            if (len > end - q - 4) {
                return;
            }
            if (type == AttributeType.CHANNEL_NUMBER.code() && len >= 2) {
                channel = u16(d, q + 4);
            } else if (type == AttributeType.XOR_PEER_ADDRESS.code() && peer == null) {
                peer = xorAddress(d, p, q + 4, len);
            }
            q += 4 + ((len + 3) & ~3);
        }
        if (channel < 0 || peer == null) {
            return;
        }
        if (channels.size() >= 1 << 16) {
            channels.clear();
        }
        channels.put(new ChannelKey(transport.endpoints().copy(), channel), new Peer(peer, frame));
    }

    /** The first XOR-PEER-ADDRESS of the message at [msg, end) as "address:port", or null. */
    private static String peerOf(byte[] d, int msg, int end) {
        for (int q = msg + 20; end - q >= 4; ) {
            int type = u16(d, q);
            int len = u16(d, q + 2);
            if (len > end - q - 4) {
                return null;
            }
            if (type == AttributeType.XOR_PEER_ADDRESS.code()) {
                return xorAddress(d, msg, q + 4, len);
            }
            q += 4 + ((len + 3) & ~3);
        }
        return null;
    }

    /** An XOR address attribute's value at [v, v + len) of the message at msg, as "address:port", or null. */
    private static String xorAddress(byte[] d, int msg, int v, int len) {
        int family = len >= 4 ? d[v + 1] & 0xFF : 0;
        int size = family == 1 ? 4 : family == 2 ? 16 : 0;
        if (size == 0 || len < 4 + size) {
            return null;
        }
        byte[] a = new byte[size];
        for (int i = 0; i < size; i++) {
            a[i] = (byte) (d[v + 4 + i] ^ d[msg + 4 + i]);
        }
        int port = u16(d, v + 2) ^ 0x2112;
        try {
            String host = java.net.InetAddress.getByAddress(a).getHostAddress();
            return size == 16 ? "[" + host + "]:" + port : host + ":" + port;
        } catch (java.net.UnknownHostException e) {
            return null; // not reached: the array is 4 or 16 bytes
        }
    }

    /**
     * A message at [p, end). Wireshark's stun item starts at {@code item}: before p when RFC 4571's two-byte length
     * precedes the message over TCP. {@code extent} is where the datagram or the TCP PDU ends.
     */
    private void message(Frame f, int item, int p, int end, int extent, long time, boolean chain) {
        byte[] d = f.data();
        f.addProtocol(STUN, item, end - item, extent);
        if (item < p) {
            f.addLong(STUN_TCP_FRAME_LENGTH, u16(d, item));
        }
        if (chain) {
            f.chain(STUN);
        }
        int type = u16(d, p);
        int cls = (type & 0x0110) >> 4;
        int method = type & 0x3EEF;
        if (method == 0x0001) {
            media.mark(transport, f.number(), MediaFlows.Evidence.STUN_BINDING);
        } else if (method == CHANNEL_BIND && cls == 0 && depth == 0) {
            channelBind(d, p, end, f.number());
        }
        if (f.wants(STUN_RESPONSE_TO) || f.wants(STUN_TIME)) {
            TransactionKey key = new TransactionKey(d, p + 8, 12, transport.endpoints().copy());
            if (cls == 0x00) {
                if (requests.size() >= MAX_TRANSACTIONS) {
                    requests.clear();
                }
                requests.putIfAbsent(key, new long[] {f.number(), time});
            } else if (cls == 0x10 || cls == 0x11) {
                long[] request = requests.get(key);
                if (request != null) {
                    f.addLong(STUN_RESPONSE_TO, request[0]);
                    f.addLong(STUN_TIME, time - request[1]);
                }
            }
        }
        int msgLen = u16(d, p + 2);
        if (f.wantsAny(STUN_TYPE, STUN_ID)) {
            f.addLong(STUN_TYPE, type);
            f.addLong(STUN_TYPE_CLASS, cls);
            f.addLong(STUN_TYPE_METHOD, type & 0x3EEF);
            f.addLong(STUN_TYPE_METHOD_ASSIGNMENT, (type & 0x2000) >> 13);
            f.addLong(STUN_LENGTH, msgLen);
            f.addSlice(STUN_COOKIE, p + 4, 4);
            f.addSlice(STUN_ID, p + 8, 12);
        }
        if (msgLen == 0) {
            return;
        }
        f.addLong(STUN_NETWORK_VERSION, 3);
        // Send and Data indications carry what TURN relays, whose fields the frame may want
        boolean relays = method == SEND || method == DATA_METHOD;
        if (!relays && !f.wantsAny(STUN_ATTRIBUTES, STUN_ATT_PADDING) && !f.wants(DATA) && !f.wants(DATA_DATA)
                && !f.wants(DATA_LEN)
                && !f.wants(FRAME_PROTOCOLS)) {
            return;
        }
        f.addLong(STUN_ATTRIBUTES, 1);
        int q = p + 20;
        while (end - q >= 4) {
            int atype = u16(d, q);
            int alen = u16(d, q + 2);
            boolean known = KNOWN.get(atype);
            if (known) {
                f.addLong(STUN_ATTRIBUTE, atype);
                f.addLong(STUN_ATT_TYPE, atype);
                f.addLong(STUN_ATT_TYPE_COMPREHENSION, atype >> 15);
                f.addLong(STUN_ATT_TYPE_ASSIGNMENT, (atype & 0x4000) >> 14);
            }
            f.addLong(STUN_ATT_LENGTH, alen);
            int v = q + 4;
            if (alen > end - v) {
                return;
            }
            if (known) {
                attribute(f, p, atype, v, alen);
            } else if (alen > 0) {
                f.addSlice(STUN_VALUE, v, alen);
            }
            int pad = (4 - (alen & 3)) & 3;
            if (pad != 0) {
                f.addLong(STUN_ATT_PADDING, pad);
            }
            q = v + alen + pad;
        }
    }

    private void attribute(Frame f, int msg, int type, int v, int len) {
        byte[] d = f.data();
        switch (SHAPES[type]) {
            case Layout.ADDRESS -> address(f, msg, v, len, false);
            case Layout.XOR_ADDRESS -> address(f, msg, v, len, true);
            case Layout.FAMILY -> {
                if (len >= 4) {
                    f.addLong(STUN_ATT_FAMILY, d[v] & 0xFF);
                    f.addSlice(STUN_ATT_RESERVED, v + 1, 3);
                }
            }
            case Layout.DATA -> {
                if (len > 0) {
                    f.addSlice(STUN_VALUE, v, len);
                    if (depth > 0 || turn == null) {
                        Dissector.data(f, v, v + len);
                    } else {
                        relayed(f, v, v + len, f.keepsAll() ? dataText(d, msg) : null);
                    }
                }
            }
            case Layout.OPAQUE -> {
                if (len > 0) {
                    f.addSlice(STUN_VALUE, v, len);
                }
            }
            case Layout.USERNAME -> f.addSlice(STUN_ATT_USERNAME, v, len);
            case Layout.REALM -> f.addSlice(STUN_ATT_REALM, v, len);
            case Layout.NONCE -> f.addSlice(STUN_ATT_NONCE, v, len);
            case Layout.SOFTWARE -> f.addSlice(STUN_ATT_SOFTWARE, v, len);
            case Layout.ERROR -> {
                if (len >= 4) {
                    f.addSlice(STUN_ATT_RESERVED, v, 2);
                    f.addLong(STUN_ATT_ERROR_CLASS, d[v + 2] & 0x07);
                    f.addLong(STUN_ATT_ERROR, d[v + 3] & 0xFF);
                    if (len > 4) {
                        f.addSlice(STUN_ATT_ERROR_REASON, v + 4, len - 4);
                    }
                }
            }
            case Layout.LIFETIME -> {
                if (len >= 4) {
                    f.addLong(STUN_ATT_LIFETIME, u32(d, v));
                }
            }
            case Layout.CHANNEL -> {
                if (len >= 4) {
                    f.addLong(STUN_ATT_CHANNELNUM, u16(d, v));
                    f.addSlice(STUN_ATT_RESERVED, v + 2, 2);
                }
            }
            case Layout.TRANSPORT -> {
                if (len >= 4) {
                    f.addLong(STUN_ATT_TRANSP, d[v] & 0xFF);
                    f.addSlice(STUN_ATT_RESERVED, v + 1, 3);
                }
            }
            case Layout.PRIORITY -> {
                if (len >= 4) {
                    f.addLong(STUN_ATT_PRIORITY, u32(d, v));
                }
            }
            case Layout.TIE_BREAKER -> {
                if (len >= 8) {
                    f.addSlice(STUN_ATT_TIE_BREAKER, v, 8);
                }
            }
            case Layout.HMAC -> f.addSlice(STUN_ATT_HMAC, v, len);
            case Layout.FINGERPRINT -> {
                if (len >= 4) {
                    long crc32 = u32(d, v);
                    f.addLong(STUN_ATT_CRC32, crc32);
                    crc.reset();
                    crc.update(d, msg, v - 4 - msg);
                    f.addLong(STUN_ATT_CRC32_STATUS, ((crc.getValue() ^ FINGERPRINT_XOR) == crc32) ? 1 : 0);
                }
            }
            case Layout.CHANGE -> {
                if (len >= 4) {
                    long flags = u32(d, v);
                    f.addLong(STUN_ATT_CHANGE_IP, (flags >> 2) & 1);
                    f.addLong(STUN_ATT_CHANGE_PORT, (flags >> 1) & 1);
                }
            }
            case Layout.EVEN_PORT -> {
                if (len >= 1) {
                    f.addLong(STUN_ATT_EVEN_PORT_RESERVE_NEXT, (d[v] & 0x80) >> 7);
                }
            }
            case Layout.UNKNOWN_LIST -> {
                for (int k = 0; k + 2 <= len; k += 2) {
                    f.addLong(STUN_ATT_UNKNOWN, u16(d, v + k));
                }
            }
            default -> {
            }
        }
    }

    private static void address(Frame f, int msg, int v, int len, boolean xor) {
        byte[] d = f.data();
        if (len < 4) {
            return;
        }
        f.addSlice(STUN_ATT_RESERVED, v, 1);
        int family = d[v + 1] & 0xFF;
        f.addLong(STUN_ATT_FAMILY, family);
        if (xor) {
            f.addSlice(STUN_ATT_PORT_XORD, v + 2, 2);
            f.addLong(STUN_ATT_PORT, u16(d, v + 2) ^ 0x2112);
        } else {
            f.addLong(STUN_ATT_PORT, u16(d, v + 2));
        }
        if (family == 1 && len >= 8) {
            if (xor) {
                f.addSlice(STUN_ATT_IPV4_XORD, v + 4, 4);
                f.addLong(STUN_ATT_IPV4, u32(d, v + 4) ^ MAGIC_COOKIE);
            } else {
                f.addLong(STUN_ATT_IPV4, u32(d, v + 4));
            }
        } else if (family == 2 && len >= 20) {
            if (xor) {
                f.addSlice(STUN_ATT_IPV6_XORD, v + 4, 16);
                byte[] a = new byte[16];
                for (int i = 0; i < 16; i++) {
                    a[i] = (byte) (d[v + 4 + i] ^ d[msg + 4 + i]);
                }
                f.addAux(STUN_ATT_IPV6, a, 0, 16);
            } else {
                f.addSlice(STUN_ATT_IPV6, v + 4, 16);
            }
        }
    }

    private static java.util.BitSet known(String ranges) {
        java.util.BitSet set = new java.util.BitSet(65536);
        for (String r : ranges.split(" ")) {
            int dash = r.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? r : r.substring(0, dash), 16);
            int to = dash < 0 ? from : Integer.parseInt(r.substring(dash + 1), 16);
            set.set(from, to + 1);
        }
        return set;
    }

    // ---- RFC 3489 ----

    private static boolean classicType(int type) {
        return switch (type) {
            case 0x0001, 0x0101, 0x0111, 0x0002, 0x0102, 0x0112, 0x0003, 0x0103, 0x0113, 0x0004, 0x0104, 0x0114,
                 0x0115, 0x0016, 0x0017, 0x0118 -> true;
            default -> false;
        };
    }

    private boolean classicHeuristic(Frame f, int p, int end, long time) {
        byte[] d = f.data();
        int len = end - p;
        if (len < 20 || !classicType(u16(d, p)) || u16(d, p + 2) + 20 != len) {
            return false;
        }
        classic(f, p, end, time);
        return true;
    }

    private void classic(Frame f, int p, int end, long time) {
        byte[] d = f.data();
        f.addProtocol(CLASSICSTUN, p, end - p, end);
        f.chain(CLASSICSTUN);
        int type = u16(d, p);
        f.addLong(CLASSICSTUN_TYPE, type);
        f.addLong(CLASSICSTUN_LENGTH, u16(d, p + 2));
        f.addSlice(CLASSICSTUN_ID, p + 4, 16);
        TransactionKey key = new TransactionKey(d, p + 4, 16, transport.endpoints().copy());
        if ((type & 0x0110) == 0) {
            classicRequests.putIfAbsent(key, new long[] {f.number(), time});
        } else {
            long[] request = classicRequests.get(key);
            if (request != null) {
                f.addLong(CLASSICSTUN_RESPONSE_TO, request[0]);
                f.addLong(CLASSICSTUN_TIME, time - request[1]);
            }
        }
        if (end - p > 20) {
            f.addLong(CLASSICSTUN_ATT, 1);
        }
        int q = p + 20;
        while (end - q >= 4) {
            int atype = u16(d, q);
            int alen = u16(d, q + 2);
            f.addLong(CLASSICSTUN_ATT_TYPE, atype);
            f.addLong(CLASSICSTUN_ATT_LENGTH, alen);
            int v = q + 4;
            if (alen > end - v) {
                return;
            }
            classicAttribute(f, p, atype, v, alen);
            q = v + alen;
        }
    }

    private static void classicAttribute(Frame f, int msg, int type, int v, int len) {
        byte[] d = f.data();
        switch (CLASSIC_SHAPES[type]) {
            case Layout.CLASSIC_ADDRESS -> {
                if (len >= 8) {
                    f.addLong(CLASSICSTUN_ATT_FAMILY, u16(d, v));
                    f.addLong(CLASSICSTUN_ATT_PORT, u16(d, v + 2));
                    int family = d[v + 1] & 0xFF;
                    if (family == 1) {
                        f.addLong(CLASSICSTUN_ATT_IPV4, u32(d, v + 4));
                    } else if (family == 2 && len >= 20) {
                        f.addSlice(CLASSICSTUN_ATT_IPV6, v + 4, 16);
                    }
                }
            }
            case Layout.CHANGE -> {
                if (len >= 4) {
                    long flags = u32(d, v);
                    f.addLong(CLASSICSTUN_ATT_CHANGE_IP, (flags >> 2) & 1);
                    f.addLong(CLASSICSTUN_ATT_CHANGE_PORT, (flags >> 1) & 1);
                }
            }
            case Layout.ERROR -> {
                if (len >= 4) {
                    f.addLong(CLASSICSTUN_ATT_ERROR_CLASS, d[v + 2] & 0x07);
                    f.addLong(CLASSICSTUN_ATT_ERROR, d[v + 3] & 0xFF);
                    if (len > 4) {
                        f.addSlice(CLASSICSTUN_ATT_ERROR_REASON, v + 4, len - 4);
                    }
                }
            }
            case Layout.UNKNOWN_LIST -> {
                for (int k = 0; k + 2 <= len; k += 2) {
                    f.addLong(CLASSICSTUN_ATT_UNKNOWN, u16(d, v + k));
                }
            }
            case Layout.SOFTWARE -> f.addSlice(CLASSICSTUN_ATT_SERVER, v, len);
            case Layout.LIFETIME -> {
                if (len >= 4) {
                    f.addLong(CLASSICSTUN_ATT_LIFETIME, u32(d, v));
                }
            }
            case Layout.DATA -> f.addSlice(CLASSICSTUN_ATT_DATA, v, len);
            default -> f.addSlice(CLASSICSTUN_ATT_VALUE, v, len);
        }
    }

    /** How a known attribute's value is laid out, hence which fields it gives. */
    private static final class Layout {
        static final byte OTHER = 0;
        static final byte ADDRESS = 1;
        static final byte XOR_ADDRESS = 2;
        static final byte FAMILY = 3;
        static final byte DATA = 4;
        static final byte OPAQUE = 5;
        static final byte USERNAME = 6;
        static final byte REALM = 7;
        static final byte NONCE = 8;
        static final byte SOFTWARE = 9;
        static final byte ERROR = 10;
        static final byte LIFETIME = 11;
        static final byte CHANNEL = 12;
        static final byte TRANSPORT = 13;
        static final byte PRIORITY = 14;
        static final byte TIE_BREAKER = 15;
        static final byte HMAC = 16;
        static final byte FINGERPRINT = 17;
        static final byte CHANGE = 18;
        static final byte EVEN_PORT = 19;
        static final byte UNKNOWN_LIST = 20;
        /** RFC 3489's address layout, in classic STUN (family as 16 bits, never XORed). */
        static final byte CLASSIC_ADDRESS = 21;

        private Layout() {
        }
    }

    /** A channel on a conversation with a TURN server. */
    private record ChannelKey(Endpoints conversation, int channel) {
    }

    /** Where a channel relays to, and the frame of the ChannelBind that said so. */
    private record Peer(String address, long frame) {
    }

    /** A transaction id within its conversation, as a map key. */
    private record TransactionKey(long high, long low, int length, Endpoints conversation) {
        TransactionKey(byte[] d, int off, int len, Endpoints conversation) {
            this(read(d, off, len - 8), read(d, off + len - 8, 8), len, conversation);
        }

        private static long read(byte[] d, int off, int n) {
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 8) | (d[off + i] & 0xFF);
            }
            return v;
        }
    }
}
