package dev.rtc.dissect;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Field values as text, the way {@code tshark -T fields} prints them (hex where Wireshark's base is hex). */
public final class FieldText {
    private static final DateTimeFormatter ABSOLUTE =
            DateTimeFormatter.ofPattern("MMM ppd, yyyy HH:mm:ss", Locale.US).withZone(ZoneOffset.UTC);
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private FieldText() {
    }

    static String format(Field f, Frame frame, int i) {
        return switch (f.type()) {
            case STRING -> frame.rawString(i);
            case BYTES -> hex(frame.rawBytes(i));
            case PROTOCOL -> f.name();
            case NONE -> "1";
            case BOOLEAN -> frame.rawLong(i) != 0 ? "1" : "0";
            case UINT, INT, FRAMENUM -> number(f, frame.rawLong(i));
            case IPV4 -> ipv4(frame.rawLong(i));
            case IPV6 -> ipv6(frame.rawBytes(i));
            case ETHER -> ether(frame.rawBytes(i));
            case ABSOLUTE_TIME -> absolute(frame.rawLong(i));
            case RELATIVE_TIME -> relative(frame.rawLong(i));
            case DOUBLE -> Double.toString(frame.rawLong(i));
        };
    }

    static String number(Field f, long v) {
        if (f.hex()) {
            String h = Long.toHexString(v);
            int digits = Math.max(f.bits() / 4, 2);
            StringBuilder sb = new StringBuilder("0x");
            for (int k = h.length(); k < digits; k++) {
                sb.append('0');
            }
            return sb.append(h).toString();
        }
        return Long.toString(v);
    }

    /** Lower-case hex without separators. */
    public static String hex(byte[] b) {
        char[] c = new char[b.length * 2];
        for (int i = 0; i < b.length; i++) {
            c[2 * i] = DIGITS[(b[i] >> 4) & 0xF];
            c[2 * i + 1] = DIGITS[b[i] & 0xF];
        }
        return new String(c);
    }

    public static String ipv4(long v) {
        return ((v >> 24) & 0xFF) + "." + ((v >> 16) & 0xFF) + "." + ((v >> 8) & 0xFF) + "." + (v & 0xFF);
    }

    /** RFC 5952 text: lower case, the longest run of two or more zero groups as "::". */
    public static String ipv6(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] == 0) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen && j - i >= 2) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart == 0 && bestLen == 5 && g[5] == 0xFFFF) {
            return "::ffff:" + ipv4(((long) g[6] << 16) | g[7]);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    public static String ether(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(DIGITS[(b[i] >> 4) & 0xF]).append(DIGITS[b[i] & 0xF]);
        }
        return sb.toString();
    }

    /** Seconds with nine decimals, as tshark prints relative times. */
    public static String relative(long nanos) {
        String sign = nanos < 0 ? "-" : "";
        long a = Math.abs(nanos);
        return sign + (a / 1_000_000_000L) + "." + String.format("%09d", a % 1_000_000_000L);
    }

    public static String absolute(long nanos) {
        Instant t = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L));
        return ABSOLUTE.format(t) + "." + String.format("%09d", Math.floorMod(nanos, 1_000_000_000L)) + " UTC";
    }
}
