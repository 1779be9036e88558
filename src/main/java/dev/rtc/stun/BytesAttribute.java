package dev.rtc.stun;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An opaque value: DATA, PASSWORD, USERHASH, RESERVATION-TOKEN, MOBILITY-TICKET, every attribute rtc does not
 * know (kept as raw bytes), and a text attribute whose bytes are not valid UTF-8.
 */
public record BytesAttribute(AttributeType type, byte[] value) implements Attribute {
    public BytesAttribute {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BytesAttribute b && b.type.equals(type) && Arrays.equals(b.value, value);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "BytesAttribute[" + type + ", " + HexFormat.of().formatHex(value) + "]";
    }
}
