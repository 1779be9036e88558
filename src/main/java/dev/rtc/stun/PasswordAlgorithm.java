package dev.rtc.stun;

import java.util.Arrays;
import java.util.HexFormat;

/** PASSWORD-ALGORITHM (RFC 8489): the algorithm the long-term key is made with, 0x0001 MD5, 0x0002 SHA-256. */
public record PasswordAlgorithm(int algorithm, byte[] parameters) implements Attribute {
    public static final int MD5 = 0x0001;
    public static final int SHA256 = 0x0002;

    public PasswordAlgorithm {
        if (algorithm < 0 || algorithm > 0xFFFF) {
            throw new IllegalArgumentException("an algorithm number is 16 bits, not " + algorithm);
        }
        if (parameters.length > 0xFFFF) {
            throw new IllegalArgumentException("algorithm parameters are at most 65535 bytes");
        }
        parameters = parameters.clone();
    }

    public PasswordAlgorithm(int algorithm) {
        this(algorithm, new byte[0]);
    }

    @Override
    public byte[] parameters() {
        return parameters.clone();
    }

    /** "MD5", "SHA-256" or the number in hex. */
    public String algorithmName() {
        return switch (algorithm) {
            case MD5 -> "MD5";
            case SHA256 -> "SHA-256";
            default -> String.format("0x%04x", algorithm);
        };
    }

    @Override
    public AttributeType type() {
        return AttributeType.PASSWORD_ALGORITHM;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordAlgorithm p && p.algorithm == algorithm && Arrays.equals(p.parameters, parameters);
    }

    @Override
    public int hashCode() {
        return algorithm * 31 + Arrays.hashCode(parameters);
    }

    @Override
    public String toString() {
        return "PasswordAlgorithm[" + algorithmName()
                + (parameters.length == 0 ? "" : ", " + HexFormat.of().formatHex(parameters)) + "]";
    }
}
