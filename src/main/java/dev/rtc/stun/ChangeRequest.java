package dev.rtc.stun;

/** CHANGE-REQUEST (RFC 3489, RFC 5780): ask the server to answer from its other IP and/or other port. */
public record ChangeRequest(boolean changeIp, boolean changePort) implements Attribute {
    static final int CHANGE_IP = 0x04;
    static final int CHANGE_PORT = 0x02;

    @Override
    public AttributeType type() {
        return AttributeType.CHANGE_REQUEST;
    }
}
