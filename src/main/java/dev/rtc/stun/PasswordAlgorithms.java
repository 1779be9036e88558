package dev.rtc.stun;

import java.util.List;

/** PASSWORD-ALGORITHMS (RFC 8489): the algorithms a server offers, in its order of preference. */
public record PasswordAlgorithms(List<PasswordAlgorithm> algorithms) implements Attribute {
    public PasswordAlgorithms {
        algorithms = List.copyOf(algorithms);
    }

    @Override
    public AttributeType type() {
        return AttributeType.PASSWORD_ALGORITHMS;
    }
}
