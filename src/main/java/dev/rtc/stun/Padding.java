package dev.rtc.stun;

import java.util.Arrays;

/** PADDING (RFC 5780): free-form bytes that make a request bigger, to find MTU problems. */
public record Padding(byte[] content) implements Attribute {
    public Padding {
        content = content.clone();
    }

    /** Padding of {@code length} zero bytes. */
    public Padding(int length) {
        this(new byte[length]);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public int length() {
        return content.length;
    }

    @Override
    public AttributeType type() {
        return AttributeType.PADDING;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Padding p && Arrays.equals(p.content, content);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "Padding[" + content.length + " bytes]";
    }
}
