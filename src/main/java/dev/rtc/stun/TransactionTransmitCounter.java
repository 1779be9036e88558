package dev.rtc.stun;

/**
 * TRANSACTION-TRANSMIT-COUNTER (RFC 7982): how many times the request was sent, and (in a response) how many
 * responses the server sent for it; lets a client tell request loss from response loss.
 */
public record TransactionTransmitCounter(int requests, int responses) implements Attribute {
    public TransactionTransmitCounter {
        if (requests < 0 || requests > 255 || responses < 0 || responses > 255) {
            throw new IllegalArgumentException("the counters are one byte each");
        }
    }

    @Override
    public AttributeType type() {
        return AttributeType.TRANSACTION_TRANSMIT_COUNTER;
    }
}
