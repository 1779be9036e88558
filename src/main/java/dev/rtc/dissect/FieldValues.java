package dev.rtc.dissect;

/**
 * The values a dissected frame holds, by field id: a field may occur zero, one or several times
 * ({@code ip.addr} twice, {@code stun.att.type} once per attribute). The display filter evaluates against this and
 * nothing else of a packet.
 */
public interface FieldValues {
    /** How many times the field occurs in this frame (0 when absent). */
    int count(int fieldId);

    /** The i-th occurrence of a numeric field (see {@link FieldType#numeric()}). */
    long getLong(int fieldId, int index);

    /**
     * The i-th occurrence as bytes: BYTES, IPV6 (16), ETHER (6), PROTOCOL (the bytes its item covers, as far as they were captured), STRING (UTF-8).
     * For numeric fields, the big-endian bytes of the value at the field's width.
     */
    byte[] getBytes(int fieldId, int index);

    /** The i-th occurrence of a STRING field (or the string form of any other type). */
    String getString(int fieldId, int index);

    /**
     * The i-th occurrence's length in bytes as {@code len()} gives it. For a protocol that is the length of
     * Wireshark's item for it (a header, a message), which can run past the captured bytes when the header is cut
     * short; for other fields the length of {@link #getBytes}.
     */
    default int length(int fieldId, int index) {
        return getBytes(fieldId, index).length;
    }

    /**
     * What {@code contains} and {@code matches} search in the i-th occurrence. For a protocol, as in Wireshark,
     * its bytes from its start to the end of the data its layer was handed (an IP header and everything it
     * carries); for other fields the value's bytes.
     */
    default byte[] searchBytes(int fieldId, int index) {
        return getBytes(fieldId, index);
    }

    /** The i-th occurrence of a DOUBLE field. */
    default double getDouble(int fieldId, int index) {
        return getLong(fieldId, index);
    }
}
