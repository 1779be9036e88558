package dev.rtc.cli.shell;

import dev.rtc.filter.Operators;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A light split of a display filter into tokens with their offsets, enough for completion and for checking
 * field names as they are typed. The display-filter compiler does the real parse.
 */
final class FilterTokens {
    /** A token and where it starts and ends in the filter. */
    record Token(String text, int start, int end, Type type) {
    }

    enum Type { NAME, STRING, OPERATOR, PUNCTUATION }

    /** The comparison operators, as the display-filter scanner spells them (after one, value names are offered). */
    static final Set<String> COMPARISON = Operators.of(Operators.Role.COMPARISON);

    private FilterTokens() {
    }

    static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == ':' || c == '/';
    }

    static List<Token> split(String filter) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = filter.length();
        while (i < n) {
            char c = filter.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '"') {
                i++;
                while (i < n && filter.charAt(i) != '"') {
                    i += filter.charAt(i) == '\\' ? 2 : 1;
                }
                i = Math.min(n, i + 1);
                out.add(new Token(filter.substring(start, i), start, i, Type.STRING));
            } else if (isNameChar(c)) {
                while (i < n && isNameChar(filter.charAt(i))) {
                    i++;
                }
                out.add(new Token(filter.substring(start, i), start, i, Type.NAME));
            } else if ("=!<>~&|^".indexOf(c) >= 0) {
                while (i < n && "=!<>~&|^".indexOf(filter.charAt(i)) >= 0) {
                    i++;
                }
                out.add(new Token(filter.substring(start, i), start, i, Type.OPERATOR));
            } else {
                i++;
                out.add(new Token(filter.substring(start, i), start, i, Type.PUNCTUATION));
            }
        }
        return out;
    }
}
