package dev.rtc.stun;

import java.util.Map;

/** ERROR-CODE: a code 300-699 (class * 100 + number) and a reason phrase. */
public record ErrorCode(int code, String reason) implements Attribute {
    public static final int TRY_ALTERNATE = 300;
    public static final int BAD_REQUEST = 400;
    public static final int UNAUTHENTICATED = 401;
    public static final int FORBIDDEN = 403;
    public static final int UNKNOWN_ATTRIBUTE = 420;
    public static final int ALLOCATION_MISMATCH = 437;
    public static final int STALE_NONCE = 438;
    public static final int ADDRESS_FAMILY_NOT_SUPPORTED = 440;
    public static final int WRONG_CREDENTIALS = 441;
    public static final int UNSUPPORTED_TRANSPORT_PROTOCOL = 442;
    public static final int PEER_ADDRESS_FAMILY_MISMATCH = 443;
    public static final int ALLOCATION_QUOTA_REACHED = 486;
    public static final int ROLE_CONFLICT = 487;
    public static final int SERVER_ERROR = 500;
    public static final int INSUFFICIENT_CAPACITY = 508;

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(300, "Try Alternate"),
            Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthenticated"),
            Map.entry(403, "Forbidden"),
            Map.entry(405, "Mobility Forbidden"),
            Map.entry(420, "Unknown Attribute"),
            Map.entry(437, "Allocation Mismatch"),
            Map.entry(438, "Stale Nonce"),
            Map.entry(440, "Address Family not Supported"),
            Map.entry(441, "Wrong Credentials"),
            Map.entry(442, "Unsupported Transport Protocol"),
            Map.entry(443, "Peer Address Family Mismatch"),
            Map.entry(446, "Connection Already Exists"),
            Map.entry(447, "Connection Timeout or Failure"),
            Map.entry(486, "Allocation Quota Reached"),
            Map.entry(487, "Role Conflict"),
            Map.entry(500, "Server Error"),
            Map.entry(508, "Insufficient Capacity"));

    public ErrorCode {
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("an error code is 300..699, not " + code);
        }
        if (reason == null) {
            throw new IllegalArgumentException("reason must not be null");
        }
    }

    /** The code with the reason phrase the RFCs give it. */
    public static ErrorCode of(int code) {
        return new ErrorCode(code, reasonFor(code));
    }

    /** The RFC's name for the code ("Stale Nonce"), or "" when no RFC names it. */
    public static String reasonFor(int code) {
        return REASONS.getOrDefault(code, "");
    }

    @Override
    public AttributeType type() {
        return AttributeType.ERROR_CODE;
    }
}
