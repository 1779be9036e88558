package dev.rtc.filter;

import dev.rtc.dissect.FieldType;

/** How the filter treats each field type: the runtime kind of its values, names for messages, what it allows. */
final class Types {
    private Types() {
    }

    /** The Java shape of a value at run time. */
    enum Kind {
        /** Long: integers, booleans, frame numbers, IPv4 addresses, times in nanoseconds. */
        NUM,
        /** Double. */
        DOUBLE,
        /** byte[]: byte strings, protocols, IPv6 and MAC addresses, slices. */
        BYTES,
        /** String. */
        STRING
    }

    static Kind kind(FieldType type) {
        return switch (type) {
            case BOOLEAN, UINT, INT, FRAMENUM, IPV4, ABSOLUTE_TIME, RELATIVE_TIME -> Kind.NUM;
            case DOUBLE -> Kind.DOUBLE;
            case STRING -> Kind.STRING;
            case PROTOCOL, NONE, IPV6, ETHER, BYTES -> Kind.BYTES;
        };
    }

    /** Wireshark's description of a type, as its error messages print it. */
    static String prettyName(FieldType type, int bits) {
        return switch (type) {
            case BOOLEAN -> "Boolean";
            case UINT -> "Unsigned integer (" + bytes(bits) + ")";
            case INT -> "Signed integer (" + bytes(bits) + ")";
            case FRAMENUM -> "Frame number";
            case IPV4 -> "IPv4 address";
            case IPV6 -> "IPv6 address";
            case ETHER -> "Ethernet or other MAC address";
            case BYTES -> "Byte sequence";
            case STRING -> "Character string";
            case ABSOLUTE_TIME -> "Date and time";
            case RELATIVE_TIME -> "Time offset";
            case DOUBLE -> "Floating point (double-precision)";
            case PROTOCOL -> "Protocol";
            case NONE -> "Label";
        };
    }

    private static String bytes(int bits) {
        int n = Math.max(1, bits / 8);
        return n == 1 ? "1 byte" : n + " bytes";
    }

    /** Wireshark's internal name of a type (FT_STRING), used by its arithmetic errors. */
    static String ftName(FieldType type, int bits) {
        return type.wiresharkName(bits);
    }

    /** Types whose values compare with each other: the integer types are one family (booleans stand alone). */
    static boolean compatible(FieldType a, FieldType b) {
        return family(a) == family(b);
    }

    private static Object family(FieldType t) {
        return switch (t) {
            case UINT, INT, FRAMENUM -> "integer";
            default -> t;
        };
    }

    static boolean integer(FieldType t) {
        return t == FieldType.UINT || t == FieldType.INT || t == FieldType.FRAMENUM || t == FieldType.BOOLEAN;
    }

    /** Types that support some arithmetic (negation, abs()). */
    static boolean arithmetic(FieldType t) {
        return integer(t) || t == FieldType.DOUBLE || t == FieldType.RELATIVE_TIME;
    }

    /** Whether the operator applies: integers take all of them, floats no &, time offsets only + and -. */
    static boolean arithmetic(FieldType t, Ast.ArithOp op) {
        if (integer(t)) {
            return true;
        }
        return switch (op) {
            case PLUS, MINUS -> t == FieldType.DOUBLE || t == FieldType.RELATIVE_TIME;
            case TIMES, DIVIDE, MODULO -> t == FieldType.DOUBLE;
            case BITAND -> false;
        };
    }

    /** Types a slice can take bytes from. */
    static boolean sliceable(FieldType t) {
        return switch (t) {
            case BYTES, PROTOCOL, STRING, ETHER, IPV4, IPV6 -> true;
            default -> false;
        };
    }

    /** Types that can be searched with contains and matches. */
    static boolean searchable(FieldType t) {
        return t == FieldType.BYTES || t == FieldType.PROTOCOL || t == FieldType.STRING || t == FieldType.ETHER;
    }

    /** Size in bytes of a numeric value of this type, for len(). */
    static int width(FieldType t, int bits) {
        return switch (t) {
            case IPV4 -> 4;
            case FRAMENUM -> 4;
            case BOOLEAN, UINT, INT -> Math.max(1, bits / 8);
            default -> 8;
        };
    }
}
