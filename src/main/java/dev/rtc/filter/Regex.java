package dev.rtc.filter;

import java.util.Map;
import java.util.regex.PatternSyntaxException;

/** Regular-expression errors in the words of PCRE2, the library Wireshark compiles {@code matches} with. */
final class Regex {
    private Regex() {
    }

    private static final Map<String, String> PCRE2 = Map.of(
            "Unclosed group", "missing closing parenthesis",
            "Unclosed character class", "missing terminating ] for character class",
            "Unmatched closing ')'", "unmatched closing parenthesis",
            "Dangling meta character '*'", "quantifier does not follow a repeatable item",
            "Dangling meta character '+'", "quantifier does not follow a repeatable item",
            "Dangling meta character '?'", "quantifier does not follow a repeatable item",
            "Unexpected internal error", "\\\\ at end of pattern",
            "Illegal repetition", "quantifier does not follow a repeatable item");

    static String message(PatternSyntaxException e) {
        String d = e.getDescription();
        return PCRE2.getOrDefault(d, d);
    }
}
