package dev.rtc.cli;

import java.io.ByteArrayOutputStream;

/**
 * Hex as people paste it: {@code 0001 0000 2112a442...}, {@code 00:01:00:00}, with line breaks, a leading
 * {@code 0x}, and {@code #} comments to the end of a line (so annotated sample files read as they are).
 */
final class HexInput {
    private HexInput() {
    }

    /**
     * The bytes the text spells.
     *
     * @throws IllegalArgumentException naming the first bad character and its position, or an odd digit count
     */
    static byte[] parse(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int high = -1;
        int digits = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (Character.isWhitespace(c) || c == ':' || c == '-') {
                i++;
                continue;
            }
            if (c == '0' && i + 1 < n && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X') && high < 0
                    && (i + 2 >= n || Character.digit(text.charAt(i + 2), 16) >= 0)
                    && (i == 0 || !isHexDigit(text.charAt(i - 1)))) {
                i += 2; // a 0x prefix
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0 || c > 0x7f) {
                throw new IllegalArgumentException("'" + c + "' at character " + (i + 1) + " is not a hex digit");
            }
            digits++;
            if (high < 0) {
                high = d;
            } else {
                out.write((high << 4) | d);
                high = -1;
            }
            i++;
        }
        if (high >= 0) {
            throw new IllegalArgumentException("odd number of hex digits (" + digits + ")");
        }
        if (out.size() == 0) {
            throw new IllegalArgumentException("no hex digits");
        }
        return out.toByteArray();
    }

    private static boolean isHexDigit(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
