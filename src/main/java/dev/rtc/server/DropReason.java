package dev.rtc.server;

/**
 * Why the server sent nothing back, as counted in its metrics ({@link #label()} is the Prometheus label value).
 */
public enum DropReason {
    /** Not a STUN message: too short, top bits set, a length that does not fit, a broken attribute. */
    MALFORMED("malformed"),
    /** A STUN indication or response: never answered. */
    NOT_REQUEST("not_request"),
    /** A request of another method than Binding. */
    NOT_BINDING("not_binding"),
    /** A Binding request whose FINGERPRINT does not match its bytes. */
    BAD_FINGERPRINT("bad_fingerprint"),
    /** The source address has used up its answers for now. */
    RATE_LIMITED("rate_limited"),
    /** TCP or TLS: a message larger than the limit, or too many connections. */
    TCP_LIMIT("tcp_limit"),
    /** The answer could not be sent (the kernel refused it). */
    SEND_FAILED("send_failed");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
