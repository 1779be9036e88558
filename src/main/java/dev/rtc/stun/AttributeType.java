package dev.rtc.stun;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A STUN attribute type: a 16-bit number, named when an RFC registers it. Types below 0x8000 are
 * comprehension-required: an agent that does not know one must reject the request with 420 (RFC 8489 section 15).
 */
public final class AttributeType {
    private static final Map<Integer, AttributeType> KNOWN = new LinkedHashMap<>();

    // RFC 3489 / 5389 / 8489
    public static final AttributeType MAPPED_ADDRESS = known(0x0001, "MAPPED-ADDRESS");
    public static final AttributeType RESPONSE_ADDRESS = known(0x0002, "RESPONSE-ADDRESS");
    public static final AttributeType CHANGE_REQUEST = known(0x0003, "CHANGE-REQUEST");
    public static final AttributeType SOURCE_ADDRESS = known(0x0004, "SOURCE-ADDRESS");
    public static final AttributeType CHANGED_ADDRESS = known(0x0005, "CHANGED-ADDRESS");
    public static final AttributeType USERNAME = known(0x0006, "USERNAME");
    public static final AttributeType PASSWORD = known(0x0007, "PASSWORD");
    public static final AttributeType MESSAGE_INTEGRITY = known(0x0008, "MESSAGE-INTEGRITY");
    public static final AttributeType ERROR_CODE = known(0x0009, "ERROR-CODE");
    public static final AttributeType UNKNOWN_ATTRIBUTES = known(0x000A, "UNKNOWN-ATTRIBUTES");
    public static final AttributeType REFLECTED_FROM = known(0x000B, "REFLECTED-FROM");
    // RFC 8656 (TURN)
    public static final AttributeType CHANNEL_NUMBER = known(0x000C, "CHANNEL-NUMBER");
    public static final AttributeType LIFETIME = known(0x000D, "LIFETIME");
    public static final AttributeType XOR_PEER_ADDRESS = known(0x0012, "XOR-PEER-ADDRESS");
    public static final AttributeType DATA = known(0x0013, "DATA");
    public static final AttributeType REALM = known(0x0014, "REALM");
    public static final AttributeType NONCE = known(0x0015, "NONCE");
    public static final AttributeType XOR_RELAYED_ADDRESS = known(0x0016, "XOR-RELAYED-ADDRESS");
    public static final AttributeType REQUESTED_ADDRESS_FAMILY = known(0x0017, "REQUESTED-ADDRESS-FAMILY");
    public static final AttributeType EVEN_PORT = known(0x0018, "EVEN-PORT");
    public static final AttributeType REQUESTED_TRANSPORT = known(0x0019, "REQUESTED-TRANSPORT");
    public static final AttributeType DONT_FRAGMENT = known(0x001A, "DONT-FRAGMENT");
    // RFC 7635
    public static final AttributeType ACCESS_TOKEN = known(0x001B, "ACCESS-TOKEN");
    // RFC 8489
    public static final AttributeType MESSAGE_INTEGRITY_SHA256 = known(0x001C, "MESSAGE-INTEGRITY-SHA256");
    public static final AttributeType PASSWORD_ALGORITHM = known(0x001D, "PASSWORD-ALGORITHM");
    public static final AttributeType USERHASH = known(0x001E, "USERHASH");
    public static final AttributeType XOR_MAPPED_ADDRESS = known(0x0020, "XOR-MAPPED-ADDRESS");
    public static final AttributeType RESERVATION_TOKEN = known(0x0022, "RESERVATION-TOKEN");
    // RFC 8445 (ICE)
    public static final AttributeType PRIORITY = known(0x0024, "PRIORITY");
    public static final AttributeType USE_CANDIDATE = known(0x0025, "USE-CANDIDATE");
    // RFC 5780
    public static final AttributeType PADDING = known(0x0026, "PADDING");
    public static final AttributeType RESPONSE_PORT = known(0x0027, "RESPONSE-PORT");
    // RFC 6062
    public static final AttributeType CONNECTION_ID = known(0x002A, "CONNECTION-ID");
    // RFC 8656
    public static final AttributeType ADDITIONAL_ADDRESS_FAMILY = known(0x8000, "ADDITIONAL-ADDRESS-FAMILY");
    public static final AttributeType ADDRESS_ERROR_CODE = known(0x8001, "ADDRESS-ERROR-CODE");
    // RFC 8489
    public static final AttributeType PASSWORD_ALGORITHMS = known(0x8002, "PASSWORD-ALGORITHMS");
    public static final AttributeType ALTERNATE_DOMAIN = known(0x8003, "ALTERNATE-DOMAIN");
    // RFC 8656
    public static final AttributeType ICMP = known(0x8004, "ICMP");
    public static final AttributeType SOFTWARE = known(0x8022, "SOFTWARE");
    public static final AttributeType ALTERNATE_SERVER = known(0x8023, "ALTERNATE-SERVER");
    // RFC 7982
    public static final AttributeType TRANSACTION_TRANSMIT_COUNTER = known(0x8025, "TRANSACTION-TRANSMIT-COUNTER");
    // RFC 5780
    public static final AttributeType CACHE_TIMEOUT = known(0x8027, "CACHE-TIMEOUT");
    public static final AttributeType FINGERPRINT = known(0x8028, "FINGERPRINT");
    // RFC 8445
    public static final AttributeType ICE_CONTROLLED = known(0x8029, "ICE-CONTROLLED");
    public static final AttributeType ICE_CONTROLLING = known(0x802A, "ICE-CONTROLLING");
    // RFC 5780
    public static final AttributeType RESPONSE_ORIGIN = known(0x802B, "RESPONSE-ORIGIN");
    public static final AttributeType OTHER_ADDRESS = known(0x802C, "OTHER-ADDRESS");
    // RFC 6679
    public static final AttributeType ECN_CHECK = known(0x802D, "ECN-CHECK");
    // RFC 7635
    public static final AttributeType THIRD_PARTY_AUTHORIZATION = known(0x802E, "THIRD-PARTY-AUTHORIZATION");
    // RFC 8016
    public static final AttributeType MOBILITY_TICKET = known(0x8030, "MOBILITY-TICKET");

    private final int code;
    private final String name;

    private AttributeType(int code, String name) {
        this.code = code;
        this.name = name;
    }

    private static AttributeType known(int code, String name) {
        AttributeType t = new AttributeType(code, name);
        KNOWN.put(code, t);
        return t;
    }

    /** The type with this number; never throws (only the low 16 bits count). */
    public static AttributeType valueOf(int code) {
        int c = code & 0xFFFF;
        AttributeType t = KNOWN.get(c);
        return t != null ? t : new AttributeType(c, null);
    }

    /** Every type an RFC names, in code order as registered here. */
    public static Map<Integer, AttributeType> known() {
        return Collections.unmodifiableMap(KNOWN);
    }

    public int code() {
        return code;
    }

    /** "XOR-MAPPED-ADDRESS", or "0x8029"-style hex for a type rtc does not know. */
    public String name() {
        return name != null ? name : String.format("0x%04x", code);
    }

    public boolean isKnown() {
        return name != null;
    }

    /** Types 0x0000-0x7FFF must be understood by the receiver (RFC 8489 section 14). */
    public boolean comprehensionRequired() {
        return code < 0x8000;
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttributeType t && t.code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }
}
