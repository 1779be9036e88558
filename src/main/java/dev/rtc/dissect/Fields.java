package dev.rtc.dissect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The standard field registry: every field rtc's dissector fills, by the name, description and type that
 * {@code tshark -G fields} gives (Wireshark 4.0), with Wireshark's value names ({@code tshark -G values}) where it
 * has them. Masked fields ({@code stun.type.class}, mask 0x0110) hold the masked value shifted right as Wireshark
 * does ({@code 0x11} for an error response).
 */
public final class Fields {
    private static final FieldRegistry.Builder BUILDER = new FieldRegistry.Builder();

    public static final Field FRAME = protocol("frame", "Frame");
    public static final Field FRAME_NUMBER = add("frame.number", "Frame Number", FieldType.UINT, 32);
    public static final Field FRAME_LEN = add("frame.len", "Frame length on the wire", FieldType.UINT, 32);
    public static final Field FRAME_CAP_LEN = add("frame.cap_len", "Frame length stored into the capture file", FieldType.UINT, 32);
    public static final Field FRAME_TIME = add("frame.time", "Arrival Time", FieldType.ABSOLUTE_TIME, 0);
    public static final Field FRAME_TIME_EPOCH = add("frame.time_epoch", "Epoch Time", FieldType.RELATIVE_TIME, 0);
    public static final Field FRAME_TIME_RELATIVE = add("frame.time_relative", "Time since reference or first frame", FieldType.RELATIVE_TIME, 0);
    public static final Field FRAME_TIME_DELTA = add("frame.time_delta", "Time delta from previous captured frame", FieldType.RELATIVE_TIME, 0);
    public static final Field FRAME_TIME_DELTA_DISPLAYED = add("frame.time_delta_displayed", "Time delta from previous displayed frame", FieldType.RELATIVE_TIME, 0);
    public static final Field FRAME_PROTOCOLS = add("frame.protocols", "Protocols in frame", FieldType.STRING, 0);
    public static final Field FRAME_ENCAP_TYPE = add("frame.encap_type", "Encapsulation type", FieldType.INT, 16);
    public static final Field ETH = protocol("eth", "Ethernet");
    public static final Field ETH_DST = add("eth.dst", "Destination", FieldType.ETHER, 0);
    public static final Field ETH_SRC = add("eth.src", "Source", FieldType.ETHER, 0);
    public static final Field ETH_ADDR = add("eth.addr", "Address", FieldType.ETHER, 0);
    public static final Field ETH_TYPE = hex("eth.type", "Type", FieldType.UINT, 16);
    public static final Field ETHERTYPE = protocol("ethertype", "Ethertype");
    public static final Field VLAN = protocol("vlan", "802.1Q Virtual LAN");
    public static final Field VLAN_PRIORITY = add("vlan.priority", "Priority", FieldType.UINT, 16);
    public static final Field VLAN_ID = add("vlan.id", "ID", FieldType.UINT, 16);
    public static final Field VLAN_ETYPE = hex("vlan.etype", "Type", FieldType.UINT, 16);
    public static final Field SLL = protocol("sll", "Linux cooked-mode capture");
    public static final Field SLL_PKTTYPE = add("sll.pkttype", "Packet type", FieldType.UINT, 16);
    public static final Field SLL_HATYPE = add("sll.hatype", "Link-layer address type", FieldType.UINT, 16);
    public static final Field SLL_HALEN = add("sll.halen", "Link-layer address length", FieldType.UINT, 16);
    public static final Field SLL_SRC_ETH = add("sll.src.eth", "Source", FieldType.ETHER, 0);
    public static final Field SLL_LTYPE = hex("sll.ltype", "Protocol", FieldType.UINT, 16);
    public static final Field SLL_ETYPE = hex("sll.etype", "Protocol", FieldType.UINT, 16);
    public static final Field SLL_IFINDEX = add("sll.ifindex", "Interface index", FieldType.UINT, 32);
    public static final Field NULL = protocol("null", "Null/Loopback");
    public static final Field RAW = protocol("raw", "Raw packet data");
    public static final Field NULL_FAMILY = add("null.family", "Family", FieldType.UINT, 32);
    public static final Field ARP = protocol("arp", "Address Resolution Protocol");
    public static final Field IP = protocol("ip", "Internet Protocol Version 4", "IPv4");
    public static final Field IP_VERSION = add("ip.version", "Version", FieldType.UINT, 8);
    public static final Field IP_HDR_LEN = add("ip.hdr_len", "Header Length", FieldType.UINT, 8);
    public static final Field IP_DSFIELD = hex("ip.dsfield", "Differentiated Services Field", FieldType.UINT, 8);
    public static final Field IP_DSFIELD_DSCP = add("ip.dsfield.dscp", "Differentiated Services Codepoint", FieldType.UINT, 8);
    public static final Field IP_DSFIELD_ECN = add("ip.dsfield.ecn", "Explicit Congestion Notification", FieldType.UINT, 8);
    public static final Field IP_LEN = add("ip.len", "Total Length", FieldType.UINT, 16);
    public static final Field IP_ID = hex("ip.id", "Identification", FieldType.UINT, 16);
    public static final Field IP_FLAGS = hex("ip.flags", "Flags", FieldType.UINT, 8);
    public static final Field IP_FLAGS_RB = add("ip.flags.rb", "Reserved bit", FieldType.BOOLEAN, 0);
    public static final Field IP_FLAGS_DF = add("ip.flags.df", "Don't fragment", FieldType.BOOLEAN, 0);
    public static final Field IP_FLAGS_MF = add("ip.flags.mf", "More fragments", FieldType.BOOLEAN, 0);
    public static final Field IP_FRAG_OFFSET = add("ip.frag_offset", "Fragment Offset", FieldType.UINT, 16);
    public static final Field IP_TTL = add("ip.ttl", "Time to Live", FieldType.UINT, 8);
    public static final Field IP_PROTO = add("ip.proto", "Protocol", FieldType.UINT, 8);
    public static final Field IP_CHECKSUM = hex("ip.checksum", "Header Checksum", FieldType.UINT, 16);
    public static final Field IP_SRC = add("ip.src", "Source Address", FieldType.IPV4, 0);
    public static final Field IP_DST = add("ip.dst", "Destination Address", FieldType.IPV4, 0);
    public static final Field IP_ADDR = add("ip.addr", "Source or Destination Address", FieldType.IPV4, 0);
    public static final Field IPV6 = protocol("ipv6", "Internet Protocol Version 6", "IPv6");
    public static final Field IPV6_VERSION = add("ipv6.version", "Version", FieldType.UINT, 8);
    public static final Field IPV6_TCLASS = hex("ipv6.tclass", "Traffic Class", FieldType.UINT, 32);
    public static final Field IPV6_TCLASS_DSCP = add("ipv6.tclass.dscp", "Differentiated Services Codepoint", FieldType.UINT, 32);
    public static final Field IPV6_FLOW = hex("ipv6.flow", "Flow Label", FieldType.UINT, 24);
    public static final Field IPV6_PLEN = add("ipv6.plen", "Payload Length", FieldType.UINT, 16);
    public static final Field IPV6_NXT = add("ipv6.nxt", "Next Header", FieldType.UINT, 8);
    public static final Field IPV6_HLIM = add("ipv6.hlim", "Hop Limit", FieldType.UINT, 8);
    public static final Field IPV6_SRC = add("ipv6.src", "Source Address", FieldType.IPV6, 0);
    public static final Field IPV6_DST = add("ipv6.dst", "Destination Address", FieldType.IPV6, 0);
    public static final Field IPV6_ADDR = add("ipv6.addr", "Source or Destination Address", FieldType.IPV6, 0);
    public static final Field IPV6_HOPOPTS = protocol("ipv6.hopopts", "IPv6 Hop-by-Hop Option", "IPv6");
    public static final Field IPV6_HOPOPTS_NXT = add("ipv6.hopopts.nxt", "Next Header", FieldType.UINT, 8);
    public static final Field IPV6_ROUTING = protocol("ipv6.routing", "Routing Header for IPv6", "IPv6");
    public static final Field IPV6_DSTOPTS = protocol("ipv6.dstopts", "Destination Options for IPv6", "IPv6");
    public static final Field IPV6_FRAGHDR = protocol("ipv6.fraghdr", "Fragment Header for IPv6", "IPv6");
    public static final Field IPV6_FRAGHDR_NXT = add("ipv6.fraghdr.nxt", "Next header", FieldType.UINT, 8);
    public static final Field IPV6_FRAGHDR_OFFSET = add("ipv6.fraghdr.offset", "Offset", FieldType.UINT, 16);
    public static final Field IPV6_FRAGHDR_MORE = add("ipv6.fraghdr.more", "More Fragments", FieldType.BOOLEAN, 0);
    public static final Field IPV6_FRAGHDR_IDENT = hex("ipv6.fraghdr.ident", "Identification", FieldType.UINT, 32);
    public static final Field ICMP = protocol("icmp", "Internet Control Message Protocol");
    public static final Field ICMP_TYPE = add("icmp.type", "Type", FieldType.UINT, 8);
    public static final Field ICMP_CODE = add("icmp.code", "Code", FieldType.UINT, 8);
    public static final Field ICMPV6 = protocol("icmpv6", "Internet Control Message Protocol v6", "ICMPv6");
    public static final Field ICMPV6_TYPE = add("icmpv6.type", "Type", FieldType.UINT, 8);
    public static final Field ICMPV6_CODE = add("icmpv6.code", "Code", FieldType.UINT, 8);
    public static final Field UDP = protocol("udp", "User Datagram Protocol");
    public static final Field UDP_SRCPORT = add("udp.srcport", "Source Port", FieldType.UINT, 16);
    public static final Field UDP_DSTPORT = add("udp.dstport", "Destination Port", FieldType.UINT, 16);
    public static final Field UDP_PORT = add("udp.port", "Source or Destination Port", FieldType.UINT, 16);
    public static final Field UDP_LENGTH = add("udp.length", "Length", FieldType.UINT, 16);
    public static final Field UDP_CHECKSUM = hex("udp.checksum", "Checksum", FieldType.UINT, 16);
    public static final Field UDP_STREAM = add("udp.stream", "Stream index", FieldType.UINT, 32);
    public static final Field UDP_PAYLOAD = add("udp.payload", "Payload", FieldType.BYTES, 0);
    public static final Field TCP = protocol("tcp", "Transmission Control Protocol");
    public static final Field TCP_SRCPORT = add("tcp.srcport", "Source Port", FieldType.UINT, 16);
    public static final Field TCP_DSTPORT = add("tcp.dstport", "Destination Port", FieldType.UINT, 16);
    public static final Field TCP_PORT = add("tcp.port", "Source or Destination Port", FieldType.UINT, 16);
    public static final Field TCP_STREAM = add("tcp.stream", "Stream index", FieldType.UINT, 32);
    public static final Field TCP_LEN = add("tcp.len", "TCP Segment Len", FieldType.UINT, 32);
    public static final Field TCP_SEQ = add("tcp.seq", "Sequence Number", FieldType.UINT, 32);
    public static final Field TCP_SEQ_RAW = add("tcp.seq_raw", "Sequence Number (raw)", FieldType.UINT, 32);
    public static final Field TCP_NXTSEQ = add("tcp.nxtseq", "Next Sequence Number", FieldType.UINT, 32);
    public static final Field TCP_ACK = add("tcp.ack", "Acknowledgment Number", FieldType.UINT, 32);
    public static final Field TCP_ACK_RAW = add("tcp.ack_raw", "Acknowledgment number (raw)", FieldType.UINT, 32);
    public static final Field TCP_HDR_LEN = add("tcp.hdr_len", "Header Length", FieldType.UINT, 8);
    public static final Field TCP_FLAGS = hex("tcp.flags", "Flags", FieldType.UINT, 16);
    public static final Field TCP_FLAGS_URG = add("tcp.flags.urg", "Urgent", FieldType.BOOLEAN, 0);
    public static final Field TCP_FLAGS_ACK = add("tcp.flags.ack", "Acknowledgment", FieldType.BOOLEAN, 0);
    public static final Field TCP_FLAGS_PUSH = add("tcp.flags.push", "Push", FieldType.BOOLEAN, 0);
    public static final Field TCP_FLAGS_RESET = add("tcp.flags.reset", "Reset", FieldType.BOOLEAN, 0);
    public static final Field TCP_FLAGS_SYN = add("tcp.flags.syn", "Syn", FieldType.BOOLEAN, 0);
    public static final Field TCP_FLAGS_FIN = add("tcp.flags.fin", "Fin", FieldType.BOOLEAN, 0);
    public static final Field TCP_WINDOW_SIZE_VALUE = add("tcp.window_size_value", "Window", FieldType.UINT, 16);
    public static final Field TCP_CHECKSUM = hex("tcp.checksum", "Checksum", FieldType.UINT, 16);
    public static final Field TCP_URGENT_POINTER = add("tcp.urgent_pointer", "Urgent Pointer", FieldType.UINT, 16);
    public static final Field TCP_PAYLOAD = add("tcp.payload", "TCP payload", FieldType.BYTES, 0);
    public static final Field STUN = protocol("stun", "Session Traversal Utilities for NAT");
    public static final Field STUN_TCP_FRAME_LENGTH = add("stun.tcp_frame_length", "TCP Frame Length", FieldType.UINT, 16);
    public static final Field STUN_CHANNEL = hex("stun.channel", "Channel Number", FieldType.UINT, 16);
    public static final Field STUN_TYPE = hex("stun.type", "Message Type", FieldType.UINT, 16);
    public static final Field STUN_TYPE_CLASS = hex("stun.type.class", "Message Class", FieldType.UINT, 16);
    public static final Field STUN_TYPE_METHOD = hex("stun.type.method", "Message Method", FieldType.UINT, 16);
    public static final Field STUN_TYPE_METHOD_ASSIGNMENT = hex("stun.type.method-assignment", "Message Method Assignment", FieldType.UINT, 16);
    public static final Field STUN_LENGTH = add("stun.length", "Message Length", FieldType.UINT, 16);
    public static final Field STUN_COOKIE = add("stun.cookie", "Message Cookie", FieldType.BYTES, 0);
    public static final Field STUN_ID = add("stun.id", "Message Transaction ID", FieldType.BYTES, 0);
    public static final Field STUN_NETWORK_VERSION = add("stun.network_version", "STUN Network Version", FieldType.UINT, 8);
    public static final Field STUN_RESPONSE_TO = add("stun.response-to", "Request In", FieldType.FRAMENUM, 32);
    public static final Field STUN_TIME = add("stun.time", "Time", FieldType.RELATIVE_TIME, 0);
    public static final Field STUN_ATTRIBUTES = add("stun.attributes", "Attributes", FieldType.NONE, 0);
    public static final Field STUN_ATTRIBUTE = hex("stun.attribute", "Attribute Type", FieldType.UINT, 16);
    public static final Field STUN_ATT_TYPE = hex("stun.att.type", "Attribute Type", FieldType.UINT, 16);
    public static final Field STUN_ATT_TYPE_COMPREHENSION = hex("stun.att.type.comprehension", "Attribute Type Comprehension", FieldType.UINT, 16);
    public static final Field STUN_ATT_TYPE_ASSIGNMENT = hex("stun.att.type.assignment", "Attribute Type Assignment", FieldType.UINT, 16);
    public static final Field STUN_ATT_LENGTH = add("stun.att.length", "Attribute Length", FieldType.UINT, 16);
    public static final Field STUN_VALUE = add("stun.value", "Value", FieldType.BYTES, 0);
    public static final Field STUN_ATT_FAMILY = hex("stun.att.family", "Protocol Family", FieldType.UINT, 8);
    public static final Field STUN_ATT_IPV4 = add("stun.att.ipv4", "IP", FieldType.IPV4, 0);
    public static final Field STUN_ATT_IPV6 = add("stun.att.ipv6", "IP", FieldType.IPV6, 0);
    public static final Field STUN_ATT_PORT = add("stun.att.port", "Port", FieldType.UINT, 16);
    public static final Field STUN_ATT_IPV4_XORD = add("stun.att.ipv4-xord", "IP (XOR-d)", FieldType.BYTES, 0);
    public static final Field STUN_ATT_IPV6_XORD = add("stun.att.ipv6-xord", "IP (XOR-d)", FieldType.BYTES, 0);
    public static final Field STUN_ATT_PORT_XORD = add("stun.att.port-xord", "Port (XOR-d)", FieldType.BYTES, 0);
    public static final Field STUN_ATT_USERNAME = add("stun.att.username", "Username", FieldType.STRING, 0);
    public static final Field STUN_ATT_REALM = add("stun.att.realm", "Realm", FieldType.STRING, 0);
    public static final Field STUN_ATT_NONCE = add("stun.att.nonce", "Nonce", FieldType.STRING, 0);
    public static final Field STUN_ATT_SOFTWARE = add("stun.att.software", "Software", FieldType.STRING, 0);
    public static final Field STUN_ATT_ERROR_CLASS = add("stun.att.error.class", "Error Class", FieldType.UINT, 8);
    public static final Field STUN_ATT_ERROR = add("stun.att.error", "Error Code", FieldType.UINT, 8);
    public static final Field STUN_ATT_ERROR_REASON = add("stun.att.error.reason", "Error Reason Phrase", FieldType.STRING, 0);
    public static final Field STUN_ATT_EVEN_PORT_RESERVE_NEXT = add("stun.att.even-port.reserve-next", "Reserve next", FieldType.UINT, 8);
    public static final Field STUN_ATT_LIFETIME = add("stun.att.lifetime", "Lifetime", FieldType.UINT, 32);
    public static final Field STUN_ATT_CHANNELNUM = hex("stun.att.channelnum", "Channel-Number", FieldType.UINT, 16);
    public static final Field STUN_ATT_TRANSP = hex("stun.att.transp", "Transport", FieldType.UINT, 8);
    public static final Field STUN_ATT_PRIORITY = add("stun.att.priority", "Priority", FieldType.UINT, 32);
    public static final Field STUN_ATT_TIE_BREAKER = add("stun.att.tie-breaker", "Tie breaker", FieldType.BYTES, 0);
    public static final Field STUN_ATT_HMAC = add("stun.att.hmac", "HMAC-SHA1", FieldType.BYTES, 0);
    public static final Field STUN_ATT_CRC32 = hex("stun.att.crc32", "CRC-32", FieldType.UINT, 32);
    public static final Field STUN_ATT_CRC32_STATUS = add("stun.att.crc32.status", "CRC-32 Status", FieldType.UINT, 8);
    public static final Field STUN_ATT_CHANGE_IP = add("stun.att.change-ip", "Change IP", FieldType.BOOLEAN, 0);
    public static final Field STUN_ATT_CHANGE_PORT = add("stun.att.change-port", "Change Port", FieldType.BOOLEAN, 0);
    public static final Field STUN_ATT_UNKNOWN = hex("stun.att.unknown", "Unknown Attribute", FieldType.UINT, 16);
    public static final Field STUN_ATT_RESERVED = add("stun.att.reserved", "Reserved", FieldType.BYTES, 0);
    public static final Field STUN_ATT_PADDING = add("stun.att.padding", "Padding", FieldType.UINT, 16);
    public static final Field CLASSICSTUN = protocol("classicstun", "Simple Traversal of UDP Through NAT", "CLASSIC-STUN");
    public static final Field CLASSICSTUN_TYPE = hex("classicstun.type", "Message Type", FieldType.UINT, 16);
    public static final Field CLASSICSTUN_LENGTH = hex("classicstun.length", "Message Length", FieldType.UINT, 16);
    public static final Field CLASSICSTUN_ID = add("classicstun.id", "Message Transaction ID", FieldType.BYTES, 0);
    public static final Field CLASSICSTUN_ATT = add("classicstun.att", "Attributes", FieldType.NONE, 0);
    public static final Field CLASSICSTUN_ATT_TYPE = hex("classicstun.att.type", "Attribute Type", FieldType.UINT, 16);
    public static final Field CLASSICSTUN_ATT_LENGTH = add("classicstun.att.length", "Attribute Length", FieldType.UINT, 16);
    public static final Field CLASSICSTUN_ATT_VALUE = add("classicstun.att.value", "Value", FieldType.BYTES, 0);
    public static final Field CLASSICSTUN_ATT_FAMILY = hex("classicstun.att.family", "Protocol Family", FieldType.UINT, 16);
    public static final Field CLASSICSTUN_ATT_IPV4 = add("classicstun.att.ipv4", "IP", FieldType.IPV4, 0);
    public static final Field CLASSICSTUN_ATT_IPV6 = add("classicstun.att.ipv6", "IP", FieldType.IPV6, 0);
    public static final Field CLASSICSTUN_ATT_PORT = add("classicstun.att.port", "Port", FieldType.UINT, 16);
    public static final Field CLASSICSTUN_ATT_CHANGE_IP = add("classicstun.att.change.ip", "Change IP", FieldType.BOOLEAN, 0);
    public static final Field CLASSICSTUN_ATT_CHANGE_PORT = add("classicstun.att.change.port", "Change Port", FieldType.BOOLEAN, 0);
    public static final Field CLASSICSTUN_ATT_UNKNOWN = hex("classicstun.att.unknown", "Unknown Attribute", FieldType.UINT, 16);
    public static final Field CLASSICSTUN_ATT_ERROR_CLASS = add("classicstun.att.error.class", "Error Class", FieldType.UINT, 8);
    public static final Field CLASSICSTUN_ATT_ERROR = add("classicstun.att.error", "Error Code", FieldType.UINT, 8);
    public static final Field CLASSICSTUN_ATT_ERROR_REASON = add("classicstun.att.error.reason", "Error Reason Phase", FieldType.STRING, 0);
    public static final Field CLASSICSTUN_ATT_IPV4_XORD = add("classicstun.att.ipv4-xord", "IP (XOR-d)", FieldType.IPV4, 0);
    public static final Field CLASSICSTUN_ATT_PORT_XORD = add("classicstun.att.port-xord", "Port (XOR-d)", FieldType.UINT, 16);
    public static final Field CLASSICSTUN_ATT_SERVER = add("classicstun.att.server", "Server version", FieldType.STRING, 0);
    public static final Field CLASSICSTUN_ATT_LIFETIME = add("classicstun.att.lifetime", "Lifetime", FieldType.UINT, 32);
    public static final Field CLASSICSTUN_ATT_DATA = add("classicstun.att.data", "Data", FieldType.BYTES, 0);
    public static final Field CLASSICSTUN_RESPONSE_TO = add("classicstun.response_to", "Request In", FieldType.FRAMENUM, 32);
    public static final Field CLASSICSTUN_TIME = add("classicstun.time", "Time", FieldType.RELATIVE_TIME, 0);
    public static final Field TURNCHANNEL = protocol("turnchannel", "TURN Channel", "TURN CHANNEL");
    public static final Field TURNCHANNEL_ID = hex("turnchannel.id", "TURN Channel ID", FieldType.UINT, 16);
    public static final Field TURNCHANNEL_LENGTH = add("turnchannel.length", "Data Length", FieldType.UINT, 16);
    public static final Field TLS = protocol("tls", "Transport Layer Security");
    public static final Field TLS_RECORD_CONTENT_TYPE = add("tls.record.content_type", "Content Type", FieldType.UINT, 8);
    public static final Field TLS_RECORD_OPAQUE_TYPE = add("tls.record.opaque_type", "Opaque Type", FieldType.UINT, 8);
    public static final Field TLS_RECORD_VERSION = hex("tls.record.version", "Version", FieldType.UINT, 16);
    public static final Field TLS_RECORD_LENGTH = add("tls.record.length", "Length", FieldType.UINT, 16);
    public static final Field TLS_HANDSHAKE_TYPE = add("tls.handshake.type", "Handshake Message Type", FieldType.UINT, 8);
    public static final Field TLS_HANDSHAKE_LENGTH = add("tls.handshake.length", "Length", FieldType.UINT, 24);
    public static final Field TLS_HANDSHAKE_VERSION = hex("tls.handshake.version", "Version", FieldType.UINT, 16);
    public static final Field TLS_HANDSHAKE_SESSION_ID_LENGTH = add("tls.handshake.session_id_length", "Session ID Length", FieldType.UINT, 16);
    public static final Field TLS_HANDSHAKE_CIPHER_SUITES_LENGTH = add("tls.handshake.cipher_suites_length", "Cipher Suites Length", FieldType.UINT, 16);
    public static final Field TLS_HANDSHAKE_CIPHERSUITE = hex("tls.handshake.ciphersuite", "Cipher Suite", FieldType.UINT, 16);
    public static final Field TLS_HANDSHAKE_EXTENSIONS_LENGTH = add("tls.handshake.extensions_length", "Extensions Length", FieldType.UINT, 16);
    public static final Field TLS_HANDSHAKE_EXTENSION_TYPE = add("tls.handshake.extension.type", "Type", FieldType.UINT, 16);
    public static final Field TLS_HANDSHAKE_EXTENSION_LEN = add("tls.handshake.extension.len", "Length", FieldType.UINT, 16);
    public static final Field TLS_HANDSHAKE_EXTENSIONS_SERVER_NAME = add("tls.handshake.extensions_server_name", "Server Name", FieldType.STRING, 0);
    public static final Field TLS_HANDSHAKE_EXTENSIONS_SUPPORTED_VERSION = hex("tls.handshake.extensions.supported_version", "Supported Version", FieldType.UINT, 16);
    public static final Field TLS_ALERT_MESSAGE_LEVEL = add("tls.alert_message.level", "Level", FieldType.UINT, 8);
    public static final Field TLS_ALERT_MESSAGE_DESC = add("tls.alert_message.desc", "Description", FieldType.UINT, 8);
    public static final Field TLS_APP_DATA = add("tls.app_data", "Encrypted Application Data", FieldType.BYTES, 0);
    public static final Field DTLS = protocol("dtls", "Datagram Transport Layer Security");
    public static final Field DTLS_RECORD_CONTENT_TYPE = add("dtls.record.content_type", "Content Type", FieldType.UINT, 8);
    public static final Field DTLS_RECORD_VERSION = hex("dtls.record.version", "Version", FieldType.UINT, 16);
    public static final Field DTLS_RECORD_EPOCH = add("dtls.record.epoch", "Epoch", FieldType.UINT, 16);
    public static final Field DTLS_RECORD_SEQUENCE_NUMBER = add("dtls.record.sequence_number", "Sequence Number", FieldType.UINT, 64);
    public static final Field DTLS_RECORD_LENGTH = add("dtls.record.length", "Length", FieldType.UINT, 16);
    public static final Field DTLS_HANDSHAKE_TYPE = add("dtls.handshake.type", "Handshake Type", FieldType.UINT, 8);
    public static final Field DTLS_HANDSHAKE_LENGTH = add("dtls.handshake.length", "Length", FieldType.UINT, 24);
    public static final Field DTLS_HANDSHAKE_MESSAGE_SEQ = add("dtls.handshake.message_seq", "Message Sequence", FieldType.UINT, 16);
    public static final Field DTLS_HANDSHAKE_FRAGMENT_OFFSET = add("dtls.handshake.fragment_offset", "Fragment Offset", FieldType.UINT, 24);
    public static final Field DTLS_HANDSHAKE_FRAGMENT_LENGTH = add("dtls.handshake.fragment_length", "Fragment Length", FieldType.UINT, 24);
    public static final Field DTLS_HANDSHAKE_VERSION = hex("dtls.handshake.version", "Version", FieldType.UINT, 16);
    public static final Field DTLS_HANDSHAKE_SESSION_ID_LENGTH = add("dtls.handshake.session_id_length", "Session ID Length", FieldType.UINT, 8);
    public static final Field DTLS_HANDSHAKE_COOKIE_LENGTH = add("dtls.handshake.cookie_length", "Cookie Length", FieldType.UINT, 8);
    public static final Field DTLS_HANDSHAKE_CIPHER_SUITES_LENGTH = add("dtls.handshake.cipher_suites_length", "Cipher Suites Length", FieldType.UINT, 16);
    public static final Field DTLS_HANDSHAKE_CIPHERSUITE = hex("dtls.handshake.ciphersuite", "Cipher Suite", FieldType.UINT, 16);
    public static final Field DTLS_HANDSHAKE_EXTENSIONS_LENGTH = add("dtls.handshake.extensions_length", "Extensions Length", FieldType.UINT, 16);
    public static final Field DTLS_HANDSHAKE_EXTENSION_TYPE = add("dtls.handshake.extension.type", "Type", FieldType.UINT, 16);
    public static final Field DTLS_HANDSHAKE_EXTENSION_LEN = add("dtls.handshake.extension.len", "Length", FieldType.UINT, 16);
    public static final Field DTLS_HANDSHAKE_EXTENSIONS_SERVER_NAME = add("dtls.handshake.extensions_server_name", "Server Name", FieldType.STRING, 0);
    public static final Field DTLS_HANDSHAKE_EXTENSIONS_SUPPORTED_VERSION = hex("dtls.handshake.extensions.supported_version", "Supported Version", FieldType.UINT, 16);
    public static final Field DTLS_USE_SRTP_PROTECTION_PROFILES_LENGTH = add("dtls.use_srtp.protection_profiles_length", "SRTP Protection Profiles Length", FieldType.UINT, 16);
    public static final Field DTLS_USE_SRTP_PROTECTION_PROFILE = hex("dtls.use_srtp.protection_profile", "SRTP Protection Profile", FieldType.UINT, 16);
    public static final Field DTLS_USE_SRTP_MKI_LENGTH = add("dtls.use_srtp.mki_length", "MKI Length", FieldType.UINT, 8);
    public static final Field DTLS_USE_SRTP_MKI = add("dtls.use_srtp.mki", "MKI", FieldType.BYTES, 0);
    public static final Field DTLS_ALERT_MESSAGE_LEVEL = add("dtls.alert_message.level", "Level", FieldType.UINT, 8);
    public static final Field DTLS_ALERT_MESSAGE_DESC = add("dtls.alert_message.desc", "Description", FieldType.UINT, 8);
    public static final Field DTLS_APP_DATA = add("dtls.app_data", "Encrypted Application Data", FieldType.BYTES, 0);
    public static final Field DTLS_ENC_CONTENT = add("dtls.enc_content", "Encrypted Record Content", FieldType.BYTES, 0);
    public static final Field DNS = protocol("dns", "Domain Name System");
    public static final Field WG = protocol("wg", "WireGuard Protocol", "WireGuard");
    public static final Field WG_TYPE = add("wg.type", "Type", FieldType.UINT, 8);
    public static final Field RTP = protocol("rtp", "Real-Time Transport Protocol");
    public static final Field RTP_VERSION = add("rtp.version", "Version", FieldType.UINT, 8);
    public static final Field RTP_PADDING = add("rtp.padding", "Padding", FieldType.BOOLEAN, 0);
    public static final Field RTP_EXT = add("rtp.ext", "Extension", FieldType.BOOLEAN, 0);
    public static final Field RTP_CC = add("rtp.cc", "Contributing source identifiers count", FieldType.UINT, 8);
    public static final Field RTP_MARKER = add("rtp.marker", "Marker", FieldType.BOOLEAN, 0);
    public static final Field RTP_P_TYPE = add("rtp.p_type", "Payload type", FieldType.UINT, 8);
    public static final Field RTP_SEQ = add("rtp.seq", "Sequence number", FieldType.UINT, 16);
    public static final Field RTP_EXTSEQ = add("rtp.extseq", "Extended sequence number", FieldType.UINT, 32);
    public static final Field RTP_TIMESTAMP = add("rtp.timestamp", "Timestamp", FieldType.UINT, 32);
    public static final Field RTP_SSRC = hex("rtp.ssrc", "Synchronization Source identifier", FieldType.UINT, 32);
    public static final Field RTP_CSRC_ITEMS = add("rtp.csrc.items", "Contributing Source identifiers", FieldType.NONE, 0);
    public static final Field RTP_CSRC_ITEM = hex("rtp.csrc.item", "CSRC item", FieldType.UINT, 32);
    public static final Field RTP_EXT_PROFILE = hex("rtp.ext.profile", "Defined by profile", FieldType.UINT, 16);
    public static final Field RTP_EXT_LEN = add("rtp.ext.len", "Extension length", FieldType.UINT, 16);
    public static final Field RTP_HDR_EXTS = add("rtp.hdr_exts", "Header extensions", FieldType.NONE, 0);
    public static final Field RTP_HDR_EXT = hex("rtp.hdr_ext", "Header extension", FieldType.UINT, 32);
    public static final Field RTP_EXT_RFC5285_APPBITS = add("rtp.ext.rfc5285.appbits", "Application Bits", FieldType.UINT, 8);
    public static final Field RTP_EXT_RFC5285_ID = add("rtp.ext.rfc5285.id", "Identifier", FieldType.UINT, 8);
    public static final Field RTP_EXT_RFC5285_LEN = add("rtp.ext.rfc5285.len", "Length", FieldType.UINT, 8);
    public static final Field RTP_EXT_RFC5285_DATA = add("rtp.ext.rfc5285.data", "Extension Data", FieldType.BYTES, 0);
    public static final Field RTP_PAYLOAD = add("rtp.payload", "Payload", FieldType.BYTES, 0);
    public static final Field RTP_PADDING_DATA = add("rtp.padding.data", "Padding data", FieldType.BYTES, 0);
    public static final Field RTP_PADDING_COUNT = add("rtp.padding.count", "Padding count", FieldType.UINT, 8);
    /** An SRTP packet's encrypted payload: what follows the RTP header, up to the MKI and the authentication tag. */
    public static final Field SRTP_ENC_PAYLOAD = add("srtp.enc_payload", "SRTP Encrypted Payload", FieldType.BYTES, 0);
    public static final Field SRTP_MKI = add("srtp.mki", "SRTP MKI", FieldType.BYTES, 0);
    public static final Field SRTP_AUTH_TAG = add("srtp.auth_tag", "SRTP Auth Tag", FieldType.BYTES, 0);
    public static final Field RTCP = protocol("rtcp", "Real-time Transport Control Protocol");
    public static final Field RTCP_VERSION = add("rtcp.version", "Version", FieldType.UINT, 8);
    public static final Field RTCP_PADDING = add("rtcp.padding", "Padding", FieldType.BOOLEAN, 0);
    public static final Field RTCP_RC = add("rtcp.rc", "Reception report count", FieldType.UINT, 8);
    public static final Field RTCP_SC = add("rtcp.sc", "Source count", FieldType.UINT, 8);
    public static final Field RTCP_RTPFB_FMT = add("rtcp.rtpfb.fmt", "RTCP Feedback message type (FMT)", FieldType.UINT, 8);
    public static final Field RTCP_PSFB_FMT = add("rtcp.psfb.fmt", "RTCP Feedback message type (FMT)", FieldType.UINT, 8);
    public static final Field RTCP_APP_SUBTYPE = add("rtcp.app.subtype", "Subtype", FieldType.UINT, 8);
    public static final Field RTCP_PT = add("rtcp.pt", "Packet type", FieldType.UINT, 8);
    public static final Field RTCP_LENGTH = add("rtcp.length", "Length", FieldType.UINT, 16);
    public static final Field RTCP_SENDERSSRC = hex("rtcp.senderssrc", "Sender SSRC", FieldType.UINT, 32);
    public static final Field RTCP_MEDIASSRC = hex("rtcp.mediassrc", "Media source SSRC", FieldType.UINT, 32);
    public static final Field RTCP_TIMESTAMP_NTP_MSW = add("rtcp.timestamp.ntp.msw", "Timestamp, MSW", FieldType.UINT, 32);
    public static final Field RTCP_TIMESTAMP_NTP_LSW = add("rtcp.timestamp.ntp.lsw", "Timestamp, LSW", FieldType.UINT, 32);
    public static final Field RTCP_TIMESTAMP_NTP = add("rtcp.timestamp.ntp", "MSW and LSW as NTP timestamp", FieldType.ABSOLUTE_TIME, 0);
    public static final Field RTCP_TIMESTAMP_RTP = add("rtcp.timestamp.rtp", "RTP timestamp", FieldType.UINT, 32);
    public static final Field RTCP_SENDER_PACKETCOUNT = add("rtcp.sender.packetcount", "Sender's packet count", FieldType.UINT, 32);
    public static final Field RTCP_SENDER_OCTETCOUNT = add("rtcp.sender.octetcount", "Sender's octet count", FieldType.UINT, 32);
    public static final Field RTCP_SSRC_IDENTIFIER = hex("rtcp.ssrc.identifier", "Identifier", FieldType.UINT, 32);
    public static final Field RTCP_SSRC_FRACTION = add("rtcp.ssrc.fraction", "Fraction lost", FieldType.UINT, 8);
    public static final Field RTCP_SSRC_CUM_NR = add("rtcp.ssrc.cum_nr", "Cumulative number of packets lost", FieldType.INT, 24);
    public static final Field RTCP_SSRC_EXT_HIGH = add("rtcp.ssrc.ext_high", "Extended highest sequence number received", FieldType.UINT, 32);
    public static final Field RTCP_SSRC_HIGH_CYCLES = add("rtcp.ssrc.high_cycles", "Sequence number cycles count", FieldType.UINT, 16);
    public static final Field RTCP_SSRC_HIGH_SEQ = add("rtcp.ssrc.high_seq", "Highest sequence number received", FieldType.UINT, 16);
    public static final Field RTCP_SSRC_JITTER = add("rtcp.ssrc.jitter", "Interarrival jitter", FieldType.UINT, 32);
    public static final Field RTCP_SSRC_LSR = add("rtcp.ssrc.lsr", "Last SR timestamp", FieldType.UINT, 32);
    public static final Field RTCP_SSRC_DLSR = add("rtcp.ssrc.dlsr", "Delay since last SR timestamp", FieldType.UINT, 32);
    public static final Field RTCP_PSE_TYPE = add("rtcp.profile-specific-extension.type", "Extension Type", FieldType.UINT, 16);
    public static final Field RTCP_PSE_LENGTH = add("rtcp.profile-specific-extension.length", "Extension Length", FieldType.UINT, 16);
    public static final Field RTCP_PSE = add("rtcp.profile-specific-extension", "Profile-specific extension", FieldType.BYTES, 0);
    public static final Field RTCP_SDES_TYPE = add("rtcp.sdes.type", "Type", FieldType.UINT, 8);
    public static final Field RTCP_SDES_LENGTH = add("rtcp.sdes.length", "Length", FieldType.UINT, 32);
    public static final Field RTCP_SDES_PREFIX_LENGTH = add("rtcp.sdes.prefix.length", "Prefix length", FieldType.UINT, 8);
    public static final Field RTCP_SDES_PREFIX_STRING = add("rtcp.sdes.prefix.string", "Prefix string", FieldType.STRING, 0);
    public static final Field RTCP_SDES_TEXT = add("rtcp.sdes.text", "Text", FieldType.STRING, 0);
    public static final Field RTCP_APP_NAME = add("rtcp.app.name", "Name (ASCII)", FieldType.STRING, 0);
    public static final Field RTCP_APP_DATA = add("rtcp.app.data", "Application specific data", FieldType.BYTES, 0);
    public static final Field RTCP_RTPFB_NACK_PID = add("rtcp.rtpfb.nack_pid", "RTCP Transport Feedback NACK PID", FieldType.UINT, 16);
    public static final Field RTCP_RTPFB_NACK_BLP = hex("rtcp.rtpfb.nack_blp", "RTCP Transport Feedback NACK BLP", FieldType.UINT, 16);
    public static final Field RTCP_PSFB_FIR_FCI_SSRC = hex("rtcp.psfb.fir.fci.ssrc", "SSRC", FieldType.UINT, 32);
    public static final Field RTCP_PSFB_FIR_FCI_CSN = add("rtcp.psfb.fir.fci.csn", "Command Sequence Number", FieldType.UINT, 8);
    public static final Field RTCP_PSFB_FIR_FCI_RESERVED = add("rtcp.psfb.fir.fci.reserved", "Reserved", FieldType.UINT, 24);
    public static final Field RTCP_PSFB_REMB_IDENTIFIER = add("rtcp.psfb.remb.identifier", "Unique Identifier", FieldType.STRING, 0);
    public static final Field RTCP_PSFB_REMB_NUMBER_SSRCS = add("rtcp.psfb.remb.fci.number_ssrcs", "Number of Ssrcs", FieldType.UINT, 8);
    public static final Field RTCP_PSFB_REMB_BR_EXP = add("rtcp.psfb.remb.fci.br_exp", "BR Exp", FieldType.UINT, 8);
    public static final Field RTCP_PSFB_REMB_BR_MANTISSA = add("rtcp.psfb.remb.fci.br_mantissa", "Br Mantissa", FieldType.UINT, 32);
    public static final Field RTCP_PSFB_REMB_BITRATE = add("rtcp.psfb.remb.fci.bitrate", "Maximum bit rate", FieldType.STRING, 0);
    public static final Field RTCP_PSFB_REMB_SSRC = hex("rtcp.psfb.remb.fci.ssrc", "SSRC", FieldType.UINT, 32);
    public static final Field RTCP_FCI = add("rtcp.fci", "Feedback Control Information (FCI)", FieldType.BYTES, 0);
    public static final Field RTCP_LENGTH_CHECK = add("rtcp.length_check", "RTCP frame length check", FieldType.BOOLEAN, 0);
    // SRTCP (RFC 3711 section 3.4) on a conversation whose DTLS handshake chose an SRTP profile. tshark 4.0 has these
    // fields but never fills them on a WebRTC capture (its RTCP heuristic refuses SRTCP, whose length is not a
    // multiple of 4), so rtc's values are checked against the packets' bytes instead of tshark.
    public static final Field SRTCP_ENCRYPTED_PAYLOAD = add("srtcp.encrypted_payload", "Encrypted RTCP Payload - not dissected", FieldType.NONE, 0);
    public static final Field SRTCP_E = add("srtcp.e", "SRTCP E flag", FieldType.BOOLEAN, 0);
    public static final Field SRTCP_INDEX = add("srtcp.index", "SRTCP Index", FieldType.UINT, 32);
    public static final Field SRTCP_MKI = add("srtcp.mki", "SRTCP MKI", FieldType.BYTES, 0);
    public static final Field SRTCP_AUTH_TAG = add("srtcp.auth_tag", "SRTCP Auth Tag", FieldType.BYTES, 0);
    public static final Field DATA = protocol("data", "Data");
    public static final Field DATA_DATA = add("data.data", "Data", FieldType.BYTES, 0);
    public static final Field DATA_LEN = add("data.len", "Length", FieldType.INT, 32);


    private static final FieldRegistry REGISTRY = BUILDER.build();

    private Fields() {
    }

    /** The registry of every field above, ids dense from 0. */
    public static FieldRegistry registry() {
        return REGISTRY;
    }

    private static Field protocol(String name, String description) {
        return protocol(name, description, null);
    }

    /** A protocol with its own name in the summary's protocol column. */
    private static Field protocol(String name, String description, String column) {
        return BUILDER.add(name, description, FieldType.PROTOCOL, 0, Map::of, false, column);
    }

    private static Field add(String name, String description, FieldType type, int bits) {
        return BUILDER.add(name, description, type, bits, () -> ValueNames.ALL.getOrDefault(name, Map.of()), false,
                null);
    }

    /** A number Wireshark shows in hexadecimal. */
    private static Field hex(String name, String description, FieldType type, int bits) {
        return BUILDER.add(name, description, type, bits, () -> ValueNames.ALL.getOrDefault(name, Map.of()), true,
                null);
    }

    /** Wireshark's value names, read from the resource when a field's are first asked for (not at start-up). */
    private static final class ValueNames {
        static final Map<String, Map<Long, String>> ALL = load();

        private ValueNames() {
        }
    }

    private static Map<String, Map<Long, String>> load() {
        Map<String, Map<Long, String>> names = new HashMap<>();
        try (InputStream in = Fields.class.getResourceAsStream("value-names.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] p = line.split("\t", 3);
                if (p.length == 3) {
                    names.computeIfAbsent(p[0], k -> new TreeMap<>()).putIfAbsent(Long.parseLong(p[1]), p[2]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.replaceAll((k, v) -> java.util.Collections.unmodifiableMap(v));
        return names;
    }
}
