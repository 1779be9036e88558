package dev.rtc.net;

import java.io.IOException;

/**
 * A TCP or TLS connection that could not be set up, saying at which stage and why, so callers can report
 * "refused", "timed out" and "certificate rejected" apart.
 */
public final class StreamConnectException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Where setting up the connection stopped. */
    public enum Stage { TCP_CONNECT, TLS_HANDSHAKE }

    /** Why it stopped. */
    public enum Reason { REFUSED, TIMEOUT, CERTIFICATE, OTHER }

    private final Stage stage;
    private final Reason reason;

    public StreamConnectException(Stage stage, Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
        this.reason = reason;
    }

    public Stage stage() {
        return stage;
    }

    public Reason reason() {
        return reason;
    }
}
