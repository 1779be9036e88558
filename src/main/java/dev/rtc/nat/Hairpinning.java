package dev.rtc.nat;

/** Whether a packet sent to one's own public address comes back (RFC 5780 section 4.5). */
public enum Hairpinning {
    SUPPORTED("supported"),
    NOT_SUPPORTED("not supported"),
    NOT_APPLICABLE("not applicable (no NAT)"),
    NOT_TESTED("not tested");

    private final String text;

    Hairpinning(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
