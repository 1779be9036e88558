package dev.rtc.filter;

import dev.rtc.filter.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a display filter into tokens. Unquoted words keep the characters field names, numbers, addresses and
 * byte strings are made of ({@code stun.att.port-xord}, {@code fe80::1/64}, {@code 21:12:a4:42}); a slice's
 * brackets are kept whole for the parser to read.
 */
final class Scanner {
    private final String src;
    private int pos;
    private final List<Token> out = new ArrayList<>();

    private Scanner(String src) {
        this.src = src;
    }

    static List<Token> scan(String src) {
        Scanner s = new Scanner(src);
        s.run();
        return s.out;
    }

    private void run() {
        while (true) {
            while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                pos++;
            }
            if (pos >= src.length()) {
                out.add(new Token(Kind.EOF, "", "", new Span(pos, pos)));
                return;
            }
            int start = pos;
            char c = src.charAt(pos);
            if (isWordStart(c)) {
                if ((c == 'r' || c == 'R') && pos + 1 < src.length() && src.charAt(pos + 1) == '"') {
                    pos++;
                    string(start, true);
                } else {
                    word(start);
                }
                continue;
            }
            switch (c) {
                case '(' -> punct(Kind.LPAREN, 1);
                case ')' -> punct(Kind.RPAREN, 1);
                case '{' -> punct(Kind.LBRACE, 1);
                case '}' -> punct(Kind.RBRACE, 1);
                case ',' -> punct(Kind.COMMA, 1);
                case '[' -> slice(start);
                case '"' -> string(start, false);
                case '\'' -> character(start);
                case '=' -> punct(at("===") ? Kind.ALL_EQ : at("==") ? Kind.EQ : Kind.INVALID,
                        at("===") ? 3 : at("==") ? 2 : 1);
                case '!' -> punct(at("!==") ? Kind.ANY_NE : at("!=") ? Kind.NE : Kind.NOT,
                        at("!==") ? 3 : at("!=") ? 2 : 1);
                case '~' -> punct(at("~=") ? Kind.ANY_NE : Kind.MATCHES, at("~=") ? 2 : 1);
                case '>' -> punct(at(">=") ? Kind.GE : Kind.GT, at(">=") ? 2 : 1);
                case '<' -> punct(at("<=") ? Kind.LE : Kind.LT, at("<=") ? 2 : 1);
                case '&' -> punct(at("&&") ? Kind.AND : Kind.BITAND, at("&&") ? 2 : 1);
                case '|' -> punct(at("||") ? Kind.OR : Kind.INVALID, at("||") ? 2 : 1);
                case '+' -> punct(Kind.PLUS, 1);
                case '-' -> punct(Kind.MINUS, 1);
                case '*' -> punct(Kind.STAR, 1);
                case '/' -> punct(Kind.SLASH, 1);
                case '%' -> punct(Kind.PERCENT, 1);
                case '$' -> macro(start);
                default -> punct(Kind.INVALID, Character.charCount(src.codePointAt(pos)));
            }
        }
    }

    private boolean at(String s) {
        return src.startsWith(s, pos);
    }

    private void punct(Kind kind, int len) {
        String text = src.substring(pos, pos + len);
        out.add(new Token(kind, text, text, new Span(pos, pos + len)));
        pos += len;
    }

    private static boolean isWordStart(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':');
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || c == '-' || c == '/';
    }

    private void word(int start) {
        if (at("..")) {
            punct(Kind.DOTDOT, 2);
            return;
        }
        boolean hexSoFar = true;
        boolean slash = false;
        while (pos < src.length() && isWordPart(src.charAt(pos)) && !at("..")) {
            char c = src.charAt(pos);
            // A colon continues only byte strings and addresses: "zz:12" is the word "zz" and then ":12".
            if (c == ':' && !hexSoFar) {
                break;
            }
            // Inside an address or byte string, a letter that is not hex or a second "::" starts a new token.
            String sofar = src.substring(start, pos);
            if (sofar.indexOf(':') >= 0 && (at("::") && sofar.contains("::")
                    || Character.digit(c, 16) < 0 && c != ':' && c != '.' && c != '/' && c != '-')) {
                break;
            }
            // A slash continues only a CIDR prefix: "10.0.0.0/8" is one word, "10.0.0.0/a" a division.
            if (c == '/' && (slash || !(pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))))) {
                break;
            }
            slash |= c == '/';
            hexSoFar &= Character.digit(c, 16) >= 0 || c == ':' || c == '.';
            pos++;
        }
        String text = src.substring(start, pos);
        Kind kw = Operators.wordKind(text);
        out.add(new Token(kw == null ? Kind.WORD : kw, text, text, new Span(start, pos)));
    }

    /** rtc has no display-filter macros: {@code ${name}} is reported as Wireshark reports an unknown one. */
    private void macro(int start) {
        int close = src.indexOf('}', start);
        if (src.startsWith("${", start) && close > 0) {
            throw new FilterException("macro '" + src.substring(start + 2, close) + "' does not exist");
        }
        punct(Kind.INVALID, 1);
    }

    private void slice(int start) {
        int close = src.indexOf(']', start + 1);
        if (close < 0) {
            throw new FilterException("The right bracket was missing from a slice.", src.length(), src.length() + 1);
        }
        out.add(new Token(Kind.SLICE, src.substring(start + 1, close), src.substring(start, close + 1),
                new Span(start + 1, close)));
        pos = close + 1;
    }

    /** A double-quoted string; raw strings (r"...") keep backslashes as they are. */
    private void string(int start, boolean raw) {
        pos++; // opening quote
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw new FilterException("The final quote was missing from a quoted string.",
                        src.length(), src.length() + 1);
            }
            char c = src.charAt(pos);
            if (c == '"') {
                pos++;
                break;
            }
            if (c == '\\' && pos + 1 < src.length()) {
                if (raw) {
                    value.append(c);
                    pos++;
                    int cp = src.codePointAt(pos);
                    utf8(value, cp);
                    pos += Character.charCount(cp);
                } else {
                    escape(value);
                }
                continue;
            }
            int cp = src.codePointAt(pos);
            utf8(value, cp);
            pos += Character.charCount(cp);
        }
        out.add(new Token(Kind.STRING, value.toString(), src.substring(start, pos), new Span(start, pos)));
    }

    /** Reads one backslash escape at {@code pos} into {@code value}. */
    private void escape(StringBuilder value) {
        int start = pos;
        char e = src.charAt(pos + 1);
        pos += 2;
        switch (e) {
            case '\\', '"', '\'' -> value.append(e);
            case 'a' -> value.append('\u0007');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'v' -> value.append('\u000b');
            case 'x' -> {
                int n = 0;
                int v = 0;
                while (n < 2 && pos < src.length() && Character.digit(src.charAt(pos), 16) >= 0) {
                    v = v * 16 + Character.digit(src.charAt(pos), 16);
                    pos++;
                    n++;
                }
                if (n == 0) {
                    throw new FilterException("\\x is not a valid character escape sequence", start, start + 2);
                }
                value.append((char) v);
            }
            case 'u', 'U' -> {
                int len = e == 'u' ? 4 : 8;
                int end = Math.min(src.length(), pos + len);
                String digits = src.substring(pos, end);
                int cp = digits.length() == len && digits.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)
                        ? (int) Long.parseLong(digits, 16) : -1;
                // C's rule for universal character names: not below U+00A0 (but $ @ `), not a surrogate
                boolean valid = cp >= 0xA0 && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF)
                        || cp == 0x24 || cp == 0x40 || cp == 0x60;
                if (!valid) {
                    throw new FilterException(src.substring(start, end) + " is not a valid universal character name",
                            start, end);
                }
                utf8(value, cp);
                pos += len;
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int v = e - '0';
                    int n = 1;
                    while (n < 3 && pos < src.length() && src.charAt(pos) >= '0' && src.charAt(pos) <= '7') {
                        v = v * 8 + (src.charAt(pos) - '0');
                        pos++;
                        n++;
                    }
                    value.append((char) (v & 0xFF));
                } else {
                    throw new FilterException("\\" + e + " is not a valid character escape sequence",
                            start, start + 2);
                }
            }
        }
    }

    /** Appends the UTF-8 bytes of a code point, one char per byte (string values are byte strings). */
    private static void utf8(StringBuilder value, int cp) {
        for (byte b : new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            value.append((char) (b & 0xFF));
        }
    }

    /** A character constant: one character, \\xHH, \\ooo, or an escaped quote or backslash. */
    private void character(int start) {
        int close = -1;
        for (int i = start + 1; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\'') {
                close = i;
                break;
            }
        }
        if (close < 0) {
            throw new FilterException("The final quote was missing from a quoted string.",
                    src.length(), src.length() + 1);
        }
        String raw = src.substring(start, close + 1);
        String body = src.substring(start + 1, close);
        Integer value = charValue(body);
        if (value == null) {
            throw new FilterException(raw + " is too long to be a valid character constant.", start, close + 1);
        }
        out.add(new Token(Kind.CHAR, String.valueOf((char) (int) value), raw, new Span(start, close + 1)));
        pos = close + 1;
    }

    private static Integer charValue(String body) {
        if (body.length() == 1 && body.charAt(0) != '\\') {
            return (int) body.charAt(0);
        }
        if (body.equals("\\\\") || body.equals("\\'")) {
            return (int) body.charAt(1);
        }
        if (body.matches("\\\\x[0-9a-fA-F]{1,2}")) {
            return Integer.parseInt(body.substring(2), 16);
        }
        if (body.matches("\\\\[0-7]{1,3}")) {
            return Integer.parseInt(body.substring(1), 8) & 0xFF;
        }
        return null;
    }
}
