package dev.rtc.stun;

/** A 32-bit unsigned number: LIFETIME, PRIORITY, CONNECTION-ID, CACHE-TIMEOUT. */
public record UIntAttribute(AttributeType type, long value) implements Attribute {
    public UIntAttribute {
        if (value < 0 || value > 0xFFFFFFFFL) {
            throw new IllegalArgumentException(type + " is a 32-bit unsigned value, not " + value);
        }
    }

    static boolean isUIntType(AttributeType t) {
        return t.equals(AttributeType.LIFETIME) || t.equals(AttributeType.PRIORITY)
                || t.equals(AttributeType.CONNECTION_ID) || t.equals(AttributeType.CACHE_TIMEOUT);
    }
}
