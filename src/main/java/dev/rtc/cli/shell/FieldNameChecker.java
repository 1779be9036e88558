package dev.rtc.cli.shell;

import dev.rtc.cli.shell.FilterTokens.Token;
import dev.rtc.dissect.FieldRegistry;
import java.util.List;
import java.util.Optional;

/**
 * A {@link FilterChecker} that knows the field registry only: every name in a field position must be a field or
 * protocol, as Wireshark's first check says. Values (after a comparison, inside braces) are not names.
 */
public final class FieldNameChecker implements FilterChecker {
    private final FieldRegistry fields;

    public FieldNameChecker(FieldRegistry fields) {
        this.fields = fields;
    }

    @Override
    public Optional<Problem> check(String filter) {
        List<Token> tokens = FilterTokens.split(filter);
        int braces = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            braces += t.text().equals("{") ? 1 : t.text().equals("}") ? -1 : 0;
            if (t.type() != FilterTokens.Type.NAME || braces > 0 || FilterTokens.KEYWORDS.contains(t.text())
                    || !Character.isLetter(t.text().charAt(0))) {
                continue;
            }
            Token prev = i == 0 ? null : tokens.get(i - 1);
            if (prev != null && FilterTokens.COMPARISON.contains(prev.text())) {
                continue;
            }
            if (fields.lookup(t.text()) == null) {
                return Optional.of(new Problem(t.start(), t.end(),
                        "\"" + t.text() + "\" is neither a field nor a protocol name."));
            }
        }
        return Optional.empty();
    }
}
