package dev.rtc.stun;

/** ECN-CHECK (RFC 6679): the ECN field (2 bits) the server saw on the request, valid when V is set. */
public record EcnCheck(boolean valid, int ecnField) implements Attribute {
    public EcnCheck {
        if (ecnField < 0 || ecnField > 3) {
            throw new IllegalArgumentException("the ECN field is 2 bits, not " + ecnField);
        }
    }

    @Override
    public AttributeType type() {
        return AttributeType.ECN_CHECK;
    }
}
