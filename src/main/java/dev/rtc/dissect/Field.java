package dev.rtc.dissect;

import java.util.Map;
import java.util.function.Supplier;

/**
 * One dissector field, named as Wireshark names it ({@code udp.port}, {@code stun.att.type}).
 *
 * @param id          dense index in the registry, used by frames to store values
 * @param name        the display-filter name
 * @param description what tshark calls it (second column of {@code tshark -G fields})
 * @param type        the value type
 * @param bits        width in bits for UINT/INT (8, 16, 24, 32, 64), 0 otherwise
 * @param names       gives the names of values where Wireshark has them, on first use (most runs never need them)
 * @param hex         whether Wireshark shows the field's numbers in hexadecimal ({@code tshark -T fields} too)
 * @param column      for a protocol, its name in the summary line's protocol column ("CLASSIC-STUN" for
 *                    classicstun); null for the upper-case field name
 */
public record Field(int id, String name, String description, FieldType type, int bits,
                    Supplier<Map<Long, String>> names, boolean hex, String column) {
    public Field(int id, String name, String description, FieldType type, int bits, Map<Long, String> valueNames) {
        this(id, name, description, type, bits, constant(Map.copyOf(valueNames)), false, null);
    }

    private static Supplier<Map<Long, String>> constant(Map<Long, String> names) {
        return () -> names;
    }

    /** Names of values where Wireshark has them ({@code stun.att.crc32.status}: 1 = "Good"), else empty. */
    public Map<Long, String> valueNames() {
        return names.get();
    }

    /** The largest value the field can hold, for literal range checks (UINT/INT/FRAMENUM/BOOLEAN). */
    public long maxValue() {
        return switch (type) {
            case BOOLEAN -> 1;
            case FRAMENUM -> 0xFFFF_FFFFL;
            case UINT -> bits >= 64 ? Long.MAX_VALUE : (1L << bits) - 1;
            case INT -> bits >= 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
            default -> Long.MAX_VALUE;
        };
    }

    /** The smallest value the field can hold. */
    public long minValue() {
        return type == FieldType.INT ? (bits >= 64 ? Long.MIN_VALUE : -(1L << (bits - 1))) : 0;
    }

    /** A protocol's name in the summary line's protocol column. */
    public String columnName() {
        return column != null ? column : name.toUpperCase(java.util.Locale.ROOT);
    }

    /** True for a protocol name such as {@code stun} or {@code udp}. */
    public boolean isProtocol() {
        return type == FieldType.PROTOCOL;
    }
}
