package dev.rtc.ice;

/** The states of a candidate pair in a checklist (RFC 8445 section 6.1.2.6). */
public enum PairState {
    FROZEN, WAITING, IN_PROGRESS, SUCCEEDED, FAILED;

    /** Lower case with a dash, as reports print it: "in-progress". */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
