package dev.rtc.filter;

/**
 * One token of a display filter. {@code text} is the source text, except for STRING and CHAR where it is the
 * decoded value (for STRING a byte string, one char per byte: UTF-8 for what was typed, raw bytes for \\x and
 * octal escapes); {@code raw} is always the source text.
 */
record Token(Kind kind, String text, String raw, Span span) {

    enum Kind {
        LPAREN, RPAREN, LBRACE, RBRACE, COMMA, DOTDOT,
        /** A slice {@code [...]}: text is what is between the brackets, span covers the inside. */
        SLICE,
        EQ, NE, ALL_EQ, ANY_NE, GT, LT, GE, LE, CONTAINS, MATCHES, IN,
        AND, OR, NOT, ANY, ALL,
        BITAND, PLUS, MINUS, STAR, SLASH, PERCENT,
        /** An unquoted word: a field name, a number, an address, a byte string. */
        WORD,
        /** A quoted string; text holds the value with escapes decoded. */
        STRING,
        /** A character constant {@code 'c'}; text holds the one character. */
        CHAR,
        /** A character no token starts with. */
        INVALID,
        EOF
    }

    int start() {
        return span.start();
    }
}
