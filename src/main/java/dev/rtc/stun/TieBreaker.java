package dev.rtc.stun;

/** ICE-CONTROLLED or ICE-CONTROLLING (RFC 8445): the agent's role and its 64-bit tie-breaker (unsigned). */
public record TieBreaker(AttributeType type, long value) implements Attribute {
    public TieBreaker {
        if (!isTieBreakerType(type)) {
            throw new IllegalArgumentException("a tie-breaker is ICE-CONTROLLED or ICE-CONTROLLING, not " + type);
        }
    }

    public boolean controlling() {
        return type.equals(AttributeType.ICE_CONTROLLING);
    }

    /** The tie-breaker as an unsigned decimal number. */
    public String unsignedValue() {
        return Long.toUnsignedString(value);
    }

    static boolean isTieBreakerType(AttributeType t) {
        return t.equals(AttributeType.ICE_CONTROLLED) || t.equals(AttributeType.ICE_CONTROLLING);
    }
}
