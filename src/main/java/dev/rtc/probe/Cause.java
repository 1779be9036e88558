package dev.rtc.probe;

import dev.rtc.ice.ServerVerdict;
import dev.rtc.stun.ErrorCode;

/**
 * Why a probe failed, as the {@code cause} label of {@code rtc_probe_failure_info}: a short fixed set, so alerts
 * and dashboards can group by it without the cardinality of free text.
 */
public enum Cause {
    DNS("dns"),
    UNREACHABLE("unreachable"),
    TIMEOUT("timeout"),
    TLS("tls"),
    AUTH_REJECTED("auth_rejected"),
    STALE_NONCE("stale_nonce"),
    FORBIDDEN("forbidden"),
    QUOTA("quota"),
    CAPACITY("capacity"),
    REDIRECTED("redirected"),
    BAD_RESPONSE("bad_response"),
    ERROR("error"),
    /** The exchange worked, but a kind of relay the module requires was not gathered. */
    REQUIRE("require"),
    /** An allocation was made, but no packet came back through the relay. */
    RELAY_CHECK("relay_check"),
    /** ice-loopback: allocations were made, but two ICE agents could not connect through them. */
    ICE("ice");

    private final String label;

    Cause(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The cause of a failed verdict (null for OK). */
    static Cause of(ServerVerdict v) {
        if (v.noAnswer()) {
            return TIMEOUT;
        }
        return switch (v.outcome()) {
            case OK, SKIPPED -> null;
            case DNS_FAILURE -> DNS;
            case UNREACHABLE -> UNREACHABLE;
            case TLS_FAILURE -> TLS;
            case AUTH_MISSING, AUTH_REJECTED -> AUTH_REJECTED;
            case STALE_NONCE_LOOP -> STALE_NONCE;
            case FORBIDDEN -> FORBIDDEN;
            case QUOTA_OR_CAPACITY -> v.errorCode() != null && v.errorCode() == ErrorCode.INSUFFICIENT_CAPACITY
                    ? CAPACITY : QUOTA;
            case REDIRECTED -> REDIRECTED;
            case BAD_RESPONSE -> BAD_RESPONSE;
            case ALLOCATION_MISMATCH, ERROR -> ERROR;
        };
    }
}
