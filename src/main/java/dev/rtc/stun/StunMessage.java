package dev.rtc.stun;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One STUN message (RFC 8489, and RFC 3489 "classic" messages without the magic cookie): header fields and the
 * attributes in wire order, duplicates kept. Immutable; made by {@link #decode} or {@link #builder}.
 *
 * <p>As RFC 8489 section 14.5 says, attributes after MESSAGE-INTEGRITY are ignored except MESSAGE-INTEGRITY-SHA256
 * and FINGERPRINT, attributes after MESSAGE-INTEGRITY-SHA256 except FINGERPRINT, and everything after
 * FINGERPRINT. Such attributes stay in {@link #attributes()} (a dissector shows them) and are flagged by
 * {@link #ignored(int)}; the lookups {@link #first}, {@link #all} and {@link #unknownComprehensionRequired()}
 * skip them.
 */
public final class StunMessage {
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int HEADER_LENGTH = 20;

    private final int type;
    private final TransactionId transactionId;
    private final List<Attribute> attributes;
    private final int[] offsets;
    private final boolean[] ignored;
    private final byte[] raw;

    private StunMessage(int type, TransactionId transactionId, List<Attribute> attributes, int[] offsets,
            byte[] raw) {
        this.type = type;
        this.transactionId = transactionId;
        this.attributes = List.copyOf(attributes);
        this.offsets = offsets;
        this.raw = raw;
        this.ignored = ignoredFlags(this.attributes);
    }

    // ---------------------------------------------------------------- decoding

    /** Decodes a buffer that holds exactly one message. */
    public static StunMessage decode(byte[] buf) {
        return decode(buf, 0, buf.length);
    }

    /** Decodes the remaining bytes of a buffer, which must hold exactly one message; the buffer is not moved. */
    public static StunMessage decode(ByteBuffer buf) {
        byte[] bytes = new byte[buf.remaining()];
        buf.duplicate().get(bytes);
        return decode(bytes, 0, bytes.length);
    }

    /** Decodes the slice {@code buf[off, off+len)}, which must hold exactly one message (classic ones accepted). */
    public static StunMessage decode(byte[] buf, int off, int len) {
        return decode(buf, off, len, true);
    }

    /**
     * Decodes the slice {@code buf[off, off+len)}. With {@code allowClassic} false a message without the magic
     * cookie is an error instead of an RFC 3489 message.
     */
    public static StunMessage decode(byte[] buf, int off, int len, boolean allowClassic) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new StunParseException(String.format(
                    "slice at offset %d of length %d lies outside a buffer of %d bytes", off, len, buf.length));
        }
        if (len < HEADER_LENGTH) {
            throw new StunParseException(String.format(
                    "STUN header needs 20 bytes but only %d are present", len));
        }
        byte[] raw = Arrays.copyOfRange(buf, off, off + len);
        int type = Bytes.u16(raw, 0);
        if ((type & 0xC000) != 0) {
            throw new StunParseException(String.format(
                    "message type 0x%04x at offset 0 has its top two bits set; not a STUN message", type));
        }
        int length = Bytes.u16(raw, 2);
        if (length % 4 != 0) {
            throw new StunParseException(String.format(
                    "message length %d at offset 2 is not a multiple of 4", length));
        }
        if (length != len - HEADER_LENGTH) {
            throw new StunParseException(String.format(
                    "message length %d at offset 2 does not match the %d bytes that follow the header",
                    length, len - HEADER_LENGTH));
        }
        boolean classic = Bytes.getInt(raw, 4) != MAGIC_COOKIE;
        if (classic && !allowClassic) {
            throw new StunParseException(String.format(
                    "magic cookie at offset 4 is 0x%08x; it must be 0x2112a442", Bytes.getInt(raw, 4)));
        }
        TransactionId id = TransactionId.wrap(Arrays.copyOfRange(raw, classic ? 4 : 8, HEADER_LENGTH));
        byte[] xorKey = Arrays.copyOfRange(raw, 4, HEADER_LENGTH);
        List<Attribute> attributes = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        int pos = HEADER_LENGTH;
        while (pos < len) {
            if (len - pos < 4) {
                throw new StunParseException(String.format(
                        "attribute header at offset %d needs 4 bytes but only %d remain", pos, len - pos));
            }
            int code = Bytes.u16(raw, pos);
            int alen = Bytes.u16(raw, pos + 2);
            int remain = len - pos - 4;
            if (alen > remain) {
                throw new StunParseException(String.format(
                        "attribute 0x%04x at offset %d declares length %d but only %d bytes remain",
                        code, pos, alen, remain));
            }
            if (Bytes.pad4(alen) > remain) {
                throw new StunParseException(String.format(
                        "attribute 0x%04x at offset %d declares length %d, %d with padding, but only %d bytes remain",
                        code, pos, alen, Bytes.pad4(alen), remain));
            }
            attributes.add(AttributeCodec.decode(code, raw, pos + 4, alen, pos, xorKey));
            offsets.add(pos);
            pos += 4 + Bytes.pad4(alen);
        }
        return new StunMessage(type, id, attributes, offsets.stream().mapToInt(Integer::intValue).toArray(), raw);
    }

    /**
     * True when the slice looks like exactly one RFC 8489 message: top two bits zero, the magic cookie, and a
     * length (a multiple of 4) that fits the slice exactly. Cheap; used to demultiplex.
     */
    public static boolean looksLikeStun(byte[] buf, int off, int len) {
        if (off < 0 || len < HEADER_LENGTH || off > buf.length - len) {
            return false;
        }
        int length = Bytes.u16(buf, off + 2);
        return (buf[off] & 0xC0) == 0 && Bytes.getInt(buf, off + 4) == MAGIC_COOKIE && length % 4 == 0
                && length + HEADER_LENGTH == len;
    }

    private static boolean[] ignoredFlags(List<Attribute> attributes) {
        boolean[] ignored = new boolean[attributes.size()];
        boolean afterMi = false;
        boolean afterMi256 = false;
        boolean afterFingerprint = false;
        for (int i = 0; i < ignored.length; i++) {
            AttributeType t = attributes.get(i).type();
            boolean isFingerprint = t.equals(AttributeType.FINGERPRINT);
            boolean isMi256 = t.equals(AttributeType.MESSAGE_INTEGRITY_SHA256);
            boolean skip = afterFingerprint
                    || (afterMi256 && !isFingerprint)
                    || (afterMi && !isFingerprint && !isMi256);
            ignored[i] = skip;
            if (!skip) {
                afterMi |= t.equals(AttributeType.MESSAGE_INTEGRITY);
                afterMi256 |= isMi256;
                afterFingerprint |= isFingerprint;
            }
        }
        return ignored;
    }

    // ---------------------------------------------------------------- header

    /** The 14-bit message type: method and class bits interleaved. */
    public int type() {
        return type;
    }

    public Method method() {
        return Method.valueOf(methodOf(type));
    }

    public MessageClass messageClass() {
        return MessageClass.ofBits(((type >>> 7) & 0x2) | ((type >>> 4) & 0x1));
    }

    /** The length field: bytes of attributes after the 20-byte header. */
    public int length() {
        return raw.length - HEADER_LENGTH;
    }

    /** The 32 bits after the length: the magic cookie, or the first id bytes in a classic message. */
    public int cookie() {
        return Bytes.getInt(raw, 4);
    }

    public TransactionId transactionId() {
        return transactionId;
    }

    /** True for an RFC 3489 message: no magic cookie, a 128-bit transaction id. */
    public boolean isClassic() {
        return transactionId.isClassic();
    }

    /** The bytes this message was decoded from (or built as); integrity checks run over them. */
    public byte[] raw() {
        return raw.clone();
    }

    /** The message type for a method and class (RFC 8489 section 5: M11..M7 C1 M6..M4 C0 M3..M0). */
    public static int typeOf(Method method, MessageClass cls) {
        int m = method.code();
        int c = cls.bits();
        return (m & 0x000F) | ((m & 0x0070) << 1) | ((m & 0x0F80) << 2) | ((c & 1) << 4) | ((c & 2) << 7);
    }

    static int methodOf(int type) {
        return (type & 0x000F) | ((type & 0x00E0) >>> 1) | ((type & 0x3E00) >>> 2);
    }

    // ---------------------------------------------------------------- attributes

    /** Every attribute in wire order, duplicates and ignored ones included. */
    public List<Attribute> attributes() {
        return attributes;
    }

    /** True when the attribute at this index comes after MESSAGE-INTEGRITY or FINGERPRINT and must be ignored. */
    public boolean ignored(int index) {
        return ignored[index];
    }

    /** The attributes that count: {@link #attributes()} without the ignored ones. */
    public List<Attribute> attributesInEffect() {
        List<Attribute> list = new ArrayList<>();
        for (int i = 0; i < ignored.length; i++) {
            if (!ignored[i]) {
                list.add(attributes.get(i));
            }
        }
        return list;
    }

    /** Where the attribute at this index starts (its type field), counted from the start of the message. */
    public int attributeOffset(int index) {
        return offsets[index];
    }

    /** The value length field of the attribute at this index. */
    public int attributeLength(int index) {
        return Bytes.u16(raw, offsets[index] + 2);
    }

    public Optional<Attribute> first(AttributeType type) {
        int i = indexOf(type);
        return i < 0 ? Optional.empty() : Optional.of(attributes.get(i));
    }

    public List<Attribute> all(AttributeType type) {
        List<Attribute> list = new ArrayList<>();
        for (int i = 0; i < ignored.length; i++) {
            if (!ignored[i] && attributes.get(i).type().equals(type)) {
                list.add(attributes.get(i));
            }
        }
        return list;
    }

    public <A extends Attribute> Optional<A> first(Class<A> kind) {
        for (int i = 0; i < ignored.length; i++) {
            if (!ignored[i] && kind.isInstance(attributes.get(i))) {
                return Optional.of(kind.cast(attributes.get(i)));
            }
        }
        return Optional.empty();
    }

    public <A extends Attribute> List<A> all(Class<A> kind) {
        List<A> list = new ArrayList<>();
        for (int i = 0; i < ignored.length; i++) {
            if (!ignored[i] && kind.isInstance(attributes.get(i))) {
                list.add(kind.cast(attributes.get(i)));
            }
        }
        return list;
    }

    /** The address of the first address attribute in effect of this type (XOR ones decoded). */
    public Optional<InetSocketAddress> address(AttributeType type) {
        return first(type).filter(AddressAttribute.class::isInstance)
                .map(a -> ((AddressAttribute) a).address());
    }

    /** The text of the first text attribute in effect of this type (USERNAME, REALM, NONCE, SOFTWARE, ...). */
    public Optional<String> text(AttributeType type) {
        return first(type).filter(StringAttribute.class::isInstance).map(a -> ((StringAttribute) a).value());
    }

    /** The ERROR-CODE attribute, if any. */
    public Optional<ErrorCode> errorCode() {
        return first(ErrorCode.class);
    }

    /** Index of the first attribute in effect of this type, or -1. */
    int indexOf(AttributeType type) {
        for (int i = 0; i < ignored.length; i++) {
            if (!ignored[i] && attributes.get(i).type().equals(type)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The comprehension-required types (below 0x8000) that rtc does not know, in wire order without repeats:
     * what a server lists in UNKNOWN-ATTRIBUTES when it answers 420.
     */
    public List<Integer> unknownComprehensionRequired() {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < ignored.length; i++) {
            AttributeType t = attributes.get(i).type();
            if (!ignored[i] && !t.isKnown() && t.comprehensionRequired() && !list.contains(t.code())) {
                list.add(t.code());
            }
        }
        return list;
    }

    // ---------------------------------------------------------------- encoding

    /**
     * The message as bytes, serialized from its attributes. A decoded message re-encodes to the bytes it came
     * from: padding bytes are taken from those bytes (RFC 5769's vectors pad with spaces). The one exception is
     * reserved bits (and padding inside PASSWORD-ALGORITHMS) that a sender set although the RFCs say to send them
     * as zero and ignore them on receipt: the typed value does not keep them and they re-encode as zero.
     */
    public byte[] encode() {
        List<byte[]> values = new ArrayList<>();
        byte[] xorKey = Arrays.copyOfRange(raw, 4, HEADER_LENGTH);
        for (Attribute a : attributes) {
            values.add(AttributeCodec.encode(a, xorKey));
        }
        byte[] out = header(type, transactionId, totalLength(values));
        int pos = HEADER_LENGTH;
        for (int i = 0; i < values.size(); i++) {
            pos = putAttribute(out, pos, attributes.get(i).type().code(), values.get(i));
            int padStart = offsets[i] + 4 + attributeLength(i);
            int padEnd = offsets[i] + 4 + Bytes.pad4(attributeLength(i));
            if (padEnd - padStart == Bytes.pad4(values.get(i).length) - values.get(i).length) {
                System.arraycopy(raw, padStart, out, pos - (padEnd - padStart), padEnd - padStart);
            }
        }
        return out;
    }

    static int totalLength(List<byte[]> values) {
        int n = 0;
        for (byte[] v : values) {
            n += 4 + Bytes.pad4(v.length);
        }
        return n;
    }

    static byte[] header(int type, TransactionId id, int length) {
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("attributes of " + length + " bytes do not fit a STUN message");
        }
        byte[] out = new byte[HEADER_LENGTH + length];
        Bytes.put16(out, 0, type);
        Bytes.put16(out, 2, length);
        byte[] idBytes = id.bytes();
        if (id.isClassic()) {
            System.arraycopy(idBytes, 0, out, 4, 16);
        } else {
            Bytes.put32(out, 4, MAGIC_COOKIE);
            System.arraycopy(idBytes, 0, out, 8, 12);
        }
        return out;
    }

    static int putAttribute(byte[] out, int pos, int code, byte[] value) {
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException(String.format(
                    "attribute 0x%04x value of %d bytes does not fit its 16-bit length", code, value.length));
        }
        Bytes.put16(out, pos, code);
        Bytes.put16(out, pos + 2, value.length);
        System.arraycopy(value, 0, out, pos + 4, value.length);
        return pos + 4 + Bytes.pad4(value.length);
    }

    // ---------------------------------------------------------------- building

    /** A builder for a new message; the transaction id is random unless set. */
    public static Builder builder(Method method, MessageClass messageClass) {
        return new Builder(method, messageClass);
    }

    /** Builds a message: computes lengths, padding (zeros), XOR addresses, integrity and fingerprint. */
    public static final class Builder {
        private final Method method;
        private final MessageClass messageClass;
        private TransactionId transactionId;
        private boolean classic;
        private final List<Attribute> attributes = new ArrayList<>();

        private Builder(Method method, MessageClass messageClass) {
            this.method = Objects.requireNonNull(method);
            this.messageClass = Objects.requireNonNull(messageClass);
        }

        public Builder transactionId(TransactionId id) {
            this.transactionId = Objects.requireNonNull(id);
            return this;
        }

        /** An RFC 3489 message: no magic cookie, a 16-byte transaction id. */
        public Builder classic() {
            this.classic = true;
            return this;
        }

        public Builder add(Attribute attribute) {
            attributes.add(Objects.requireNonNull(attribute));
            return this;
        }

        public Builder addAll(List<? extends Attribute> list) {
            list.forEach(this::add);
            return this;
        }

        public StunMessage build() {
            return build(null, false, false);
        }

        /** Appends MESSAGE-INTEGRITY (HMAC-SHA1) computed with this key. */
        public StunMessage buildWithIntegrity(byte[] key) {
            return build(key, false, false);
        }

        /** Appends FINGERPRINT. */
        public StunMessage buildWithFingerprint() {
            return build(null, false, true);
        }

        /**
         * Appends, when {@code key} is not null, MESSAGE-INTEGRITY-SHA256 (if {@code sha256}) or
         * MESSAGE-INTEGRITY, then FINGERPRINT if asked.
         */
        public StunMessage build(byte[] key, boolean sha256, boolean fingerprint) {
            TransactionId id = transactionId;
            if (id == null) {
                id = classic ? TransactionId.randomClassic() : TransactionId.random();
            }
            if (classic && !id.isClassic()) {
                throw new IllegalArgumentException("a classic message needs a 16-byte transaction id");
            }
            if (id.isClassic() && Bytes.getInt(id.bytes(), 0) == MAGIC_COOKIE) {
                throw new IllegalArgumentException("a classic transaction id must not start with the magic cookie");
            }
            int type = typeOf(method, messageClass);
            byte[] xorKey = Arrays.copyOfRange(header(type, id, 0), 4, HEADER_LENGTH);
            List<byte[]> values = new ArrayList<>();
            for (Attribute a : attributes) {
                values.add(AttributeCodec.encode(a, xorKey));
            }
            int integrityLength = key == null ? 0 : 4 + (sha256 ? 32 : MessageIntegrity.LENGTH);
            int length = totalLength(values) + integrityLength + (fingerprint ? 8 : 0);
            byte[] out = header(type, id, length);
            int pos = HEADER_LENGTH;
            for (int i = 0; i < values.size(); i++) {
                pos = putAttribute(out, pos, attributes.get(i).type().code(), values.get(i));
            }
            if (key != null) {
                byte[] mac = sha256 ? Integrity.hmacSha256(key, out, pos) : Integrity.hmacSha1(key, out, pos);
                pos = putAttribute(out, pos, sha256 ? AttributeType.MESSAGE_INTEGRITY_SHA256.code()
                        : AttributeType.MESSAGE_INTEGRITY.code(), mac);
            }
            if (fingerprint) {
                byte[] crc = new byte[4];
                Bytes.put32(crc, 0, Fingerprint.compute(out, pos));
                putAttribute(out, pos, AttributeType.FINGERPRINT.code(), crc);
            }
            return decode(out, 0, out.length, true);
        }
    }

    // ---------------------------------------------------------------- value semantics

    /** Equal when type, transaction id and attributes are equal; padding bytes do not count. */
    @Override
    public boolean equals(Object o) {
        return o instanceof StunMessage m && m.type == type && m.transactionId.equals(transactionId)
                && m.attributes.equals(attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, transactionId, attributes);
    }

    @Override
    public String toString() {
        return method() + " " + messageClass().label() + " " + transactionId.hex() + " " + attributes;
    }
}
