package dev.rtc.server;

import dev.rtc.stun.AddressAttribute;
import dev.rtc.stun.Attribute;
import dev.rtc.stun.AttributeType;
import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.StringAttribute;
import dev.rtc.stun.StunMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The server's hot path: checks a received datagram in place and, when it is a plain Binding request (no
 * attributes but SOFTWARE and a last FINGERPRINT), writes the answer by hand into a reused buffer, with the same
 * bytes {@link BindingResponder} would produce. Junk is classified without allocating; Binding requests with other
 * attributes (CHANGE-REQUEST, RESPONSE-PORT, PADDING, unknown ones) are left to {@link BindingResponder}. One
 * instance per receiving thread: it keeps scratch state.
 */
final class FastBinding {
    /** {@link #answer} result: a Binding request this class leaves to {@link BindingResponder}. */
    static final int SLOW = -1;

    private static final int HEADER = StunMessage.HEADER_LENGTH;
    private static final int COOKIE = StunMessage.MAGIC_COOKIE;
    private static final int SOFTWARE = 0x8022;
    private static final int FINGERPRINT = 0x8028;
    private static final int FINGERPRINT_XOR = 0x5354554E;

    /** Per receiving socket: RESPONSE-ORIGIN + OTHER-ADDRESS, and SOURCE-ADDRESS + CHANGED-ADDRESS (RFC 3489). */
    private final byte[][] origin = new byte[4][];
    private final byte[][] classicOrigin = new byte[4][];
    private final byte[] software;
    private final CRC32 crc = new CRC32();
    private InetAddress lastIp;
    private byte[] lastIpBytes;

    FastBinding(ServerAddressSet addresses, String software) {
        for (int i = 0; i < 4; i++) {
            InetSocketAddress self = addresses.advertised(i);
            InetSocketAddress other = addresses.advertised(ServerAddressSet.otherSocket(i));
            origin[i] = attributes(new AddressAttribute(AttributeType.RESPONSE_ORIGIN, self),
                    new AddressAttribute(AttributeType.OTHER_ADDRESS, other));
            classicOrigin[i] = attributes(new AddressAttribute(AttributeType.SOURCE_ADDRESS, self),
                    new AddressAttribute(AttributeType.CHANGED_ADDRESS, other));
        }
        this.software = attributes(new StringAttribute(AttributeType.SOFTWARE, software));
    }

    private static byte[] attributes(Attribute... list) {
        StunMessage.Builder b = StunMessage.builder(Method.BINDING, MessageClass.SUCCESS_RESPONSE);
        for (Attribute a : list) {
            b.add(a);
        }
        byte[] m = b.build().encode();
        return Arrays.copyOfRange(m, HEADER, m.length);
    }

    /** The reason {@link #answer} reported through a result below {@link #SLOW}. */
    static DropReason dropReason(int result) {
        return DropReason.values()[-result - 2];
    }

    private static int drop(DropReason r) {
        return -2 - r.ordinal();
    }

    /**
     * Decides the datagram {@code in[0, limit)} from {@code source}, received on socket {@code receivedOn}:
     * returns the length of the answer written into {@code out} from index 0 (sent from the socket it came in on,
     * to the source), {@link #SLOW}, or a drop (below {@link #SLOW}, see {@link #dropReason}). Neither buffer's
     * position or limit is moved.
     */
    int answer(ByteBuffer in, int receivedOn, InetSocketAddress source, ByteBuffer out) {
        int len = in.limit();
        if (len < HEADER) {
            return drop(DropReason.MALFORMED);
        }
        int type = in.getShort(0) & 0xFFFF;
        int length = in.getShort(2) & 0xFFFF;
        if ((type & 0xC000) != 0 || (length & 3) != 0 || length + HEADER != len) {
            return drop(DropReason.MALFORMED);
        }
        boolean plain = true;
        int fingerprintAt = -1;
        for (int pos = HEADER; pos < len; ) {
            if (len - pos < 4) {
                return drop(DropReason.MALFORMED);
            }
            int code = in.getShort(pos) & 0xFFFF;
            int alen = in.getShort(pos + 2) & 0xFFFF;
            if (((alen + 3) & ~3) > len - pos - 4) {
                return drop(DropReason.MALFORMED);
            }
            if (fingerprintAt >= 0 || (code == FINGERPRINT ? alen != 4 : code != SOFTWARE)) {
                plain = false;
            }
            if (code == FINGERPRINT) {
                fingerprintAt = pos;
            }
            pos += 4 + ((alen + 3) & ~3);
        }
        if ((type & 0x0110) != 0) {
            return drop(DropReason.NOT_REQUEST);
        }
        if (type != 0x0001) {
            return drop(DropReason.NOT_BINDING);
        }
        boolean classic = in.getInt(4) != COOKIE;
        if (!plain || (classic && fingerprintAt >= 0)) {
            return SLOW;
        }
        if (fingerprintAt >= 0 && fingerprint(in, fingerprintAt) != in.getInt(fingerprintAt + 4)) {
            return drop(DropReason.BAD_FINGERPRINT);
        }
        InetAddress ip = source.getAddress();
        if (ip != lastIp) {
            lastIpBytes = ip.getAddress();
            lastIp = ip;
        }
        byte[] addr = lastIpBytes;
        int addressSize = 4 + 4 + addr.length;
        out.putShort(0, (short) 0x0101);
        for (int i = 4; i < HEADER; i++) {
            out.put(i, in.get(i));
        }
        int pos = HEADER;
        if (classic) {
            pos = address(out, pos, AttributeType.MAPPED_ADDRESS.code(), source.getPort(), addr, null);
            pos = copy(out, pos, classicOrigin[receivedOn]);
        } else {
            boolean withFingerprint = fingerprintAt >= 0;
            int size = HEADER + addressSize + origin[receivedOn].length + (withFingerprint ? 8 : 0);
            boolean mapped = size + addressSize <= len;
            size += mapped ? addressSize : 0;
            boolean withSoftware = size + software.length <= len;
            pos = address(out, pos, AttributeType.XOR_MAPPED_ADDRESS.code(), source.getPort(), addr, in);
            if (mapped) {
                pos = address(out, pos, AttributeType.MAPPED_ADDRESS.code(), source.getPort(), addr, null);
            }
            pos = copy(out, pos, origin[receivedOn]);
            if (withSoftware) {
                pos = copy(out, pos, software);
            }
            if (withFingerprint) {
                out.putShort(2, (short) (pos + 8 - HEADER));
                int value = fingerprint(out, pos);
                out.putShort(pos, (short) FINGERPRINT);
                out.putShort(pos + 2, (short) 4);
                out.putInt(pos + 4, value);
                pos += 8;
            }
        }
        out.putShort(2, (short) (pos - HEADER));
        return pos;
    }

    /** An address attribute at {@code pos}; XORed with the cookie and transaction id of {@code xorWith} if given. */
    private static int address(ByteBuffer out, int pos, int code, int port, byte[] addr, ByteBuffer xorWith) {
        out.putShort(pos, (short) code);
        out.putShort(pos + 2, (short) (4 + addr.length));
        out.put(pos + 4, (byte) 0);
        out.put(pos + 5, (byte) (addr.length == 4 ? 1 : 2));
        out.putShort(pos + 6, (short) (xorWith == null ? port : port ^ (COOKIE >>> 16)));
        for (int i = 0; i < addr.length; i++) {
            out.put(pos + 8 + i, xorWith == null ? addr[i] : (byte) (addr[i] ^ xorWith.get(4 + i)));
        }
        return pos + 8 + addr.length;
    }

    private static int copy(ByteBuffer out, int pos, byte[] bytes) {
        out.put(pos, bytes);
        return pos + bytes.length;
    }

    /** The FINGERPRINT value of a message whose (last) FINGERPRINT attribute starts at {@code at}. */
    private int fingerprint(ByteBuffer message, int at) {
        int position = message.position();
        int limit = message.limit();
        crc.reset();
        message.limit(at).position(0);
        crc.update(message);
        message.limit(limit).position(position);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }
}
