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
     * The i-th occurrence as bytes: BYTES, IPV6 (16), ETHER (6), PROTOCOL (the layer's bytes), STRING (UTF-8).
     * For numeric fields, the big-endian bytes of the value at the field's width.
     */
    byte[] getBytes(int fieldId, int index);

    /** The i-th occurrence of a STRING field (or the string form of any other type). */
    String getString(int fieldId, int index);

    /** The i-th occurrence of a DOUBLE field. */
    default double getDouble(int fieldId, int index) {
        return getLong(fieldId, index);
    }
}
