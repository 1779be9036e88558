package dev.rtc.stun;

/** REQUESTED-TRANSPORT (RFC 8656): the IP protocol number of the relay, 17 for UDP, 6 for TCP (RFC 6062). */
public record RequestedTransport(int protocol) implements Attribute {
    public static final int UDP = 17;
    public static final int TCP = 6;

    public RequestedTransport {
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("a protocol number is 0..255, not " + protocol);
        }
    }

    @Override
    public AttributeType type() {
        return AttributeType.REQUESTED_TRANSPORT;
    }
}
