package dev.rtc.stun;

/** The outcome of checking MESSAGE-INTEGRITY(-SHA256) or FINGERPRINT. */
public enum Verification {
    /** The attribute is present and matches. */
    VALID,
    /** The attribute is present and does not match (wrong key, or the message was altered). */
    INVALID,
    /** The message carries no such attribute (or only one that must be ignored). */
    ABSENT
}
