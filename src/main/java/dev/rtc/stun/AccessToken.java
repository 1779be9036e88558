package dev.rtc.stun;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * ACCESS-TOKEN (RFC 7635): a self-contained OAuth token, the nonce in clear and the encrypted block (mac key,
 * timestamp, lifetime) opaque to everyone but the TURN server.
 */
public record AccessToken(byte[] nonce, byte[] encryptedBlock) implements Attribute {
    public AccessToken {
        if (nonce.length > 0xFFFF) {
            throw new IllegalArgumentException("the token nonce is at most 65535 bytes");
        }
        nonce = nonce.clone();
        encryptedBlock = encryptedBlock.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] encryptedBlock() {
        return encryptedBlock.clone();
    }

    @Override
    public AttributeType type() {
        return AttributeType.ACCESS_TOKEN;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccessToken a && Arrays.equals(a.nonce, nonce)
                && Arrays.equals(a.encryptedBlock, encryptedBlock);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(nonce) * 31 + Arrays.hashCode(encryptedBlock);
    }

    @Override
    public String toString() {
        return "AccessToken[nonce=" + HexFormat.of().formatHex(nonce) + ", " + encryptedBlock.length + " bytes]";
    }
}
