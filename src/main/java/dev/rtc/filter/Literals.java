package dev.rtc.filter;

import dev.rtc.dissect.Field;
import dev.rtc.dissect.FieldType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a literal into a constant of the type it is compared with, with Wireshark's messages when it does not
 * fit. Constants are Long, Double, byte[] or String, or {@link Cidr4}/{@link Cidr6} for address blocks, or
 * {@link #NEVER} for a value no field of the type can hold (a negative number for an unsigned field: Wireshark
 * accepts it and matches nothing).
 */
final class Literals {
    private Literals() {
    }

    /** A constant that no value equals or orders against. */
    static final Object NEVER = new Object() {
        @Override
        public String toString() {
            return "never";
        }
    };

    /** An IPv4 block: value & mask == net. */
    record Cidr4(long net, long mask) {
        boolean contains(long addr) {
            return (addr & mask) == net;
        }
    }

    /** An IPv6 block of {@code bits} leading bits. */
    record Cidr6(byte[] net, int bits) {
        boolean contains(byte[] addr) {
            if (addr.length != 16) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int b = 0x80 >>> (i & 7);
                if ((addr[i >>> 3] & b) != (net[i >>> 3] & b)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Where a literal is going: a type, its width, and the field when there is one (for names and values). */
    record Target(FieldType type, int bits, Field field) {
        String name() {
            return field == null ? type.name().toLowerCase() : field.name();
        }

        Map<Long, String> valueNames() {
            return field == null ? Map.of() : field.valueNames();
        }

        long max() {
            return switch (type) {
                case BOOLEAN -> 1;
                case FRAMENUM -> 0xFFFF_FFFFL;
                case UINT -> bits >= 64 || bits == 0 ? Long.MAX_VALUE : (1L << bits) - 1;
                case INT -> bits >= 64 || bits == 0 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
                default -> Long.MAX_VALUE;
            };
        }

        long min() {
            return type == FieldType.INT ? (bits >= 64 || bits == 0 ? Long.MIN_VALUE : -(1L << (bits - 1))) : 0;
        }
    }

    /** How the literal was written. */
    enum Form { WORD, STRING, CHAR }

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern TIME = Pattern.compile("(-?)(\\d*)(?:\\.(\\d*))?");
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    /**
     * Converts a literal. A quoted string's {@code text} is a byte string (one char per byte, see {@link Token});
     * every type but the byte types reads it as UTF-8.
     */
    static Object convert(Form form, String text, Span span, Target t) {
        String value = form == Form.STRING ? utf8(text) : text;
        return switch (t.type()) {
            case UINT, INT, FRAMENUM -> integer(form, value, span, t);
            case BOOLEAN -> bool(form, value, span, t);
            case IPV4 -> form == Form.STRING ? fromString(t, value, span) : ipv4(value, span);
            case IPV6 -> form == Form.STRING ? fromString(t, value, span) : ipv6(value, span);
            case ETHER -> form == Form.STRING ? fromString(t, value, span) : ether(value, span);
            case BYTES, PROTOCOL, NONE -> bytes(form, text, span);
            case STRING -> value;
            case RELATIVE_TIME -> time(form, value, span, "Time offset");
            case ABSOLUTE_TIME -> AbsoluteTime.parse(value, span);
            case DOUBLE -> floating(form, value, span);
        };
    }

    /** A byte string held one char per byte, read as UTF-8. */
    static String utf8(String byteString) {
        return new String(byteString.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private static Object fromString(Target t, String text, Span span) {
        throw stringError(t, text, span);
    }

    private static FilterException stringError(Target t, String text, Span span) {
        return FilterException.at(span, Types.prettyName(t.type(), t.bits())
                + " cannot be converted from a string (\"" + text + "\").");
    }

    private static Object integer(Form form, String text, Span span, Target t) {
        if (form == Form.CHAR) {
            return range(text.charAt(0), "'" + text + "'", span, t);
        }
        // value names are read only when a literal may be one (most filters compare plain numbers)
        if (form == Form.STRING) {
            if (!t.valueNames().isEmpty()) {
                return byName(text, span, t);
            }
            throw stringError(t, text, span);
        }
        BigInteger n = parseInteger(text);
        if (n == null) {
            if (!t.valueNames().isEmpty()) {
                return byName(text, span, t);
            }
            throw FilterException.at(span, "\"" + text + "\" is not a valid number.");
        }
        if ((n.compareTo(BigInteger.valueOf(t.max())) > 0 || n.compareTo(BigInteger.valueOf(t.min())) < 0)
                && n.signum() >= 0 && !t.valueNames().isEmpty()) {
            return byName(text, span, t);
        }
        // Wireshark reads the number with strtoll (signed types) or strtoull (unsigned) before checking the field's
        // range: what does not fit in 64 bits is an overflow, not "too big"
        if (n.abs().compareTo(t.min() < 0 ? INT64_MAX : UINT64_MAX) > 0) {
            throw FilterException.at(span, "\"" + text + "\" causes an integer overflow.");
        }
        return range(n, text, span, t);
    }

    private static Object range(long n, String text, Span span, Target t) {
        return range(BigInteger.valueOf(n), text, span, t);
    }

    private static Object range(BigInteger n, String text, Span span, Target t) {
        if (n.signum() < 0 && t.min() == 0) {
            return NEVER;
        }
        if (n.compareTo(BigInteger.valueOf(t.max())) > 0) {
            throw FilterException.at(span, "\"" + text + "\" too big for this field, maximum " + t.max() + ".");
        }
        if (n.compareTo(BigInteger.valueOf(t.min())) < 0) {
            throw FilterException.at(span, "\"" + text + "\" too small for this field, minimum " + t.min() + ".");
        }
        return n.longValue();
    }

    private static Object byName(String text, Span span, Target t) {
        for (Map.Entry<Long, String> e : t.valueNames().entrySet()) {
            if (e.getValue().equalsIgnoreCase(text)) {
                return e.getKey();
            }
        }
        throw FilterException.at(span, "\"" + text + "\" cannot be found among the possible values for "
                + t.name() + ".");
    }

    /** Decimal, 0x hex, 0b binary, 0 octal, with an optional sign; null when it is not a number. */
    static BigInteger parseInteger(String text) {
        String s = text;
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.startsWith("-");
            s = s.substring(1);
        }
        int radix = 10;
        if (s.startsWith("0x") || s.startsWith("0X")) {
            radix = 16;
            s = s.substring(2);
        } else if (s.startsWith("0b") || s.startsWith("0B")) {
            radix = 2;
            s = s.substring(2);
        } else if (s.length() > 1 && s.startsWith("0")) {
            radix = 8;
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), radix) < 0) {
                return null;
            }
        }
        BigInteger n = new BigInteger(s, radix);
        return negative ? n.negate() : n;
    }

    private static Object bool(Form form, String text, Span span, Target t) {
        if (form == Form.CHAR) {
            return text.charAt(0) != 0 ? 1L : 0L;
        }
        if (form == Form.WORD) {
            BigInteger n = parseInteger(text);
            if (n != null) {
                return n.signum() != 0 ? 1L : 0L;
            }
        }
        if (text.equals("True") || text.equals("TRUE")) {
            return 1L;
        }
        if (text.equals("False") || text.equals("FALSE")) {
            return 0L;
        }
        return byName(text, span, t);
    }

    /** An address literal split at its "/" (bits null without one), as both address families write a prefix. */
    private record Prefixed(String address, Integer bits) {
        static Prefixed of(String text, Span span, String family) {
            int slash = text.indexOf('/');
            if (slash < 0) {
                return new Prefixed(text, null);
            }
            try {
                return new Prefixed(text.substring(0, slash), Integer.parseInt(text.substring(slash + 1)));
            } catch (NumberFormatException e) {
                throw notAnAddress(text, span, family);
            }
        }
    }

    private static FilterException notAnAddress(String text, Span span, String family) {
        return FilterException.at(span, "\"" + text + "\" is not a valid hostname or " + family + " address.");
    }

    private static Object ipv4(String text, Span span) {
        Prefixed p = Prefixed.of(text, span, "IPv4");
        Long value = parseIpv4(p.address());
        if (value == null) {
            throw notAnAddress(p.address(), span, "IPv4");
        }
        Integer bits = p.bits();
        if (bits == null) {
            return value;
        }
        if (bits > 32 || bits < 0) {
            throw FilterException.at(span, "Netmask bits in a CIDR IPv4 address should be <= 32, not " + bits);
        }
        long mask = bits == 0 ? 0 : (0xFFFF_FFFFL << (32 - bits)) & 0xFFFF_FFFFL;
        return new Cidr4(value & mask, mask);
    }

    static Long parseIpv4(String s) {
        var m = IPV4.matcher(s);
        if (!m.matches()) {
            return null;
        }
        long v = 0;
        for (int i = 1; i <= 4; i++) {
            int part = Integer.parseInt(m.group(i));
            if (part > 255) {
                return null;
            }
            v = (v << 8) | part;
        }
        return v;
    }

    private static Object ipv6(String text, Span span) {
        Prefixed p = Prefixed.of(text, span, "IPv6");
        byte[] value = parseIpv6(p.address());
        if (value == null) {
            throw notAnAddress(p.address(), span, "IPv6");
        }
        Integer bits = p.bits();
        if (bits == null) {
            return value;
        }
        if (bits > 128 || bits < 0) {
            throw FilterException.at(span, "Prefix in a IPv6 address should be <= 128, not " + bits);
        }
        return new Cidr6(value, bits);
    }

    /** An IPv6 address in text form (with :: and an IPv4 tail), or null. */
    static byte[] parseIpv6(String s) {
        if (s.isEmpty() || s.indexOf(':') < 0) {
            return null;
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] h = groups(head);
        int[] t = groups(tail);
        if (h == null || t == null) {
            return null;
        }
        int total = h.length + t.length;
        if (dbl < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < h.length; i++) {
            out[2 * i] = (byte) (h[i] >> 8);
            out[2 * i + 1] = (byte) h[i];
        }
        for (int i = 0; i < t.length; i++) {
            int at = 8 - t.length + i;
            out[2 * at] = (byte) (t[i] >> 8);
            out[2 * at + 1] = (byte) t[i];
        }
        return out;
    }

    /** 16-bit groups separated by colons; a trailing dotted quad counts as two groups. */
    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int extra = parts[parts.length - 1].contains(".") ? 1 : 0;
        int[] out = new int[parts.length + extra];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && extra == 1) {
                Long v4 = parseIpv4(p);
                if (v4 == null) {
                    return null;
                }
                out[i] = (int) (v4 >> 16);
                out[i + 1] = (int) (v4 & 0xFFFF);
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            for (char c : p.toCharArray()) {
                if (Character.digit(c, 16) < 0) {
                    return null;
                }
            }
            out[i] = Integer.parseInt(p, 16);
        }
        return out;
    }

    private static Object ether(String text, Span span) {
        byte[] b = parseBytes(text);
        if (b == null) {
            throw FilterException.at(span, "\"" + text + "\" is not a valid Ethernet address.");
        }
        if (b.length != 6) {
            throw FilterException.at(span, "\"" + text + "\" contains too " + (b.length < 6 ? "few" : "many")
                    + " bytes to be a valid Ethernet address.");
        }
        return b;
    }

    private static Object bytes(Form form, String text, Span span) {
        if (form != Form.WORD) {
            return text.getBytes(StandardCharsets.ISO_8859_1); // already a byte string
        }
        byte[] b = parseBytes(text);
        if (b == null) {
            throw FilterException.at(span, "\"" + text + "\" is not a valid byte string.");
        }
        return b;
    }

    /**
     * A byte string: hex pairs separated by ':', '.' or '-' ({@code 21:12:a4:42}), or one run of hex digits
     * ({@code 2112a442}, {@code 0x21}), or null.
     */
    static byte[] parseBytes(String text) {
        String s = text;
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        if (s.isEmpty()) {
            return null;
        }
        char sep = 0;
        for (char c : s.toCharArray()) {
            if (c == ':' || c == '.' || c == '-') {
                if (sep != 0 && sep != c) {
                    return null;
                }
                sep = c;
            } else if (Character.digit(c, 16) < 0) {
                return null;
            }
        }
        if (sep != 0) {
            // pairs of hex digits ("21:12:a4:42"); with dots also groups of four ("0000.5e00.5301")
            String[] parts = s.split(Pattern.quote(String.valueOf(sep)), -1);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (String part : parts) {
                if (part.isEmpty() || part.length() > 2 && !(sep == '.' && part.length() == 4)) {
                    return null;
                }
                if (part.length() == 4) {
                    out.write(Integer.parseInt(part.substring(0, 2), 16));
                    out.write(Integer.parseInt(part.substring(2), 16));
                } else {
                    out.write(Integer.parseInt(part, 16));
                }
            }
            return out.toByteArray();
        }
        if (s.length() % 2 == 1) {
            s = "0" + s;
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** Seconds with up to nine decimals, as nanoseconds. */
    private static Object time(Form form, String text, Span span, String typeName) {
        if (form != Form.WORD) {
            throw FilterException.at(span, typeName + " cannot be converted from a string (\"" + text + "\").");
        }
        var m = TIME.matcher(text);
        String frac = m.matches() && m.group(3) != null ? m.group(3) : "";
        // digits past the ninth are accepted only as zeros, as Wireshark does: a time has nanosecond resolution
        if (!m.matches() || (m.group(2).isEmpty() && frac.isEmpty())
                || (frac.length() > 9 && !frac.substring(9).chars().allMatch(c -> c == '0'))) {
            throw FilterException.at(span, "\"" + text + "\" is not a valid time.");
        }
        BigInteger seconds = m.group(2).isEmpty() ? BigInteger.ZERO : new BigInteger(m.group(2));
        long nanos = frac.isEmpty() ? 0 : Long.parseLong((frac + "000000000").substring(0, 9));
        // Wireshark takes any number of seconds (strtoul saturates); held as nanoseconds, a time beyond
        // 292 years is the largest one, which still orders above every real time offset
        long v = seconds.multiply(NANOS_PER_SECOND).add(BigInteger.valueOf(nanos)).min(INT64_MAX).longValueExact();
        return m.group(1).isEmpty() ? v : -v;
    }

    private static Object floating(Form form, String text, Span span) {
        if (form == Form.WORD) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                // falls through to the message
            }
        }
        if (form == Form.STRING) {
            throw FilterException.at(span, "Floating point (double-precision) cannot be converted from a string (\""
                    + text + "\").");
        }
        throw FilterException.at(span, "\"" + text + "\" is not a valid floating-point number.");
    }
}
