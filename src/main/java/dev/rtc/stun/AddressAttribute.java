package dev.rtc.stun;

import java.net.Inet4Address;
import java.net.InetSocketAddress;

/**
 * An address attribute (MAPPED-ADDRESS, XOR-MAPPED-ADDRESS, XOR-PEER-ADDRESS, OTHER-ADDRESS, ...). For the XOR
 * types the address is the real one: the codec applies the XOR with the cookie and transaction id both ways.
 */
public record AddressAttribute(AttributeType type, InetSocketAddress address) implements Attribute {
    public static final int FAMILY_IPV4 = 0x01;
    public static final int FAMILY_IPV6 = 0x02;

    public AddressAttribute {
        if (address == null || address.getAddress() == null) {
            throw new IllegalArgumentException(type + " needs a resolved address, not " + address);
        }
    }

    /** True for the types whose value is XOR'd with the magic cookie and transaction id. */
    public boolean isXor() {
        return isXorType(type);
    }

    /** 0x01 for IPv4, 0x02 for IPv6. */
    public int family() {
        return address.getAddress() instanceof Inet4Address ? FAMILY_IPV4 : FAMILY_IPV6;
    }

    static boolean isXorType(AttributeType t) {
        return t.equals(AttributeType.XOR_MAPPED_ADDRESS) || t.equals(AttributeType.XOR_PEER_ADDRESS)
                || t.equals(AttributeType.XOR_RELAYED_ADDRESS);
    }

    static boolean isAddressType(AttributeType t) {
        return isXorType(t) || t.equals(AttributeType.MAPPED_ADDRESS) || t.equals(AttributeType.RESPONSE_ADDRESS)
                || t.equals(AttributeType.SOURCE_ADDRESS) || t.equals(AttributeType.CHANGED_ADDRESS)
                || t.equals(AttributeType.REFLECTED_FROM) || t.equals(AttributeType.ALTERNATE_SERVER)
                || t.equals(AttributeType.RESPONSE_ORIGIN) || t.equals(AttributeType.OTHER_ADDRESS);
    }
}
