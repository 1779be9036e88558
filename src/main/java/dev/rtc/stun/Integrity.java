package dev.rtc.stun;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * MESSAGE-INTEGRITY (HMAC-SHA1) and MESSAGE-INTEGRITY-SHA256: keys from credentials and checks of received
 * messages (RFC 8489 sections 9 and 14.5-14.6). The codec never stores credentials; callers pass the key.
 */
public final class Integrity {
    private Integrity() {
    }

    /** Short-term key: the password prepared with {@link OpaqueString}. */
    public static byte[] shortTermKey(String password) {
        return OpaqueString.prepare(password).getBytes(StandardCharsets.UTF_8);
    }

    /** Long-term key: MD5(username ":" realm ":" password), each prepared with {@link OpaqueString}. */
    public static byte[] longTermKey(String username, String realm, String password) {
        return digest("MD5", credentialString(username, realm, password));
    }

    /** Long-term key for PASSWORD-ALGORITHM SHA-256: SHA-256(username ":" realm ":" password). */
    public static byte[] longTermKeySha256(String username, String realm, String password) {
        return digest("SHA-256", credentialString(username, realm, password));
    }

    /** Long-term key for a PASSWORD-ALGORITHM number (0x0001 MD5, 0x0002 SHA-256). */
    public static byte[] longTermKey(int algorithm, String username, String realm, String password) {
        return switch (algorithm) {
            case PasswordAlgorithm.MD5 -> longTermKey(username, realm, password);
            case PasswordAlgorithm.SHA256 -> longTermKeySha256(username, realm, password);
            default -> throw new IllegalArgumentException(String.format("unknown password algorithm 0x%04x", algorithm));
        };
    }

    /** USERHASH (RFC 8489 section 14.4): SHA-256(username ":" realm), both prepared with {@link OpaqueString}. */
    public static byte[] userHash(String username, String realm) {
        return digest("SHA-256", OpaqueString.prepare(username) + ":" + OpaqueString.prepare(realm));
    }

    private static String credentialString(String username, String realm, String password) {
        return OpaqueString.prepare(username) + ":" + OpaqueString.prepare(realm) + ":"
                + OpaqueString.prepare(password);
    }

    /** Checks the MESSAGE-INTEGRITY (HMAC-SHA1) of a message with this key. */
    public static Verification verify(StunMessage msg, byte[] key) {
        int i = msg.indexOf(AttributeType.MESSAGE_INTEGRITY);
        if (i < 0) {
            return Verification.ABSENT;
        }
        byte[] mac = hmacSha1(key, msg.raw(), msg.attributeOffset(i));
        return MessageDigest.isEqual(mac, ((MessageIntegrity) msg.attributes().get(i)).hmac())
                ? Verification.VALID : Verification.INVALID;
    }

    /** Checks the MESSAGE-INTEGRITY-SHA256 of a message with this key (a truncated value is compared as sent). */
    public static Verification verifySha256(StunMessage msg, byte[] key) {
        int i = msg.indexOf(AttributeType.MESSAGE_INTEGRITY_SHA256);
        if (i < 0) {
            return Verification.ABSENT;
        }
        byte[] sent = ((MessageIntegritySha256) msg.attributes().get(i)).hmac();
        byte[] mac = hmacSha256(key, msg.raw(), msg.attributeOffset(i), sent.length);
        byte[] truncated = java.util.Arrays.copyOf(mac, sent.length);
        return MessageDigest.isEqual(truncated, sent) ? Verification.VALID : Verification.INVALID;
    }

    /** HMAC-SHA1 over a message whose MESSAGE-INTEGRITY starts at {@code at}, length field adjusted to it. */
    static byte[] hmacSha1(byte[] key, byte[] message, int at) {
        return hmac("HmacSHA1", key, message, at, MessageIntegrity.LENGTH);
    }

    static byte[] hmacSha256(byte[] key, byte[] message, int at) {
        return hmac("HmacSHA256", key, message, at, 32);
    }

    private static byte[] hmacSha256(byte[] key, byte[] message, int at, int valueLength) {
        return hmac("HmacSHA256", key, message, at, valueLength);
    }

    private static byte[] hmac(String algorithm, byte[] key, byte[] message, int at, int valueLength) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            // An empty key is legal in STUN (an empty password) but not for SecretKeySpec; HMAC pads keys with
            // zeros to a block, so one zero byte gives the same result.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
            byte[] header = new byte[4];
            System.arraycopy(message, 0, header, 0, 4);
            Bytes.put16(header, 2, at + 4 + valueLength - StunMessage.HEADER_LENGTH);
            mac.update(header);
            mac.update(message, 4, at - 4);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }

    private static byte[] digest(String algorithm, String text) {
        try {
            return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
