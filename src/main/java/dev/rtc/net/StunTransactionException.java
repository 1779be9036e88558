package dev.rtc.net;

import java.net.InetSocketAddress;

/**
 * Why a client transaction ended without a response: its {@link Kind} tells callers "no answer", "refused",
 * "connection lost" and "malformed answer" apart; the message is one line meant for the user.
 */
public class StunTransactionException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The ways a transaction fails. */
    public enum Kind {
        /** Nothing valid came back in time ({@link StunTimeoutException}). */
        TIMEOUT,
        /** The destination answered with ICMP port unreachable. */
        UNREACHABLE,
        /** Sending failed, or the connection closed or failed before the answer. */
        IO,
        /** The answer with our transaction id could not be decoded. */
        MALFORMED
    }

    private final Kind kind;
    private final transient InetSocketAddress destination;

    public StunTransactionException(Kind kind, InetSocketAddress destination, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.destination = destination;
    }

    public Kind kind() {
        return kind;
    }

    public InetSocketAddress destination() {
        return destination;
    }
}
