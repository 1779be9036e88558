package dev.rtc.filter;

import dev.rtc.dissect.FieldText;
import dev.rtc.dissect.FieldType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Operations on run-time values (Long, Double, byte[], String) and on constants (CIDR blocks). */
final class Ops {
    private Ops() {
    }

    static boolean equal(Object a, Object b) {
        if (b instanceof Literals.Cidr4 c) {
            return a instanceof Long l && c.contains(l);
        }
        if (b instanceof Literals.Cidr6 c) {
            return a instanceof byte[] x && c.contains(x);
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return a.equals(b);
    }

    static int compare(Object a, Object b) {
        if (b instanceof Literals.Cidr4 c) {
            return Long.compare((Long) a, c.net());
        }
        if (b instanceof Literals.Cidr6 c) {
            return Arrays.compareUnsigned((byte[]) a, c.net());
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Double x && b instanceof Double y) {
            return Double.compare(x, y);
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.compareUnsigned(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        throw new IllegalStateException("cannot order " + a.getClass() + " and " + b.getClass());
    }

    static boolean contains(Object a, Object b) {
        if (a instanceof String s && b instanceof String t) {
            return s.contains(t);
        }
        byte[] hay = a instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) a;
        byte[] needle = b instanceof String t ? t.getBytes(StandardCharsets.UTF_8) : (byte[]) b;
        return indexOf(hay, needle) >= 0;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The text a regular expression runs over: strings as they are, bytes one character per byte. */
    static String text(Object a) {
        return a instanceof String s ? s : new String((byte[]) a, StandardCharsets.ISO_8859_1);
    }

    /** x op y, or null when undefined (division by zero). */
    static Object arith(Ast.ArithOp op, Object x, Object y) {
        if (x instanceof Long a && y instanceof Long b) {
            return switch (op) {
                case BITAND -> a & b;
                case PLUS -> a + b;
                case MINUS -> a - b;
                case TIMES -> a * b;
                case DIVIDE -> b == 0 ? null : a / b;
                case MODULO -> b == 0 ? null : a % b;
            };
        }
        double a = ((Number) x).doubleValue();
        double b = ((Number) y).doubleValue();
        return switch (op) {
            case BITAND -> null;
            case PLUS -> a + b;
            case MINUS -> a - b;
            case TIMES -> a * b;
            case DIVIDE -> b == 0 ? null : a / b;
            case MODULO -> b == 0 ? null : a % b;
        };
    }

    /** A value as the bytes a slice takes from: strings in UTF-8, numbers big-endian at the type's width. */
    static byte[] bytes(Object o, FieldType type, int bits) {
        if (o instanceof byte[] b) {
            return b;
        }
        if (o instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        long v = (Long) o;
        int width = Types.width(type, bits);
        byte[] out = new byte[width];
        for (int i = width - 1; i >= 0; i--) {
            out[i] = (byte) v;
            v >>>= 8;
        }
        return out;
    }

    /** The bytes the ranges select, concatenated; null when a range falls outside the value. */
    private static final byte[] EMPTY = new byte[0];

    static byte[] slice(byte[] b, List<Ast.Range> ranges) {
        return slice(b, b.length, ranges);
    }

    /**
     * A slice of a value {@code length} bytes long of which only the first {@code b.length} were captured (a
     * protocol whose header is cut short): offsets count from the whole length. A range that does not lie wholly
     * inside the captured bytes adds nothing, as in Wireshark 4.0: a slice of a value is always there, empty when
     * no range fits, so {@code ip[8:1] == ip[9:1]} holds on a 2-byte IPv4 header while {@code ip[8:1]} alone does
     * not.
     */
    static byte[] slice(byte[] b, int length, List<Ast.Range> ranges) {
        byte[] out = EMPTY;
        for (Ast.Range r : ranges) {
            int start = r.start() < 0 ? length + r.start() : r.start();
            int end;
            if (r.length() != null) {
                end = start + r.length();
            } else if (r.end() != null) {
                int e = r.end() < 0 ? length + r.end() : r.end();
                end = e + 1;
            } else {
                end = length;
            }
            if (start < 0 || start >= length || end > b.length || end <= start) {
                continue;
            }
            byte[] piece = Arrays.copyOfRange(b, start, end);
            if (out.length == 0) {
                out = piece;
            } else {
                byte[] joined = Arrays.copyOf(out, out.length + piece.length);
                System.arraycopy(piece, 0, joined, out.length, piece.length);
                out = joined;
            }
        }
        return out;
    }

    /** A value as Wireshark's string() shows it: integers in decimal, addresses in their usual notation. */
    static String display(Object o, FieldType type) {
        if (o instanceof String s) {
            return s;
        }
        if (type == FieldType.IPV4) {
            return FieldText.ipv4((Long) o);
        }
        if (o instanceof byte[] b) {
            // other bytes as colon-separated pairs, the same text as an Ethernet address
            return b.length == 16 && type == FieldType.IPV6 ? FieldText.ipv6(b) : FieldText.ether(b);
        }
        if (o instanceof Double d) {
            return Double.toString(d);
        }
        return Long.toString((Long) o);
    }
}
