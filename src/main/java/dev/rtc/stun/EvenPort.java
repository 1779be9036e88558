package dev.rtc.stun;

/** EVEN-PORT (RFC 8656): ask for an even relay port, and with R set, to reserve the next port too. */
public record EvenPort(boolean reserveNext) implements Attribute {
    @Override
    public AttributeType type() {
        return AttributeType.EVEN_PORT;
    }
}
