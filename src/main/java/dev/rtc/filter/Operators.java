package dev.rtc.filter;

import dev.rtc.filter.Token.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every operator spelling of the display-filter language (Wireshark 4.0's), in one table: the scanner reads
 * words from it, and the shell's completion and highlighting list what it exports, so the two cannot disagree.
 * Wireshark 4.0 has no {@code xor}; {@code bitand} came later.
 */
public final class Operators {
    /** What an operator does, for those that list them. */
    public enum Role {
        /** and, or, not. */
        LOGICAL,
        /** ==, contains, in... */
        COMPARISON,
        /** &, +, -... */
        ARITHMETIC,
        /** any, all, in front of a comparison. */
        QUANTIFIER
    }

    /** One spelling, and whether it is a word (else made of symbols). */
    public record Spelling(String text, Role role) {
        public boolean word() {
            return Character.isLetter(text.charAt(0));
        }
    }

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();
    private static final Map<String, Role> ROLES = new LinkedHashMap<>();

    static {
        logical(Kind.AND, "and", "&&");
        logical(Kind.OR, "or", "||");
        logical(Kind.NOT, "not", "!");
        comparison(Kind.EQ, "==", "eq", "any_eq");
        comparison(Kind.NE, "!=", "ne", "all_ne");
        comparison(Kind.ALL_EQ, "===", "all_eq");
        comparison(Kind.ANY_NE, "!==", "~=", "any_ne");
        comparison(Kind.GT, ">", "gt");
        comparison(Kind.GE, ">=", "ge");
        comparison(Kind.LT, "<", "lt");
        comparison(Kind.LE, "<=", "le");
        comparison(Kind.CONTAINS, "contains");
        comparison(Kind.MATCHES, "matches", "~");
        comparison(Kind.IN, "in");
        add(Kind.BITAND, Role.ARITHMETIC, "&", "bitwise_and");
        add(Kind.PLUS, Role.ARITHMETIC, "+");
        add(Kind.MINUS, Role.ARITHMETIC, "-");
        add(Kind.STAR, Role.ARITHMETIC, "*");
        add(Kind.SLASH, Role.ARITHMETIC, "/");
        add(Kind.PERCENT, Role.ARITHMETIC, "%");
        add(Kind.ANY, Role.QUANTIFIER, "any");
        add(Kind.ALL, Role.QUANTIFIER, "all");
    }

    private Operators() {
    }

    private static void logical(Kind kind, String... spellings) {
        add(kind, Role.LOGICAL, spellings);
    }

    private static void comparison(Kind kind, String... spellings) {
        add(kind, Role.COMPARISON, spellings);
    }

    private static void add(Kind kind, Role role, String... spellings) {
        for (String s : spellings) {
            KINDS.put(s, kind);
            ROLES.put(s, role);
        }
    }

    /** Every spelling, in the order of the table (the usual symbol first). */
    public static List<Spelling> all() {
        return ROLES.entrySet().stream().map(e -> new Spelling(e.getKey(), e.getValue())).toList();
    }

    /** The spellings of one role. */
    public static Set<String> of(Role role) {
        return ROLES.entrySet().stream().filter(e -> e.getValue() == role).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /** The usual spelling of each operator of one role: the first the table gives for it. */
    public static List<String> usual(Role role) {
        Map<Kind, String> first = new LinkedHashMap<>();
        ROLES.forEach((text, r) -> {
            if (r == role) {
                first.putIfAbsent(KINDS.get(text), text);
            }
        });
        return List.copyOf(first.values());
    }

    /** Whether a word is an operator (so not a field name). */
    public static boolean isWord(String text) {
        Role r = ROLES.get(text);
        return r != null && Character.isLetter(text.charAt(0));
    }

    /** The token a word spelling scans to, or null when the word is not an operator. */
    static Kind wordKind(String text) {
        return isWord(text) ? KINDS.get(text) : null;
    }

    /** The token any spelling scans to (for the test that holds the scanner to this table). */
    static Kind kind(String text) {
        return KINDS.get(text);
    }
}
