package dev.rtc.cli.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Marks the display filter in the line being typed, as Wireshark's filter bar does: green when it compiles, red
 * when it does not (without colour, an invalid filter is underlined and a valid one left plain).
 */
public final class FilterHighlighter implements Highlighter {
    private final CommandSpec root;
    private final FilterChecker checker;
    private final boolean color;

    public FilterHighlighter(CommandSpec root, FilterChecker checker, boolean color) {
        this.root = root;
        this.checker = checker;
        this.color = color;
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        List<int[]> spans = filterSpans(reader.getParser(), buffer);
        if (spans.isEmpty()) {
            return new AttributedString(buffer);
        }
        StringBuilder filter = new StringBuilder();
        for (int[] s : spans) {
            filter.append(filter.length() == 0 ? "" : " ").append(buffer, s[0], s[1]);
        }
        boolean valid = check(filter.toString()).isEmpty();
        AttributedStyle style = valid
                ? (color ? AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN) : AttributedStyle.DEFAULT)
                : (color ? AttributedStyle.DEFAULT.foreground(AttributedStyle.RED) : AttributedStyle.DEFAULT.underline());
        AttributedStringBuilder sb = new AttributedStringBuilder();
        int at = 0;
        for (int[] s : spans) {
            sb.append(buffer.substring(at, s[0]));
            sb.styled(style, buffer.substring(s[0], s[1]));
            at = s[1];
        }
        sb.append(buffer.substring(at));
        return sb.toAttributedString();
    }

    /** Checks a filter, never throwing: a checker failure counts as "cannot tell", i.e. valid. */
    Optional<FilterChecker.Problem> check(String filter) {
        try {
            return checker.check(filter);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Offsets [start, end) in the buffer of the words that are display-filter arguments. */
    List<int[]> filterSpans(Parser parser, String buffer) {
        List<int[]> spans = new ArrayList<>();
        ParsedLine line;
        try {
            line = parser.parse(buffer, buffer.length(), Parser.ParseContext.COMPLETE);
        } catch (RuntimeException e) {
            return spans;
        }
        List<String> words = line.words();
        int from = 0;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.isEmpty()) {
                continue;
            }
            int at = buffer.indexOf(w, from);
            if (at < 0) {
                continue;
            }
            from = at + w.length();
            if (CommandPosition.locate(root, words, i).isFilter()) {
                spans.add(new int[] {at, at + w.length()});
            }
        }
        return spans;
    }

    @Override
    public void setErrorPattern(Pattern errorPattern) {
        // errors are found by the filter checker, not by a pattern
    }

    @Override
    public void setErrorIndex(int errorIndex) {
        // errors are found by the filter checker, not by an index
    }
}
