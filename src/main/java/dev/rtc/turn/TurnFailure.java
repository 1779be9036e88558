package dev.rtc.turn;

/** Why a TURN transaction did not give what was asked, in the words an operator uses. */
public enum TurnFailure {
    /** The server wants credentials (401) and none were given. */
    AUTH_MISSING,
    /** 401 (or 441) after credentials were sent: wrong user, password or secret. */
    AUTH_REJECTED,
    /** 438 Stale Nonce again and again. */
    STALE_NONCE_LOOP,
    /** 403 Forbidden. */
    FORBIDDEN,
    /** 486 Allocation Quota Reached or 508 Insufficient Capacity. */
    QUOTA_OR_CAPACITY,
    /** 300 Try Alternate when one redirect was already followed (or without ALTERNATE-SERVER). */
    REDIRECTED,
    /** 437 Allocation Mismatch. */
    ALLOCATION_MISMATCH,
    /** A success response without what it must carry, or with a wrong MESSAGE-INTEGRITY. */
    BAD_RESPONSE,
    /** Any other error response. */
    ERROR
}
