package dev.rtc.stun;

/**
 * ICMP (RFC 8656): an ICMP error the relay received for the client's traffic, its type and code (one byte each,
 * as ICMP itself has them) and the 32-bit error data (e.g. the next-hop MTU).
 */
public record Icmp(int icmpType, int icmpCode, long errorData) implements Attribute {
    public Icmp {
        if (icmpType < 0 || icmpType > 255 || icmpCode < 0 || icmpCode > 255) {
            throw new IllegalArgumentException("ICMP type and code are one byte each");
        }
        if (errorData < 0 || errorData > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("ICMP error data is 32 bits");
        }
    }

    @Override
    public AttributeType type() {
        return AttributeType.ICMP;
    }
}
