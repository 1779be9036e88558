package dev.rtc.stun;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A transaction id: 12 bytes after the magic cookie (RFC 8489), or 16 bytes in an RFC 3489 classic message,
 * where the cookie's place belongs to the id.
 */
public final class TransactionId {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;

    private TransactionId(byte[] bytes) {
        this.bytes = bytes;
    }

    /** An id of these 12 (RFC 8489) or 16 (RFC 3489) bytes; copied. */
    public static TransactionId of(byte[] bytes) {
        if (bytes.length != 12 && bytes.length != 16) {
            throw new IllegalArgumentException("a transaction id is 12 or 16 bytes, not " + bytes.length);
        }
        return new TransactionId(bytes.clone());
    }

    /** An id from hex digits (24 or 32 of them). */
    public static TransactionId fromHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    /** A fresh 12-byte id from a cryptographic random source (RFC 8489 asks for one). */
    public static TransactionId random() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return new TransactionId(b);
    }

    /** A fresh 16-byte id for an RFC 3489 message; its first four bytes are never the magic cookie. */
    public static TransactionId randomClassic() {
        byte[] b = new byte[16];
        do {
            RANDOM.nextBytes(b);
        } while (Bytes.getInt(b, 0) == StunMessage.MAGIC_COOKIE);
        return new TransactionId(b);
    }

    static TransactionId wrap(byte[] bytes) {
        return new TransactionId(bytes);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public boolean isClassic() {
        return bytes.length == 16;
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    byte byteAt(int i) {
        return bytes[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransactionId t && Arrays.equals(t.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
