package dev.rtc.stun;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * MESSAGE-INTEGRITY-SHA256 (RFC 8489): the HMAC-SHA256 of the message up to this attribute, possibly truncated
 * to 16..32 bytes in steps of 4. See {@link Integrity}.
 */
public record MessageIntegritySha256(byte[] hmac) implements Attribute {
    public MessageIntegritySha256 {
        if (!validLength(hmac.length)) {
            throw new IllegalArgumentException(
                    "MESSAGE-INTEGRITY-SHA256 is 16..32 bytes in steps of 4, not " + hmac.length);
        }
        hmac = hmac.clone();
    }

    static boolean validLength(int n) {
        return n >= 16 && n <= 32 && n % 4 == 0;
    }

    @Override
    public byte[] hmac() {
        return hmac.clone();
    }

    @Override
    public AttributeType type() {
        return AttributeType.MESSAGE_INTEGRITY_SHA256;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageIntegritySha256 m && Arrays.equals(m.hmac, hmac);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hmac);
    }

    @Override
    public String toString() {
        return "MessageIntegritySha256[" + HexFormat.of().formatHex(hmac) + "]";
    }
}
