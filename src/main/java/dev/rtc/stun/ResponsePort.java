package dev.rtc.stun;

/** RESPONSE-PORT (RFC 5780): the port the server should send its response to. */
public record ResponsePort(int port) implements Attribute {
    public ResponsePort {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("a port is 0..65535, not " + port);
        }
    }

    @Override
    public AttributeType type() {
        return AttributeType.RESPONSE_PORT;
    }
}
