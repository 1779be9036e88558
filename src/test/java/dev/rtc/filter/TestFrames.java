package dev.rtc.filter;

import dev.rtc.dissect.Field;
import dev.rtc.dissect.FieldRegistry;
import dev.rtc.dissect.FieldType;
import dev.rtc.dissect.FieldValues;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A registry with the shapes of real dissector fields and frames built by hand, for filter tests that do not
 * need the dissector.
 */
final class TestFrames {
    static final FieldRegistry REGISTRY;

    static {
        FieldRegistry.Builder b = new FieldRegistry.Builder();
        b.add("frame", "Frame", FieldType.PROTOCOL, 0);
        b.add("frame.number", "Frame Number", FieldType.FRAMENUM, 0);
        b.add("frame.len", "Frame length on the wire", FieldType.UINT, 32);
        b.add("frame.time_relative", "Time since reference or first frame", FieldType.RELATIVE_TIME, 0);
        b.add("ip", "Internet Protocol Version 4", FieldType.PROTOCOL, 0);
        b.add("ip.src", "Source Address", FieldType.IPV4, 0);
        b.add("ip.dst", "Destination Address", FieldType.IPV4, 0);
        b.add("ip.addr", "Source or Destination Address", FieldType.IPV4, 0);
        b.add("ip.ttl", "Time to Live", FieldType.UINT, 8);
        b.add("ip.flags.df", "Don't fragment", FieldType.BOOLEAN, 8, Map.of(1L, "Set", 0L, "Not set"));
        b.add("ipv6", "Internet Protocol Version 6", FieldType.PROTOCOL, 0);
        b.add("ipv6.addr", "Source or Destination Address", FieldType.IPV6, 0);
        b.add("udp", "User Datagram Protocol", FieldType.PROTOCOL, 0);
        b.add("udp.srcport", "Source Port", FieldType.UINT, 16);
        b.add("udp.dstport", "Destination Port", FieldType.UINT, 16);
        b.add("udp.port", "Source or Destination Port", FieldType.UINT, 16);
        b.add("udp.length", "Length", FieldType.UINT, 16);
        b.add("udp.payload", "Payload", FieldType.BYTES, 0);
        b.add("tcp", "Transmission Control Protocol", FieldType.PROTOCOL, 0);
        b.add("tcp.port", "Source or Destination Port", FieldType.UINT, 16);
        b.add("tcp.flags.syn", "Syn", FieldType.BOOLEAN, 16);
        b.add("stun", "Session Traversal Utilities for NAT", FieldType.PROTOCOL, 0);
        b.add("stun.type", "Message Type", FieldType.UINT, 16);
        b.add("stun.att.type", "Attribute Type", FieldType.UINT, 16);
        b.add("stun.att.username", "Username", FieldType.STRING, 0);
        b.add("stun.att.port-xord", "Port (XOR-d)", FieldType.UINT, 16);
        b.add("stun.att.crc32.status", "CRC-32 Status", FieldType.UINT, 8,
                Map.of(0L, "Bad", 1L, "Good", 2L, "Unverified"));
        b.add("stun.att.error", "Error Code", FieldType.UINT, 8);
        b.add("eth.addr", "Address", FieldType.ETHER, 0);
        REGISTRY = b.build();
    }

    private TestFrames() {
    }

    static Frame frame() {
        return new Frame();
    }

    /** A frame holding values by field name. */
    static final class Frame implements FieldValues {
        private final Map<Integer, List<Object>> values = new HashMap<>();

        Frame add(String name, Object... vs) {
            Field f = REGISTRY.lookup(name);
            if (f == null) {
                throw new IllegalArgumentException(name);
            }
            List<Object> list = values.computeIfAbsent(f.id(), k -> new ArrayList<>());
            for (Object v : vs) {
                list.add(v);
            }
            return this;
        }

        /** An IPv4 packet carrying UDP from src:sport to dst:dport with the payload. */
        Frame udp(String src, int sport, String dst, int dport, byte[] payload) {
            add("ip", new byte[20]);
            add("ip.src", ip(src));
            add("ip.dst", ip(dst));
            add("ip.addr", ip(src), ip(dst));
            add("udp", ByteBuffer.allocate(8 + payload.length).putShort((short) sport).putShort((short) dport)
                    .putShort((short) (8 + payload.length)).putShort((short) 0).put(payload).array());
            add("udp.srcport", (long) sport);
            add("udp.dstport", (long) dport);
            add("udp.port", (long) sport, (long) dport);
            add("udp.length", (long) (8 + payload.length));
            add("udp.payload", payload);
            return this;
        }

        static long ip(String dotted) {
            return Literals.parseIpv4(dotted);
        }

        @Override
        public int count(int fieldId) {
            List<Object> l = values.get(fieldId);
            return l == null ? 0 : l.size();
        }

        @Override
        public long getLong(int fieldId, int index) {
            Object o = values.get(fieldId).get(index);
            return o instanceof Boolean b ? (b ? 1 : 0) : ((Number) o).longValue();
        }

        @Override
        public byte[] getBytes(int fieldId, int index) {
            Object o = values.get(fieldId).get(index);
            if (o instanceof byte[] b) {
                return b;
            }
            if (o instanceof String s) {
                return s.getBytes(StandardCharsets.UTF_8);
            }
            Field f = REGISTRY.get(fieldId);
            return Ops.bytes(o, f.type(), f.bits());
        }

        @Override
        public String getString(int fieldId, int index) {
            Object o = values.get(fieldId).get(index);
            Field f = REGISTRY.get(fieldId);
            if (f.type() == FieldType.IPV4) {
                long v = ((Number) o).longValue();
                return (v >>> 24) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
            }
            return String.valueOf(o);
        }

        @Override
        public double getDouble(int fieldId, int index) {
            return ((Number) values.get(fieldId).get(index)).doubleValue();
        }
    }
}
