package dev.rtc.cli.shell;

import dev.rtc.cli.shell.FilterTokens.Token;
import dev.rtc.dissect.Field;
import dev.rtc.dissect.FieldRegistry;
import dev.rtc.filter.Operators;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Completion inside a display filter: field and protocol names from the field registry ({@code stun.att.}
 * offers every STUN attribute field), operators after a field, value names after {@code field ==} when the
 * field has them.
 */
public final class FilterCompletion {
    /**
     * One completion.
     *
     * @param value       the whole filter text up to the cursor, with the completion in place
     * @param display     what the list shows
     * @param description the field's description, or null
     * @param group       "fields", "operators" or "values"
     */
    public record Suggestion(String value, String display, String description, String group) {
    }

    /** After a field: its comparisons, then what joins it to the next test. */
    private static final List<String> FIELD_OPERATORS = java.util.stream.Stream.concat(
            Operators.usual(Operators.Role.COMPARISON).stream(),
            Operators.of(Operators.Role.LOGICAL).stream().filter(s -> !Character.isLetter(s.charAt(0))
                    && !s.equals("!"))).toList();
    /** After a test: what joins it to the next. */
    private static final List<String> LOGICAL_OPERATORS = List.copyOf(Operators.of(Operators.Role.LOGICAL).stream()
            .filter(s -> !s.equals("!")).toList());

    private final FieldRegistry fields;

    public FilterCompletion(FieldRegistry fields) {
        this.fields = fields;
    }

    /** Completions for a filter typed up to the cursor. */
    public List<Suggestion> complete(String typed) {
        int start = typed.length();
        while (start > 0 && FilterTokens.isNameChar(typed.charAt(start - 1))) {
            start--;
        }
        String head = typed.substring(0, start);
        String partial = typed.substring(start);
        List<Token> before = FilterTokens.split(head);
        Token last = before.isEmpty() ? null : before.get(before.size() - 1);
        Token beforeLast = before.size() < 2 ? null : before.get(before.size() - 2);

        List<Suggestion> out = new ArrayList<>();
        if (last != null && FilterTokens.COMPARISON.contains(last.text()) && beforeLast != null) {
            Field f = fields.lookup(beforeLast.text());
            if (f != null) {
                for (Map.Entry<Long, String> v : f.valueNames().entrySet()) {
                    String name = v.getValue().contains(" ") ? "\"" + v.getValue() + "\"" : v.getValue();
                    if (name.startsWith(partial)) {
                        out.add(new Suggestion(head + name, name, String.valueOf(v.getKey()), "values"));
                    }
                }
                if (!out.isEmpty() || !partial.isEmpty()) {
                    return sorted(out);
                }
            }
        }
        boolean afterOperand = last != null
                && (last.type() == FilterTokens.Type.NAME && !Operators.isWord(last.text())
                    || last.type() == FilterTokens.Type.STRING || last.text().equals(")"));
        if (partial.isEmpty() && afterOperand && Character.isWhitespace(typed.charAt(typed.length() - 1))) {
            // "udp.port " -> what may follow a field; "udp.port == 5 " -> what may follow a test
            List<String> ops = fields.lookup(last.text()) != null ? FIELD_OPERATORS : LOGICAL_OPERATORS;
            for (String op : ops) {
                out.add(new Suggestion(head + op, op, null, "operators"));
            }
            return out;
        }
        // A name with a dot lists every field below it; a bare word lists protocols (and dot-less fields).
        boolean deep = partial.contains(".");
        for (Field f : fields.withPrefix(partial)) {
            if (deep || !f.name().contains(".")) {
                out.add(new Suggestion(head + f.name(), f.name(), f.description(), "fields"));
            }
        }
        return out;
    }

    private static List<Suggestion> sorted(List<Suggestion> list) {
        list.sort((a, b) -> a.display().compareTo(b.display()));
        return list;
    }
}
