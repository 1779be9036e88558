package dev.rtc.stun;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Attribute values to and from bytes. Decoding checks every length before reading and names the attribute, its
 * offset in the message and the sizes when a value does not fit its RFC layout.
 */
final class AttributeCodec {
    private AttributeCodec() {
    }

    /**
     * Decodes one attribute value.
     *
     * @param code the attribute type
     * @param b the buffer holding the value
     * @param off where the value starts in {@code b}
     * @param len the value length (without padding)
     * @param at the attribute's offset in its message, for error messages
     * @param xorKey the 16 header bytes after the length (cookie and transaction id) that XOR addresses use
     */
    static Attribute decode(int code, byte[] b, int off, int len, int at, byte[] xorKey) {
        AttributeType t = AttributeType.valueOf(code);
        if (!t.isKnown()) {
            return new BytesAttribute(t, Arrays.copyOfRange(b, off, off + len));
        }
        if (AddressAttribute.isAddressType(t)) {
            return new AddressAttribute(t, address(t, b, off, len, at, xorKey));
        }
        if (StringAttribute.isStringType(t)) {
            String s = utf8(b, off, len);
            return s != null ? new StringAttribute(t, s) : new BytesAttribute(t, Arrays.copyOfRange(b, off, off + len));
        }
        if (UIntAttribute.isUIntType(t)) {
            exact(t, len, 4, at);
            return new UIntAttribute(t, Bytes.u32(b, off));
        }
        if (FlagAttribute.isFlagType(t)) {
            exact(t, len, 0, at);
            return new FlagAttribute(t);
        }
        if (TieBreaker.isTieBreakerType(t)) {
            exact(t, len, 8, at);
            return new TieBreaker(t, Bytes.u64(b, off));
        }
        if (AddressFamilyAttribute.isFamilyType(t)) {
            exact(t, len, 4, at);
            return new AddressFamilyAttribute(t, Bytes.u8(b, off));
        }
        switch (code) {
            case 0x0003: { // CHANGE-REQUEST
                exact(t, len, 4, at);
                int flags = Bytes.u8(b, off + 3);
                return new ChangeRequest((flags & ChangeRequest.CHANGE_IP) != 0,
                        (flags & ChangeRequest.CHANGE_PORT) != 0);
            }
            case 0x0008: // MESSAGE-INTEGRITY
                exact(t, len, MessageIntegrity.LENGTH, at);
                return new MessageIntegrity(Arrays.copyOfRange(b, off, off + len));
            case 0x001C: // MESSAGE-INTEGRITY-SHA256
                if (!MessageIntegritySha256.validLength(len)) {
                    throw new StunParseException(String.format(
                            "%s at offset %d has length %d; it must be 16..32 in steps of 4", t, at, len));
                }
                return new MessageIntegritySha256(Arrays.copyOfRange(b, off, off + len));
            case 0x8028: // FINGERPRINT
                exact(t, len, 4, at);
                return new Fingerprint(Bytes.u32(b, off));
            case 0x0009: { // ERROR-CODE
                atLeast(t, len, 4, at);
                int code3 = errorCode(t, b, off, at);
                String reason = utf8(b, off + 4, len - 4);
                if (reason == null) {
                    throw new StunParseException(String.format(
                            "%s at offset %d: reason phrase of %d bytes is not valid UTF-8", t, at, len - 4));
                }
                return new ErrorCode(code3, reason);
            }
            case 0x000A: { // UNKNOWN-ATTRIBUTES
                if (len % 2 != 0) {
                    throw new StunParseException(String.format(
                            "%s at offset %d has odd length %d; it lists 16-bit types", t, at, len));
                }
                List<Integer> types = new ArrayList<>();
                for (int i = 0; i < len; i += 2) {
                    types.add(Bytes.u16(b, off + i));
                }
                return new UnknownAttributes(types);
            }
            case 0x000C: // CHANNEL-NUMBER
                exact(t, len, 4, at);
                return new ChannelNumber(Bytes.u16(b, off));
            case 0x0018: // EVEN-PORT
                exact(t, len, 1, at);
                return new EvenPort((b[off] & 0x80) != 0);
            case 0x0019: // REQUESTED-TRANSPORT
                exact(t, len, 4, at);
                return new RequestedTransport(Bytes.u8(b, off));
            case 0x0027: // RESPONSE-PORT
                exact(t, len, 4, at);
                return new ResponsePort(Bytes.u16(b, off));
            case 0x0026: // PADDING
                return new Padding(Arrays.copyOfRange(b, off, off + len));
            case 0x001D: { // PASSWORD-ALGORITHM
                List<PasswordAlgorithm> one = passwordAlgorithms(t, b, off, len, at);
                if (one.size() != 1) {
                    throw new StunParseException(String.format(
                            "%s at offset %d holds %d algorithms; it must hold exactly one", t, at, one.size()));
                }
                return one.get(0);
            }
            case 0x8002: // PASSWORD-ALGORITHMS
                return new PasswordAlgorithms(passwordAlgorithms(t, b, off, len, at));
            case 0x8001: { // ADDRESS-ERROR-CODE
                atLeast(t, len, 4, at);
                int family = Bytes.u8(b, off);
                int code3 = errorCode(t, b, off, at);
                String reason = utf8(b, off + 4, len - 4);
                if (reason == null) {
                    throw new StunParseException(String.format(
                            "%s at offset %d: reason phrase of %d bytes is not valid UTF-8", t, at, len - 4));
                }
                return new AddressErrorCode(family, code3, reason);
            }
            case 0x8004: // ICMP
                exact(t, len, 8, at);
                return new Icmp(Bytes.u8(b, off + 2), Bytes.u8(b, off + 3), Bytes.u32(b, off + 4));
            case 0x8025: // TRANSACTION-TRANSMIT-COUNTER
                exact(t, len, 4, at);
                return new TransactionTransmitCounter(Bytes.u8(b, off + 2), Bytes.u8(b, off + 3));
            case 0x802D: { // ECN-CHECK
                exact(t, len, 4, at);
                int last = Bytes.u8(b, off + 3);
                return new EcnCheck((last & 0x01) != 0, (last >>> 1) & 0x03);
            }
            case 0x001B: { // ACCESS-TOKEN
                atLeast(t, len, 2, at);
                int nonceLength = Bytes.u16(b, off);
                if (nonceLength > len - 2) {
                    throw new StunParseException(String.format(
                            "%s at offset %d declares a nonce of %d bytes but only %d bytes follow",
                            t, at, nonceLength, len - 2));
                }
                return new AccessToken(Arrays.copyOfRange(b, off + 2, off + 2 + nonceLength),
                        Arrays.copyOfRange(b, off + 2 + nonceLength, off + len));
            }
            case 0x001E: // USERHASH
                exact(t, len, 32, at);
                return new BytesAttribute(t, Arrays.copyOfRange(b, off, off + len));
            case 0x0022: // RESERVATION-TOKEN
                exact(t, len, 8, at);
                return new BytesAttribute(t, Arrays.copyOfRange(b, off, off + len));
            default: // DATA, PASSWORD, MOBILITY-TICKET: opaque by definition
                return new BytesAttribute(t, Arrays.copyOfRange(b, off, off + len));
        }
    }

    private static void exact(AttributeType t, int len, int want, int at) {
        if (len != want) {
            throw new StunParseException(String.format(
                    "%s at offset %d has length %d; it must be %d", t, at, len, want));
        }
    }

    private static void atLeast(AttributeType t, int len, int want, int at) {
        if (len < want) {
            throw new StunParseException(String.format(
                    "%s at offset %d has length %d; it must be at least %d", t, at, len, want));
        }
    }

    private static int errorCode(AttributeType t, byte[] b, int off, int at) {
        int cls = Bytes.u8(b, off + 2) & 0x07;
        int number = Bytes.u8(b, off + 3);
        if (cls < 3 || cls > 6) {
            throw new StunParseException(String.format(
                    "%s at offset %d has class %d; it must be 3..6", t, at, cls));
        }
        if (number > 99) {
            throw new StunParseException(String.format(
                    "%s at offset %d has number %d; it must be 0..99", t, at, number));
        }
        return cls * 100 + number;
    }

    private static List<PasswordAlgorithm> passwordAlgorithms(AttributeType t, byte[] b, int off, int len, int at) {
        List<PasswordAlgorithm> list = new ArrayList<>();
        int p = 0;
        while (p < len) {
            if (len - p < 4) {
                throw new StunParseException(String.format(
                        "%s at offset %d: algorithm at value offset %d needs 4 bytes but only %d remain",
                        t, at, p, len - p));
            }
            int algorithm = Bytes.u16(b, off + p);
            int paramLength = Bytes.u16(b, off + p + 2);
            int padded = Bytes.pad4(paramLength);
            if (padded > len - p - 4) {
                throw new StunParseException(String.format(
                        "%s at offset %d: algorithm 0x%04x declares %d parameter bytes (%d padded) "
                                + "but only %d remain", t, at, algorithm, paramLength, padded, len - p - 4));
            }
            list.add(new PasswordAlgorithm(algorithm,
                    Arrays.copyOfRange(b, off + p + 4, off + p + 4 + paramLength)));
            p += 4 + padded;
        }
        return list;
    }

    private static InetSocketAddress address(AttributeType t, byte[] b, int off, int len, int at, byte[] xorKey) {
        if (len < 4) {
            throw new StunParseException(String.format(
                    "%s at offset %d has length %d; an address needs 8 (IPv4) or 20 (IPv6)", t, at, len));
        }
        int family = Bytes.u8(b, off + 1);
        int want;
        if (family == AddressAttribute.FAMILY_IPV4) {
            want = 8;
        } else if (family == AddressAttribute.FAMILY_IPV6) {
            want = 20;
        } else {
            throw new StunParseException(String.format(
                    "%s at offset %d has address family 0x%02x; it must be 0x01 (IPv4) or 0x02 (IPv6)",
                    t, at, family));
        }
        if (len != want) {
            throw new StunParseException(String.format(
                    "%s at offset %d has length %d; an %s address needs %d",
                    t, at, len, family == 1 ? "IPv4" : "IPv6", want));
        }
        boolean xor = AddressAttribute.isXorType(t);
        int port = Bytes.u16(b, off + 2);
        byte[] ip = Arrays.copyOfRange(b, off + 4, off + len);
        if (xor) {
            port ^= Bytes.u16(xorKey, 0);
            for (int i = 0; i < ip.length; i++) {
                ip[i] ^= xorKey[i];
            }
        }
        return new InetSocketAddress(inetAddress(ip), port);
    }

    /** An address of exactly these bytes, without any name lookup; 16 bytes stay IPv6 even when v4-mapped. */
    static InetAddress inetAddress(byte[] ip) {
        try {
            return ip.length == 16 ? Inet6Address.getByAddress(null, ip, -1) : InetAddress.getByAddress(ip);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + ip.length + " bytes", e);
        }
    }

    /** Strict UTF-8, or null when the bytes are not valid UTF-8. */
    static String utf8(byte[] b, int off, int len) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, off, len)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The value bytes of an attribute, without header or padding. */
    static byte[] encode(Attribute a, byte[] xorKey) {
        if (a instanceof AddressAttribute x) {
            byte[] ip = x.address().getAddress().getAddress();
            byte[] v = new byte[4 + ip.length];
            v[1] = (byte) (ip.length == 4 ? AddressAttribute.FAMILY_IPV4 : AddressAttribute.FAMILY_IPV6);
            int port = x.address().getPort();
            if (x.isXor()) {
                port ^= Bytes.u16(xorKey, 0);
                for (int i = 0; i < ip.length; i++) {
                    ip[i] ^= xorKey[i];
                }
            }
            Bytes.put16(v, 2, port);
            System.arraycopy(ip, 0, v, 4, ip.length);
            return v;
        }
        if (a instanceof StringAttribute s) {
            return s.value().getBytes(StandardCharsets.UTF_8);
        }
        if (a instanceof UIntAttribute u) {
            byte[] v = new byte[4];
            Bytes.put32(v, 0, u.value());
            return v;
        }
        if (a instanceof BytesAttribute x) {
            return x.value();
        }
        if (a instanceof FlagAttribute) {
            return new byte[0];
        }
        if (a instanceof TieBreaker tb) {
            byte[] v = new byte[8];
            Bytes.put64(v, 0, tb.value());
            return v;
        }
        if (a instanceof AddressFamilyAttribute f) {
            return new byte[] {(byte) f.family(), 0, 0, 0};
        }
        if (a instanceof ChangeRequest c) {
            int flags = (c.changeIp() ? ChangeRequest.CHANGE_IP : 0) | (c.changePort() ? ChangeRequest.CHANGE_PORT : 0);
            return new byte[] {0, 0, 0, (byte) flags};
        }
        if (a instanceof MessageIntegrity m) {
            return m.hmac();
        }
        if (a instanceof MessageIntegritySha256 m) {
            return m.hmac();
        }
        if (a instanceof Fingerprint f) {
            byte[] v = new byte[4];
            Bytes.put32(v, 0, f.crc());
            return v;
        }
        if (a instanceof ErrorCode e) {
            return errorValue(0, e.code(), e.reason());
        }
        if (a instanceof AddressErrorCode e) {
            return errorValue(e.family(), e.code(), e.reason());
        }
        if (a instanceof UnknownAttributes u) {
            byte[] v = new byte[2 * u.types().size()];
            for (int i = 0; i < u.types().size(); i++) {
                Bytes.put16(v, 2 * i, u.types().get(i));
            }
            return v;
        }
        if (a instanceof ChannelNumber c) {
            byte[] v = new byte[4];
            Bytes.put16(v, 0, c.channel());
            return v;
        }
        if (a instanceof EvenPort e) {
            return new byte[] {(byte) (e.reserveNext() ? 0x80 : 0)};
        }
        if (a instanceof RequestedTransport r) {
            return new byte[] {(byte) r.protocol(), 0, 0, 0};
        }
        if (a instanceof ResponsePort r) {
            byte[] v = new byte[4];
            Bytes.put16(v, 0, r.port());
            return v;
        }
        if (a instanceof Padding p) {
            return p.content();
        }
        if (a instanceof PasswordAlgorithm p) {
            return passwordAlgorithmValue(List.of(p));
        }
        if (a instanceof PasswordAlgorithms p) {
            return passwordAlgorithmValue(p.algorithms());
        }
        if (a instanceof Icmp i) {
            byte[] v = new byte[8];
            v[2] = (byte) i.icmpType();
            v[3] = (byte) i.icmpCode();
            Bytes.put32(v, 4, i.errorData());
            return v;
        }
        if (a instanceof TransactionTransmitCounter c) {
            return new byte[] {0, 0, (byte) c.requests(), (byte) c.responses()};
        }
        if (a instanceof EcnCheck e) {
            return new byte[] {0, 0, 0, (byte) ((e.ecnField() << 1) | (e.valid() ? 1 : 0))};
        }
        if (a instanceof AccessToken t) {
            byte[] nonce = t.nonce();
            byte[] block = t.encryptedBlock();
            byte[] v = new byte[2 + nonce.length + block.length];
            Bytes.put16(v, 0, nonce.length);
            System.arraycopy(nonce, 0, v, 2, nonce.length);
            System.arraycopy(block, 0, v, 2 + nonce.length, block.length);
            return v;
        }
        throw new IllegalStateException("no encoding for " + a.getClass().getSimpleName());
    }

    private static byte[] errorValue(int family, int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] v = new byte[4 + text.length];
        v[0] = (byte) family;
        v[2] = (byte) (code / 100);
        v[3] = (byte) (code % 100);
        System.arraycopy(text, 0, v, 4, text.length);
        return v;
    }

    private static byte[] passwordAlgorithmValue(List<PasswordAlgorithm> list) {
        int n = 0;
        for (PasswordAlgorithm p : list) {
            n += 4 + Bytes.pad4(p.parameters().length);
        }
        byte[] v = new byte[n];
        int pos = 0;
        for (PasswordAlgorithm p : list) {
            byte[] params = p.parameters();
            Bytes.put16(v, pos, p.algorithm());
            Bytes.put16(v, pos + 2, params.length);
            System.arraycopy(params, 0, v, pos + 4, params.length);
            pos += 4 + Bytes.pad4(params.length);
        }
        return v;
    }
}
