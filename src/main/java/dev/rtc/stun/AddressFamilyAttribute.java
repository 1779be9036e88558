package dev.rtc.stun;

/**
 * REQUESTED-ADDRESS-FAMILY or ADDITIONAL-ADDRESS-FAMILY (RFC 8656): the relay address family asked for,
 * 0x01 IPv4, 0x02 IPv6 (other values are kept so a server can reject them with 440).
 */
public record AddressFamilyAttribute(AttributeType type, int family) implements Attribute {
    public AddressFamilyAttribute {
        if (!isFamilyType(type)) {
            throw new IllegalArgumentException(type + " is not an address-family attribute");
        }
        if (family < 0 || family > 255) {
            throw new IllegalArgumentException("an address family is one byte, not " + family);
        }
    }

    static boolean isFamilyType(AttributeType t) {
        return t.equals(AttributeType.REQUESTED_ADDRESS_FAMILY) || t.equals(AttributeType.ADDITIONAL_ADDRESS_FAMILY);
    }

    /** "IPv4", "IPv6" or the number in hex. */
    public static String familyName(int family) {
        return switch (family) {
            case AddressAttribute.FAMILY_IPV4 -> "IPv4";
            case AddressAttribute.FAMILY_IPV6 -> "IPv6";
            default -> String.format("0x%02x", family);
        };
    }
}
