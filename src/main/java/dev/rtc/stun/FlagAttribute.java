package dev.rtc.stun;

/** An attribute whose presence is its meaning and whose value is empty: USE-CANDIDATE, DONT-FRAGMENT. */
public record FlagAttribute(AttributeType type) implements Attribute {
    static boolean isFlagType(AttributeType t) {
        return t.equals(AttributeType.USE_CANDIDATE) || t.equals(AttributeType.DONT_FRAGMENT);
    }
}
