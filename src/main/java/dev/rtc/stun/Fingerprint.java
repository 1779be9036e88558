package dev.rtc.stun;

import java.util.zip.CRC32;

/** FINGERPRINT: CRC-32 of the message up to this attribute, XOR 0x5354554e (RFC 8489 section 14.7). */
public record Fingerprint(long crc) implements Attribute {
    public static final long XOR = 0x5354554EL;

    public Fingerprint {
        if (crc < 0 || crc > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("FINGERPRINT is 32 bits, not " + crc);
        }
    }

    @Override
    public AttributeType type() {
        return AttributeType.FINGERPRINT;
    }

    /** Checks the message's FINGERPRINT against its bytes. */
    public static Verification verify(StunMessage msg) {
        int i = msg.indexOf(AttributeType.FINGERPRINT);
        if (i < 0) {
            return Verification.ABSENT;
        }
        long expected = compute(msg.raw(), msg.attributeOffset(i));
        return ((Fingerprint) msg.attributes().get(i)).crc == expected ? Verification.VALID : Verification.INVALID;
    }

    /** The FINGERPRINT value for a message whose FINGERPRINT attribute starts at {@code at}. */
    static long compute(byte[] message, int at) {
        CRC32 crc = new CRC32();
        byte[] header = new byte[4];
        System.arraycopy(message, 0, header, 0, 4);
        Bytes.put16(header, 2, at + 8 - StunMessage.HEADER_LENGTH);
        crc.update(header, 0, 4);
        crc.update(message, 4, at - 4);
        return crc.getValue() ^ XOR;
    }
}
