package dev.rtc.stun;

/** The class of a STUN message, the two C bits of the message type (RFC 8489 section 5). */
public enum MessageClass {
    REQUEST(0b00, "Request"),
    INDICATION(0b01, "Indication"),
    SUCCESS_RESPONSE(0b10, "Success Response"),
    ERROR_RESPONSE(0b11, "Error Response");

    private final int bits;
    private final String label;

    MessageClass(int bits, String label) {
        this.bits = bits;
        this.label = label;
    }

    /** The two class bits, C1 C0, as a number 0..3. */
    public int bits() {
        return bits;
    }

    /** The name as RFCs and Wireshark print it: "Success Response". */
    public String label() {
        return label;
    }

    /** The class of the two bits {@code bits & 3}. */
    public static MessageClass ofBits(int bits) {
        return values()[bits & 3];
    }

    public boolean isResponse() {
        return this == SUCCESS_RESPONSE || this == ERROR_RESPONSE;
    }
}
