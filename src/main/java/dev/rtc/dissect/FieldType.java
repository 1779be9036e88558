package dev.rtc.dissect;

/**
 * The value type of a dissector field, after Wireshark's FT_* types (what {@code tshark -G fields} prints in its
 * fourth column). It decides how a display-filter literal is parsed and how values compare.
 */
public enum FieldType {
    /** A protocol (FT_PROTOCOL): present when the layer is; its value is the layer's bytes. */
    PROTOCOL,
    /** A label without value (FT_NONE). */
    NONE,
    /** FT_BOOLEAN: value 0 or 1 (a flag bit already masked and shifted). */
    BOOLEAN,
    /** FT_UINT8..FT_UINT64: unsigned; {@link Field#bits()} gives the width for range checks. */
    UINT,
    /** FT_INT8..FT_INT64: signed. */
    INT,
    /** FT_FRAMENUM: a frame number (unsigned 32). */
    FRAMENUM,
    /** FT_IPv4: value as an unsigned 32-bit number in a long. */
    IPV4,
    /** FT_IPv6: value as 16 bytes. */
    IPV6,
    /** FT_ETHER: value as 6 bytes. */
    ETHER,
    /** FT_BYTES: value as bytes. */
    BYTES,
    /** FT_STRING: value as a Java string (UTF-8 on the wire). */
    STRING,
    /** FT_ABSOLUTE_TIME: nanoseconds since the epoch. */
    ABSOLUTE_TIME,
    /** FT_RELATIVE_TIME: nanoseconds. */
    RELATIVE_TIME,
    /** FT_DOUBLE / FT_FLOAT. */
    DOUBLE;

    /** True when the value is carried as a long by {@link FieldValues#getLong}. */
    public boolean numeric() {
        return switch (this) {
            case BOOLEAN, UINT, INT, FRAMENUM, IPV4, ABSOLUTE_TIME, RELATIVE_TIME -> true;
            default -> false;
        };
    }

    /** Wireshark's name of the type at that width ({@code FT_UINT16}), as {@code tshark -G fields} prints it. */
    public String wiresharkName(int bits) {
        return switch (this) {
            case PROTOCOL -> "FT_PROTOCOL";
            case NONE -> "FT_NONE";
            case BOOLEAN -> "FT_BOOLEAN";
            case UINT -> "FT_UINT" + bits;
            case INT -> "FT_INT" + bits;
            case FRAMENUM -> "FT_FRAMENUM";
            case IPV4 -> "FT_IPv4";
            case IPV6 -> "FT_IPv6";
            case ETHER -> "FT_ETHER";
            case BYTES -> "FT_BYTES";
            case STRING -> "FT_STRING";
            case ABSOLUTE_TIME -> "FT_ABSOLUTE_TIME";
            case RELATIVE_TIME -> "FT_RELATIVE_TIME";
            case DOUBLE -> "FT_DOUBLE";
        };
    }
}
