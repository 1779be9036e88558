package dev.rtc.net;

import java.time.Duration;
import java.util.Optional;

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
    private final transient Duration connectTime;

    public StreamConnectException(Stage stage, Reason reason, String message, Throwable cause) {
        this(stage, reason, message, cause, null);
    }

    /** @param connectTime how long the TCP connect took, when it succeeded and the TLS handshake failed */
    public StreamConnectException(Stage stage, Reason reason, String message, Throwable cause,
                                  Duration connectTime) {
        super(message, cause);
        this.stage = stage;
        this.reason = reason;
        this.connectTime = connectTime;
    }

    /** How long the TCP connect took before the TLS handshake failed; empty when the connect itself failed. */
    public Optional<Duration> connectTime() {
        return Optional.ofNullable(connectTime);
    }

    public Stage stage() {
        return stage;
    }

    public Reason reason() {
        return reason;
    }
}
