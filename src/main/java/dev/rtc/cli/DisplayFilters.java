package dev.rtc.cli;

import dev.rtc.Exit;
import dev.rtc.RtcException;
import dev.rtc.capture.LiveCapture;
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
            throw new RtcException(Exit.USAGE, e.getMessage() + (caret.isEmpty() ? "" : "\n" + caret)
                    + (looksLikeCaptureFilter(expression) ? CAPTURE_FILTER_NOTE : ""));
        }
    }

    /** tshark's words when a read filter that is not a display filter compiles as a capture filter. */
    static final String CAPTURE_FILTER_NOTE = "\n  Note: That read filter code looks like a valid capture filter;"
            + "\n        maybe you mixed them up?";

    /** Whether libpcap compiles the text as a BPF filter for Ethernet, as tshark asks before adding its note. */
    private static boolean looksLikeCaptureFilter(String expression) {
        try {
            return LiveCapture.bpfError(expression, 1, 68) == null;
        } catch (RtcException noLibpcap) {
            return false;
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
