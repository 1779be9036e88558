package dev.rtc.filter;

/**
 * One range of a slice's brackets ({@code i:j}, {@code i-j}, {@code i}, {@code :j}, {@code i:}), read as
 * Wireshark 4.0 reads it: the piece exactly as written (spaces included, and named so in the messages), numbers
 * in C's {@code strtol} base-0 forms (decimal, {@code 0x} hex, {@code 0} octal, a sign, leading spaces), each
 * within a 32-bit int.
 */
final class SliceRange {
    private final String raw;
    private final Span span;

    private SliceRange(String raw, Span span) {
        this.raw = raw;
        this.span = span;
    }

    /**
     * The range written {@code raw} at {@code offset} of the filter; {@code next} is the character that ends it
     * (',' or ']'), named when the piece is empty.
     */
    static Ast.Range parse(String raw, int offset, char next) {
        Span span = new Span(offset, offset + raw.length());
        if (raw.isEmpty()) {
            throw FilterException.at(new Span(offset, offset + 1), "\"" + next + "\" was unexpected in this context.");
        }
        return new SliceRange(raw, span).read();
    }

    private Ast.Range read() {
        if (raw.charAt(0) == ':') {
            String rest = raw.substring(1);
            if (rest.isEmpty()) {
                return new Ast.Range(0, null, null, span);
            }
            return withLength(0, whole(rest));
        }
        Number start = Number.at(raw, 0);
        if (start == null) {
            throw error("is not a valid number.");
        }
        if (start.overflows()) {
            throw error("causes an integer overflow.");
        }
        int i = skipSpaces(raw, start.end());
        if (i == raw.length()) {
            return new Ast.Range((int) start.value(), 1, null, span);
        }
        String rest = raw.substring(i + 1);
        return switch (raw.charAt(i)) {
            case ':' -> rest.isEmpty() ? new Ast.Range((int) start.value(), null, null, span)
                    : withLength((int) start.value(), whole(rest));
            case '-' -> withEnd((int) start.value(), whole(rest));
            default -> throw error("is not a valid range.");
        };
    }

    private Ast.Range withLength(int start, int length) {
        if (length <= 0) {
            throw FilterException.at(span, "Range " + raw + " isn't valid because length " + length
                    + " isn't positive");
        }
        return new Ast.Range(start, length, null, span);
    }

    private Ast.Range withEnd(int start, int end) {
        if ((start < 0 && end > 0) || (start > 0 && end < 0)) {
            throw FilterException.at(span, "Range " + raw + " isn't valid because " + start + " and " + end
                    + " have different signs");
        }
        if (start >= end) {
            throw FilterException.at(span, "Range " + raw + " isn't valid because " + start
                    + " is greater or equal than " + end);
        }
        return new Ast.Range(start, null, end, span);
    }

    /** The second number of a range: nothing but spaces may follow it. */
    private int whole(String text) {
        Number n = Number.at(text, 0);
        if (n == null || n.overflows() || skipSpaces(text, n.end()) != text.length()) {
            throw error("is not a valid range.");
        }
        return (int) n.value();
    }

    private FilterException error(String what) {
        return FilterException.at(span, "\"" + raw + "\" " + what);
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    /** A number read the way C's strtol reads one with base 0, saturated as strtoll saturates. */
    private record Number(long value, int end, boolean saturated) {
        boolean overflows() {
            return saturated || value > Integer.MAX_VALUE || value < Integer.MIN_VALUE;
        }

        /** The number at {@code from}, or null when no digit is there. */
        static Number at(String s, int from) {
            int i = skipSpaces(s, from);
            boolean negative = false;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                negative = s.charAt(i) == '-';
                i++;
            }
            int radix = 10;
            if (i + 1 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                    && i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0) {
                radix = 16;
                i += 2;
            } else if (i < s.length() && s.charAt(i) == '0') {
                radix = 8;
            }
            int digits = i;
            long v = 0;
            boolean saturated = false;
            while (i < s.length() && s.charAt(i) < 128 && Character.digit(s.charAt(i), radix) >= 0) {
                int d = Character.digit(s.charAt(i), radix);
                if (v > (Long.MAX_VALUE - d) / radix) {
                    saturated = true;
                } else {
                    v = v * radix + d;
                }
                i++;
            }
            if (i == digits) {
                return null;
            }
            return new Number(negative ? -v : v, i, saturated);
        }
    }
}
