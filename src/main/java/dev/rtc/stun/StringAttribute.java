package dev.rtc.stun;

/** A UTF-8 text attribute: USERNAME, REALM, NONCE, SOFTWARE, ALTERNATE-DOMAIN, THIRD-PARTY-AUTHORIZATION. */
public record StringAttribute(AttributeType type, String value) implements Attribute {
    public StringAttribute {
        if (value == null) {
            throw new IllegalArgumentException(type + " value must not be null");
        }
    }

    static boolean isStringType(AttributeType t) {
        return t.equals(AttributeType.USERNAME) || t.equals(AttributeType.REALM) || t.equals(AttributeType.NONCE)
                || t.equals(AttributeType.SOFTWARE) || t.equals(AttributeType.ALTERNATE_DOMAIN)
                || t.equals(AttributeType.THIRD_PARTY_AUTHORIZATION);
    }
}
