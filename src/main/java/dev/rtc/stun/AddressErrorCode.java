package dev.rtc.stun;

/** ADDRESS-ERROR-CODE (RFC 8656): why the relay of one address family (0x01, 0x02) could not be allocated. */
public record AddressErrorCode(int family, int code, String reason) implements Attribute {
    public AddressErrorCode {
        if (family < 0 || family > 255) {
            throw new IllegalArgumentException("an address family is one byte, not " + family);
        }
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("an error code is 300..699, not " + code);
        }
        if (reason == null) {
            throw new IllegalArgumentException("reason must not be null");
        }
    }

    @Override
    public AttributeType type() {
        return AttributeType.ADDRESS_ERROR_CODE;
    }
}
