package dev.rtc.stun;

import java.util.List;

/** UNKNOWN-ATTRIBUTES: the comprehension-required types a server did not understand (sent with a 420). */
public record UnknownAttributes(List<Integer> types) implements Attribute {
    public UnknownAttributes {
        types = List.copyOf(types);
        for (int t : types) {
            if (t < 0 || t > 0xFFFF) {
                throw new IllegalArgumentException("an attribute type is 16 bits, not " + t);
            }
        }
    }

    @Override
    public AttributeType type() {
        return AttributeType.UNKNOWN_ATTRIBUTES;
    }
}
