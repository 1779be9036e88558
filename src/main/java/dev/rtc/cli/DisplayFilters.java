package dev.rtc.cli;

import dev.rtc.Exit;
import dev.rtc.RtcException;
import dev.rtc.dissect.Fields;
import dev.rtc.filter.DisplayFilter;
import dev.rtc.filter.FilterException;

/** Compiles display filters for the capture command; a mistake becomes Wireshark's message with a caret under it. */
final class DisplayFilters {
    private DisplayFilters() {
    }

    /** The compiled filter, or an RtcException (exit 2) whose message is Wireshark's text and the caret lines. */
    static DisplayFilter compile(String expression) {
        try {
            return DisplayFilter.compile(expression, Fields.registry());
        } catch (FilterException e) {
            String caret = e.caret(expression);
            throw new RtcException(Exit.USAGE, e.getMessage() + (caret.isEmpty() ? "" : "\n" + caret));
        }
    }

    /** True when the expression compiles as a display filter (for the hint when one is given to -f). */
    static boolean valid(String expression) {
        try {
            DisplayFilter.compile(expression, Fields.registry());
            return true;
        } catch (FilterException e) {
            return false;
        }
    }
}
